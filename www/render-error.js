// Renders a failed lookup: a ContraForceError (kind, status, API code, problem details, request id, field errors…)
// or, should something else be thrown, a generic panel. Only the error's documented properties are shown.

import { facts, h, present } from "./dom.js";

/** What to check next, by kind and status. */
function hintFor(error) {
  switch (error.kind) {
    case "InvalidArgument":
      return "Nothing was sent. Fix the field named above and look up again.";
    case "Network":
      return "The request did not get a response. Check the base URL and that the API is running; a browser also needs the API to allow CORS from this page's origin.";
    case "Timeout":
      return "The API did not answer in time. Try again, or raise the timeout under Advanced.";
    case "Aborted":
      return "The lookup was cancelled.";
    case "TooLarge":
      return "The response was larger than the client's limit.";
    case "Decode":
      return "The API answered, but the body did not match the incident shape. The path shows where.";
    case "Http":
      if (error.status === 401) return "The API refused the credentials. Check the client id and secret, or the token.";
      if (error.status === 403) return "The credentials are valid but lack access to this workspace.";
      if (error.status === 404) return "No such incident (or workspace). Check the workspace id, source and incident id.";
      if (error.status === 429 || error.status === 503) return "The API asked to slow down. Try again later.";
      return null;
    default:
      return null;
  }
}

function fieldErrors(errors) {
  if (!errors || typeof errors !== "object") return null;
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return h(
    "ul",
    { class: "field-errors", testid: "error-field-errors" },
    entries.map(([field, messages]) =>
      h(
        "li",
        { testid: "error-field-error", data: { field } },
        field === "" ? h("em", { text: "(whole request)" }) : h("code", { text: field }),
        ": ",
        h("span", { text: (Array.isArray(messages) ? messages : [messages]).map(String).join(" ") }),
      ),
    ),
  );
}

const value = (testid, v, tag = "span") => (present(v) || typeof v === "number" ? h(tag, { testid, text: String(v) }) : null);

/** The error panel. `isContraForceError` is the package's guard (checks `name`, works across realms). */
export function renderError(error, isContraForceError) {
  const known = typeof isContraForceError === "function" && isContraForceError(error);
  const kind = known ? error.kind : "Unexpected";
  const message = error instanceof Error || (error && typeof error.message === "string") ? error.message : String(error);
  const hint = known ? hintFor(error) : "The page hit an error that is not a ContraForceError.";

  return h(
    "section",
    { class: "panel error-panel", testid: "error-panel", attrs: { role: "alert", "aria-labelledby": "error-heading", tabindex: "-1" } },
    h(
      "h2",
      { attrs: { id: "error-heading" } },
      "Lookup failed ",
      h("span", { class: `badge badge-error badge-error-${String(kind).toLowerCase()}`, testid: "error-kind", data: { value: kind }, text: kind }),
    ),
    present(message) ? h("p", { class: "error-message prewrap", testid: "error-message", text: message }) : null,
    hint ? h("p", { class: "hint", testid: "error-hint", text: hint }) : null,
    known
      ? facts([
          ["HTTP status", value("error-status", error.status)],
          ["API code", value("error-code", error.code, "code")],
          ["Title", value("error-title", error.title)],
          ["Detail", value("error-detail", error.detail)],
          ["Request id", value("error-request-id", error.requestId, "code")],
          ["Target", value("error-target", error.target, "code")],
          ["Field errors", fieldErrors(error.errors)],
          ["Decode path", value("error-path", error.path, "code")],
          ["Retry after (ms)", value("error-retry-after", error.retryAfterMs)],
          ["Attempts", value("error-attempts", error.attempts)],
          ["Content type", value("error-content-type", error.contentType, "code")],
          ["Body snippet", value("error-snippet", error.snippet, "pre")],
        ])
      : null,
  );
}
