// Renders a decoded incident (`{ data, meta }` from client.getIncident) as DOM. Field names follow the spec's
// ContraForceIncident in camelCase. The package gives null for absent scalars/objects and [] for absent arrays;
// the code below still tolerates undefined so that a partial object never breaks the page.

import { attributes, badge, empty, facts, h, jsonCell, list, present, safeJson, section, tag, textOrDash, timestamp } from "./dom.js";
import { renderGamebook } from "./render-gamebook.js";

/** The whole result: summary, entities, alerts, comments, evidence, gamebook, raw JSON. */
export function renderIncident(data, meta) {
  const incident = data?.incident ?? {};
  const details = data?.investigationDetails ?? null;
  const entities = list(incident.entities);
  const investigationEntities = list(details?.entities);
  const alerts = list(details?.alerts);
  const comments = list(details?.incidentComment);
  const evidence = data?.evidence ?? null;
  const catalog = data?.gamebookCatalog ?? null;

  const nav = h(
    "nav",
    { class: "jump", attrs: { "aria-label": "Sections" } },
    [
      ["entities", `Entities (${entities.length})`],
      ["alerts", `Alerts (${alerts.length})`],
      ["comments", `Comments (${comments.length})`],
      ["evidence", `Evidence (${list(evidence?.rows).length})`],
      ["gamebook", "Gamebook"],
      ["raw", "Raw JSON"],
    ].map(([id, label]) => h("a", { attrs: { href: `#section-${id}` }, text: label })),
  );

  return [
    renderSummary(data, incident, meta),
    nav,
    renderEntities(entities, investigationEntities),
    renderAlerts(alerts, details),
    renderComments(comments, details),
    renderEvidence(evidence),
    renderGamebook(catalog),
    section("raw", "Raw JSON", null, h("details", {}, h("summary", { text: "The decoded data, as the package returned it" }), h("pre", { class: "raw", testid: "raw-json", text: safeJson({ data, meta }, 2) }))),
  ];
}

function renderSummary(data, incident, meta) {
  const title = incident.title ?? incident.name;
  const user = incident.user ?? null;
  const assignee = user?.displayName ?? user?.email ?? null;
  const classification = incident.classification;

  return h(
    "article",
    { class: "panel summary", testid: "incident", attrs: { "aria-labelledby": "incident-title" } },
    h(
      "div",
      { class: "summary-top" },
      badge("source", data?.source ?? incident.source, "incident-source", "Source"),
      h("span", { class: "number" }, h("span", { class: "muted", text: "#" }), textOrDash(incident.number, { testid: "incident-number" })),
      present(incident.id) ? h("code", { class: "incident-id", testid: "incident-id", text: incident.id }) : null,
    ),
    h("h2", { attrs: { id: "incident-title", tabindex: "-1" }, testid: "incident-title", class: present(title) ? "" : "muted", text: present(title) ? title : "(untitled incident)" }),
    h(
      "div",
      { class: "badges" },
      h("span", { class: "badge-label", text: "Severity" }),
      badge("severity", incident.severity, "incident-severity"),
      h("span", { class: "badge-label", text: "Status" }),
      badge("status", incident.status, "incident-status"),
    ),
    present(incident.description) ? h("p", { class: "description prewrap", testid: "incident-description", text: incident.description }) : null,
    facts([
      [
        "Classification",
        h(
          "div",
          {},
          present(classification)
            ? h("strong", { testid: "incident-classification", text: classification })
            : h("span", { class: "muted", testid: "incident-classification", data: { absent: "true" }, text: "Not classified" }),
          present(incident.classificationReason) ? [" · ", h("span", { testid: "incident-classification-reason", text: incident.classificationReason })] : null,
          present(incident.classificationComment) ? h("p", { class: "prewrap quote", testid: "incident-classification-comment", text: incident.classificationComment }) : null,
        ),
      ],
      [
        "Assignee",
        h(
          "div",
          {},
          present(assignee)
            ? h("span", { testid: "incident-assignee", text: assignee })
            : h("span", { class: "muted", testid: "incident-assignee", data: { absent: "true" }, text: "Unassigned" }),
          present(user?.email) && user.email !== assignee ? [" ", h("span", { class: "muted", testid: "incident-assignee-email", text: `<${user.email}>` })] : null,
        ),
      ],
      ["Created", timestamp(incident.creationTime, "ts-created")],
      ["Last modified", timestamp(incident.lastModificationTime, "ts-last-modified")],
      ["Last activity", timestamp(incident.lastActivityTime, "ts-last-activity")],
      ["Workspace", present(incident.workspaceName) || present(incident.workspaceId) ? h("span", {}, textOrDash(incident.workspaceName), present(incident.workspaceId) ? [" ", h("code", { class: "muted", text: incident.workspaceId })] : null) : null],
      ["Source name", present(incident.sourceDisplayName) ? h("span", { text: incident.sourceDisplayName }) : null],
      ["Type", present(incident.type) ? h("span", { text: incident.type }) : null],
      ["Products", present(incident.alertProductNames) ? h("span", { text: list(incident.alertProductNames).join(", ") }) : null],
      ["Tactics", present(incident.tactics) ? h("span", { class: "tags" }, list(incident.tactics).map((t) => tag(t))) : null],
      ["Alerts", incident.alertsCount !== null && incident.alertsCount !== undefined ? h("span", { testid: "incident-alerts-count", text: String(incident.alertsCount) }) : null],
      ["Rule ids", present(incident.ruleIds) ? h("span", { class: "tags" }, list(incident.ruleIds).map((id) => h("code", { text: id }))) : null],
      ["Comment", present(incident.comment) ? h("p", { class: "prewrap quote", testid: "incident-comment", text: incident.comment }) : null],
      ["Defender XDR sourced", incident.isDefenderXDRSourced === true ? h("span", { text: "yes" }) : null],
    ]),
    h(
      "p",
      { class: "meta muted" },
      "Request id ",
      h("code", { testid: "meta-request-id", text: meta?.requestId ?? "—" }),
      " · response time ",
      timestamp(meta?.timestamp, "ts-meta"),
    ),
  );
}

