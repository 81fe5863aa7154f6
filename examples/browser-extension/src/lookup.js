// The service worker's lookups, as plain data for the popup: a summary, or a problem. Nothing here holds a
// credential, and the popup never receives one.
import { extractIndicators, isContraForceError } from "./vendor/contraforce-incident/contraforce_incident.js";

/** The summary the popup shows: severity, status, assignee, title, timestamps as sent, indicators. */
export function summarize({ data, meta }, incidentId) {
  const incident = data.incident;
  const { indicators, skipped } = extractIndicators(data);
  return {
    incidentId,
    source: data.source ?? incident?.source ?? null,
    id: incident?.id ?? null,
    number: incident?.number ?? null,
    title: incident?.title ?? null,
    severity: incident?.severity ?? null,
    status: incident?.status ?? null,
    assignee: incident?.user
      ? { displayName: incident.user.displayName, email: incident.user.email }
      : null,
    creationTime: incident?.creationTime ?? null,
    lastModificationTime: incident?.lastModificationTime ?? null,
    indicators: indicators.map(({ kind, value, hashAlgorithm }) => ({ kind, value, hashAlgorithm })),
    skippedIndicators: skipped.length,
    requestId: meta?.requestId ?? null,
  };
}

/** `{ kind, status, code, title, detail, requestId, ... }` for anything a lookup threw. */
export function problemOf(error) {
  if (isContraForceError(error)) {
    const pick = ["kind", "status", "code", "title", "detail", "requestId", "target", "field", "timeoutMs", "path"];
    const problem = Object.fromEntries(pick.filter((k) => error[k] !== undefined).map((k) => [k, error[k]]));
    problem.detail ??= error.message;
    return problem;
  }
  return { kind: "Internal", detail: error instanceof Error ? error.message : String(error) };
}

/** The problem for settings that are not complete yet. */
export function notConfigured(missing) {
  return {
    kind: "Config",
    title: "Not configured",
    detail: `Open the options page and fill in: ${missing.join(", ")}.`,
  };
}
