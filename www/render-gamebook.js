// Renders the gamebook catalog: the last run and the recommended gamebooks, each with its playbooks and their status.

import { badge, empty, facts, h, list, present, safeJson, section, tag, timestamp } from "./dom.js";

// What ran last comes first: it is what an analyst needs to know before running anything else.
const GAMEBOOKS = [
  ["last", "Last run", (c) => c?.lastGamebook],
  ["ai", "Recommended by ContraForce", (c) => c?.recommended?.aiGamebook],
  ["service-provider", "Recommended by the service provider", (c) => c?.recommended?.serviceProviderGamebook],
];

/** The gamebook section; `catalog` is the spec's IncidentGamebooksCatalogDto or null. */
export function renderGamebook(catalog) {
  if (catalog === null) return section("gamebook", "Gamebook", null, empty("No gamebook catalog in this response.", "gamebook-empty"));
  const availability = [
    ["Recommended available", catalog.isRecommendedAvailable],
    ["ContraForce recommendation", catalog.aiRecommendedAvailable],
    ["Service provider recommendation", catalog.serviceProviderRecommendedAvailable],
    ["Previous run available", catalog.isPreviousRunAvailable],
  ].filter(([, v]) => typeof v === "boolean");
  return section(
    "gamebook",
    "Gamebook",
    null,
    availability.length ? h("div", { class: "tags" }, availability.map(([label, v]) => tag(`${label}: ${v ? "yes" : "no"}`, { class: v ? "tag-yes" : "tag-no" }))) : null,
    h("div", { class: "gamebooks" }, GAMEBOOKS.map(([id, label, pick]) => renderOneGamebook(id, label, pick(catalog) ?? null))),
  );
}

function bySequence(playbooks) {
  const seq = (p) => (typeof p.sequence === "number" ? p.sequence : Infinity);
  return playbooks.map((p, i) => ({ p, i })).sort((x, y) => seq(x.p) - seq(y.p) || x.i - y.i).map(({ p }) => p);
}

function renderOneGamebook(id, label, gamebook) {
  if (gamebook === null) {
    return h("div", { class: "gamebook card", testid: `gamebook-${id}`, data: { present: "false" } }, h("h4", { text: label }), empty("None.", "gamebook-none"));
  }
  const playbooks = bySequence(list(gamebook.playbooks));
  const flags = [
    gamebook.isAutoRun && "auto-run",
    gamebook.isQueued && "queued by service provider",
    gamebook.isAdminRequired && "admin required",
    gamebook.isRetryGamebook && `retry of ${gamebook.originalGamebookTitle ?? gamebook.originalGamebookId ?? "an earlier run"}`,
    gamebook.isOcr && "OCR",
    gamebook.isRecover && "recover",
  ].filter(Boolean);
  return h(
    "div",
    { class: "gamebook card", testid: `gamebook-${id}`, data: { present: "true" } },
    h("h4", { text: label }),
    h("div", { class: "row" }, h("strong", { testid: "gamebook-title", text: gamebook.title ?? gamebook.displayName ?? "(untitled gamebook)" }), badge("gamebook", gamebook.status, "gamebook-status", "Status")),
    flags.length ? h("div", { class: "tags" }, flags.map((f) => tag(f))) : null,
    facts(
      [
        ["Created", timestamp(gamebook.creationDate, "ts-gamebook-created")],
        ["Modified", timestamp(gamebook.modificationDate, "ts-gamebook-modified")],
        ["Summary", present(gamebook.summary) ? h("p", { class: "prewrap", text: gamebook.summary }) : null],
      ],
      { class: "compact" },
    ),
    playbooks.length
      ? h(
          "ol",
          { class: "playbooks", testid: "playbooks" },
          playbooks.map((p) =>
            h(
              "li",
              { class: "playbook", testid: "playbook-item", data: { status: p.status ?? "" } },
              h(
                "div",
                { class: "row" },
                h(
                  "span",
                  { class: "playbook-title" },
                  present(p.sequence) ? [h("span", { class: "seq muted", text: `${p.sequence}.` }), " "] : null,
                  h("span", { class: "playbook-name", testid: "playbook-name", text: p.name ?? "(unnamed playbook)" }),
                ),
                badge("playbook", p.status, "playbook-status", "Status"),
                p.isAdminRequired ? tag("admin required") : null,
              ),
              h("div", { class: "muted small" }, [p.entityType, p.affectedEntity].filter(present).join(" · ") || null),
              present(p.description) ? h("p", { class: "small prewrap", text: p.description }) : null,
              present(p.errorMessage) ? h("p", { class: "playbook-error prewrap", testid: "playbook-error", text: p.errorMessage }) : null,
              present(p.startingDate) || present(p.finishingDate) || present(p.executionTime)
                ? h(
                    "div",
                    { class: "small playbook-times" },
                    present(p.startingDate) ? h("span", { class: "when" }, h("span", { class: "muted", text: "Started " }), timestamp(p.startingDate, "ts-playbook-started")) : null,
                    present(p.finishingDate) ? h("span", { class: "when" }, h("span", { class: "muted", text: "Finished " }), timestamp(p.finishingDate, "ts-playbook-finished")) : null,
                    present(p.executionTime) ? h("span", { class: "when" }, h("span", { class: "muted", text: "Took " }), h("span", { text: p.executionTime })) : null,
                  )
                : null,
              p.parameters && typeof p.parameters === "object" && Object.keys(p.parameters).length
                ? h("details", { class: "small" }, h("summary", { text: "Parameters" }), h("pre", { text: safeJson(p.parameters, 2) }))
                : null,
            ),
          ),
        )
      : empty("No playbooks.", "playbooks-empty"),
  );
}