function entityName(entity) {
  return entity.displayName ?? entity.friendlyName ?? entity.fileName ?? entity.hostName ?? entity.userPrincipalName ?? entity.userUpn ?? entity.ipAddress ?? entity.emailAddress ?? entity.id ?? null;
}

function hash(entity) {
  if (!present(entity.fileHash)) return null;
  return present(entity.hashAlgorithm) ? `${entity.hashAlgorithm}:${entity.fileHash}` : entity.fileHash;
}

/** The key attributes of an entity from the incident (IncidentEntity). */
function incidentEntityAttributes(e) {
  return [
    ["UPN", e.userPrincipalName],
    ["Email", e.emailAddress],
    ["IP", e.ipAddress],
    ["Host", e.hostName],
    ["File", e.fileName],
    ["Hash", hash(e)],
    ["Device", e.deviceId],
    ["Azure device", e.deviceAzureId],
    ["Defender ATP device", e.defenderAtpDeviceId],
    ["Defender endpoint device", e.defenderEndpointDeviceId],
    ["Entra user", e.aadUserId],
    ["Subject", e.emailSubject],
    ["Message id", e.networkMessageId],
    ["Email id", e.emailId],
    ["Also known as", e.friendlyName],
  ];
}

/** The key attributes of an entity from the investigation details (InvestigationEntityDto). */
function investigationEntityAttributes(e) {
  return [
    ["UPN", e.userUpn],
    ["Host", e.hostName],
    ["File", e.fileName],
    ["Hash", e.fileHash],
    ["Command line", e.commandLine],
    ["Device", e.deviceId],
    ["Entra user", e.aadUserId],
    ["Message id", e.networkMessageId],
    ["Entra ID user", e.isValidEntraIdUser === true ? "yes" : null],
    ["Entra ID device", e.isValidEntraIdDevice === true ? "yes" : null],
    ["Also known as", e.friendlyName],
  ];
}

/** One entities table: type, name, key attributes (the name is not repeated among the attributes). */
function entityTable(rows, { testid, rowTestid, caption, typeOf, attributesOf }) {
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: "grid entities", testid },
      h("caption", { class: "visually-hidden", text: caption }),
      h("thead", {}, h("tr", {}, ["Type", "Name", "Key attributes"].map((label) => h("th", { attrs: { scope: "col" }, text: label })))),
      h(
        "tbody",
        {},
        rows.map((e) => {
          const name = entityName(e);
          return h(
            "tr",
            { testid: rowTestid, data: { type: e.type ?? "" } },
            h("td", {}, textOrDash(typeOf(e), { class: "entity-type", testid: "entity-type" })),
            h("td", {}, textOrDash(name, { class: "entity-name", testid: "entity-name" })),
            h("td", {}, attributes(attributesOf(e).filter(([, value]) => value !== name), "entity-attributes")),
          );
        }),
      ),
    ),
  );
}

function renderEntities(entities, investigationEntities) {
  const table = entities.length
    ? entityTable(entities, {
        testid: "entities-table",
        rowTestid: "entity-row",
        caption: "Entities of the incident",
        typeOf: (e) => e.type,
        attributesOf: incidentEntityAttributes,
      })
    : empty("The incident lists no entities.", "entities-empty");
  const investigation = investigationEntities.length
    ? h(
        "details",
        { class: "sub" },
        h("summary", { text: `Investigation graph entities (${investigationEntities.length})` }),
        entityTable(investigationEntities, {
          testid: "investigation-entities-table",
          rowTestid: "investigation-entity-row",
          caption: "Entities from the investigation details",
          typeOf: (e) => [e.type, e.entityType].filter(present).join(" · "),
          attributesOf: investigationEntityAttributes,
        }),
      )
    : null;
  return section("entities", "Entities", entities.length, table, investigation);
}

/** Alerts in time order (unparseable times last, ties in the order sent); the times themselves shown as sent. */
function renderAlerts(alerts, details) {
  if (details === null) return section("alerts", "Alerts", 0, empty("No investigation details in this response (turn on “With details”).", "alerts-empty"));
  if (alerts.length === 0) return section("alerts", "Alerts", 0, empty("No alerts.", "alerts-empty"));
  const when = (a) => {
    const t = present(a.timeGenerated) ? Date.parse(String(a.timeGenerated).replace(/([.,]\d{3})\d+/, "$1")) : NaN;
    return Number.isNaN(t) ? Infinity : t;
  };
  const ordered = alerts.map((a, i) => ({ a, i, t: when(a) })).sort((x, y) => x.t - y.t || x.i - y.i);
  return section(
    "alerts",
    "Alerts",
    alerts.length,
    h("p", { class: "hint", text: "Ordered by time generated." }),
    h(
      "ol",
      { class: "timeline", testid: "alerts-timeline" },
      ordered.map(({ a }) =>
        h(
          "li",
          { class: "timeline-item", testid: "alert-item" },
          h("div", { class: "timeline-when" }, timestamp(a.timeGenerated, "ts-alert")),
          h(
            "div",
            { class: "timeline-body" },
            h("div", { class: "row" }, badge("severity", a.severity, "alert-severity", "Severity"), h("strong", { class: "alert-name", testid: "alert-name", text: a.alertName ?? a.displayName ?? "(unnamed alert)" })),
            present(a.alertName) && present(a.displayName) && a.displayName !== a.alertName ? h("div", { class: "small", text: a.displayName }) : null,
            h("div", { class: "muted small" }, [a.productName, a.vendorName, a.kind, a.type].filter(present).join(" · ") || null),
            present(a.tactics) ? h("div", { class: "tags" }, list(a.tactics).map((t) => tag(t))) : null,
            present(a.description) ? h("p", { class: "prewrap", text: a.description }) : null,
          ),
        ),
      ),
    ),
  );
}

function renderComments(comments, details) {
  if (details === null) return section("comments", "Comments", 0, empty("No investigation details in this response (turn on “With details”).", "comments-empty"));
  if (comments.length === 0) return section("comments", "Comments", 0, empty("No comments.", "comments-empty"));
  return section(
    "comments",
    "Comments",
    comments.length,
    h(
      "ol",
      { class: "comments" },
      comments.map((c) => {
        const kinds = [c.isAgentComment && "agent", c.isActivityComment && "activity", c.isClosingComment && "closing"].filter(Boolean);
        return h(
          "li",
          { class: `comment ${kinds.map((k) => `comment-${k}`).join(" ")}`, testid: "comment-item", data: { kinds: kinds.join(" ") } },
          h(
            "div",
            { class: "row" },
            h("strong", { testid: "comment-author", text: c.authorName ?? c.authorEmail ?? (c.isAgentComment ? c.agentName : null) ?? "(unknown author)" }),
            present(c.authorEmail) && c.authorEmail !== c.authorName ? h("span", { class: "muted", text: `<${c.authorEmail}>` }) : null,
            timestamp(c.createdTime, "ts-comment"),
          ),
          h(
            "div",
            { class: "tags" },
            c.isAgentComment ? tag(`Agent: ${c.agentName ?? "unnamed"}`, { class: "tag-agent", testid: "comment-agent", data: { agentName: c.agentName ?? "" } }) : null,
            c.isActivityComment ? tag("Activity", { class: "tag-activity", testid: "comment-activity" }) : null,
            c.isClosingComment ? tag("Closing comment", { class: "tag-closing", testid: "comment-closing" }) : null,
            present(c.ticketId) ? tag(`Ticket ${c.ticketId}${present(c.ticketNoteId) ? ` · note ${c.ticketNoteId}` : ""}`, { testid: "comment-ticket" }) : null,
          ),
          present(c.message) ? h("p", { class: "prewrap message", testid: "comment-message", text: c.message }) : h("p", { class: "muted", text: "(no message)" }),
        );
      }),
    ),
  );
}

function renderEvidence(evidence) {
  const columns = list(evidence?.columns);
  const rows = list(evidence?.rows);
  if (columns.length === 0 && rows.length === 0) return section("evidence", "Evidence", 0, empty("No evidence.", "evidence-empty"));
  const width = Math.max(columns.length, ...rows.map((r) => (Array.isArray(r) ? r.length : 1)));
  const headers = Array.from({ length: width }, (_, i) =>
    i < columns.length
      ? h("th", { attrs: { scope: "col" }, testid: "evidence-column", text: columns[i] ?? "" })
      : h("th", { attrs: { scope: "col" }, class: "muted", title: "A row has more cells than there are columns", text: `(column ${i + 1})` }),
  );
  const hint = h("p", { class: "hint scroll-hint", testid: "evidence-scroll-hint", attrs: { hidden: true } }, `${width} columns: scroll sideways to see them all `, h("span", { class: "scroll-arrow", attrs: { "aria-hidden": "true" }, text: "→" }));
  const scroller = h(
    "div",
    { class: "scroll scroll-x", attrs: { tabindex: "0", role: "region", "aria-label": "Evidence table (scrolls sideways)" } },
    h(
      "table",
      { class: "grid evidence", testid: "evidence-table" },
      h("caption", { class: "visually-hidden", text: "Evidence table" }),
      h("thead", {}, h("tr", {}, headers)),
      h(
        "tbody",
        {},
        rows.length
          ? rows.map((row) => {
              const cells = Array.isArray(row) ? row : [row];
              return h("tr", { testid: "evidence-row" }, Array.from({ length: width }, (_, i) => h("td", { testid: "evidence-cell" }, jsonCell(cells[i]))));
            })
          : h("tr", {}, h("td", { class: "muted", attrs: { colspan: String(width || 1) }, text: "No rows." })),
      ),
    ),
  );
  watchOverflow(scroller, hint);
  return section("evidence", "Evidence", rows.length, hint, scroller);
}

/**
 * Marks a sideways scroller with `data-overflow` ("start", "middle", "end"; absent when it all fits) and shows its
 * hint only while something is out of view, so the scroll shadows and the "scroll sideways" line tell the truth.
 */
function watchOverflow(scroller, hint) {
  const update = () => {
    const hidden = scroller.scrollWidth - scroller.clientWidth;
    if (hidden <= 1) {
      delete scroller.dataset.overflow;
      hint.hidden = true;
      return;
    }
    const left = scroller.scrollLeft;
    const where = left <= 1 ? "start" : left >= hidden - 1 ? "end" : "middle";
    scroller.dataset.overflow = where;
    hint.hidden = false;
    hint.querySelector(".scroll-arrow").textContent = where === "start" ? "→" : where === "end" ? "←" : "← →";
  };
  scroller.addEventListener("scroll", update, { passive: true });
  if (typeof ResizeObserver === "function") new ResizeObserver(update).observe(scroller);
}
