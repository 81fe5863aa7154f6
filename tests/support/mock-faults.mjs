// Fault injection for the local ContraForce API (tests/support/mock-api.mjs):
// the fault spec (its fields and their checks), the queue fed by `POST /__control/faults`,
// and the special incident ids (`fault-status-503`, ...) for manual and demo use.
// Node 20 built-ins only.

/** Raised for a fault spec that cannot be honoured; the control API answers 400 with its message. */
export class FaultError extends Error {
  constructor(message) {
    super(message);
    this.name = "FaultError";
  }
}

// Characters Node accepts in a header value (it throws on anything else at write time).
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const LOCATION = /^[\x21-\x7e]+$/;
const FIXTURE_NAME = /^[A-Za-z0-9_.-]+\.(json|html|txt)$/;

const fail = (key, what) => {
  throw new FaultError(`fault field '${key}' must be ${what}`);
};
const bool = (v, k) => (typeof v === "boolean" ? v : fail(k, "true or false"));
const int = (min, max) => (v, k) =>
  Number.isInteger(v) && v >= min && v <= max ? v : fail(k, `an integer from ${min} to ${max}`);
const headerValue = (v, k) => {
  const s = typeof v === "number" ? String(v) : v;
  return typeof s === "string" && HEADER_VALUE.test(s) ? s : fail(k, "a string without control characters");
};

/** Every field a fault spec may carry, with what it does. Unknown fields are refused (typos fail loudly). */
export const FAULT_FIELDS = Object.freeze({
  status: "HTTP status. >= 400 answers problem+json (the fixture file verbatim for 400, 401, 403, 404); 3xx an empty body; 2xx changes the status of the normal answer",
  retryAfter: "sent verbatim as the Retry-After header (string; a number is sent as its decimal text)",
  delayMs: "wait this long before anything is sent (before the headers)",
  html502: "answer with tests/fixtures/proxy_502.html as text/html (status 502 unless `status` says otherwise)",
  drop: "destroy the socket without any response",
  dropMidBody: "send the headers (with the full Content-Length) and half the body, then destroy the socket",
  truncate: "send only the first half of the body, with a matching Content-Length (a clean but truncated JSON)",
  trickleMs: "send the body `trickleBytes` (default 16) bytes at a time, pausing this long between writes",
  trickleBytes: "chunk size for trickleMs",
  body: "answer with this body verbatim (a string; any other JSON value is serialised). Status 200 unless `status` is given",
  fixture: "answer with this file of tests/fixtures/ verbatim (e.g. \"problem_403.json\"). Status 200 unless `status` is given",
  contentType: "Content-Type of the answer (with `body`/`fixture`, or replacing the normal one); null sends none",
  contentLengthExtra: "declare this many bytes more in Content-Length than are sent, then close the connection",
  gzip: "gzip the body and send Content-Encoding: gzip",
  redirectTo: "answer 302 (or `status` if 3xx) with this Location, verbatim: relative, absolute (another server), or \"self\" (the request's own path: a loop)",
  bigBodyBytes: "answer 200 with a valid incident JSON padded (extra evidence rows, then spaces) to exactly this many bytes",
  noCors: "leave out the CORS headers (a browser then refuses the answer)",
  times: "how many matching requests the fault applies to (default 1; -1 = until cleared)",
  match: "apply only to requests whose path+query contains this substring (raw or percent-decoded)",
  label: "name shown in the request log's `fault` field",
});

const CHECKS = {
  status: int(200, 599),
  retryAfter: headerValue,
  delayMs: int(0, 600_000),
  html502: bool,
  drop: bool,
  dropMidBody: bool,
  truncate: bool,
  trickleMs: int(1, 60_000),
  trickleBytes: int(1, 1 << 20),
  body: (v) => (typeof v === "string" ? v : JSON.stringify(v)),
  fixture: (v, k) => (typeof v === "string" && FIXTURE_NAME.test(v) ? v : fail(k, "a file name in tests/fixtures/")),
  contentType: (v, k) => (v === null ? null : headerValue(v, k)),
  contentLengthExtra: int(1, 1 << 30),
  gzip: bool,
  redirectTo: (v, k) => (typeof v === "string" && LOCATION.test(v) ? v : fail(k, "a URL or path (printable ASCII, no spaces)")),
  bigBodyBytes: int(1, 256 * 1024 * 1024),
  noCors: bool,
  times: (v, k) => (v === -1 || (Number.isInteger(v) && v >= 1) ? v : fail(k, "a positive integer, or -1 for always")),
  match: (v, k) => (typeof v === "string" && v.length > 0 ? v : fail(k, "a non-empty string")),
  label: (v, k) => (typeof v === "string" ? v.slice(0, 100) : fail(k, "a string")),
};

/** Checks one fault spec and returns a clean copy (with `times` filled in). Throws FaultError. */
export function normalizeFault(input) {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new FaultError("a fault spec must be a JSON object, e.g. {\"status\": 503, \"retryAfter\": \"2\"}");
  }
  const out = {};
  for (const [key, value] of Object.entries(input)) {
    const check = CHECKS[key];
    if (!check) throw new FaultError(`unknown fault field '${key}' (known: ${Object.keys(CHECKS).join(", ")})`);
    out[key] = check(value, key);
  }
  out.times ??= 1;
  return out;
}

/** Faults queued for the next matching requests, first queued first used. */
export class FaultQueue {
  #items = [];
  #nextId = 1;

  /** Queues one spec or an array of specs; all or none (a bad spec queues nothing). Returns the queued copies. */
  add(specs) {
    const list = (Array.isArray(specs) ? specs : [specs]).map(normalizeFault);
    const queued = list.map((spec) => ({ id: this.#nextId++, ...spec, remaining: spec.times }));
    this.#items.push(...queued);
    return queued.map(({ remaining, ...spec }) => spec);
  }

  /** Takes the first fault that matches this request path (raw and decoded), or null. */
  take(rawPath, decodedPath) {
    const index = this.#items.findIndex(
      (f) => f.match === undefined || rawPath.includes(f.match) || (decodedPath ?? "").includes(f.match),
    );
    if (index < 0) return null;
    const fault = this.#items[index];
    if (fault.remaining > 0 && --fault.remaining === 0) this.#items.splice(index, 1);
    const { remaining, ...spec } = fault;
    return spec;
  }

  /** Empties the queue; returns how many faults were pending. */
  clear() {
    const n = this.#items.length;
    this.#items.length = 0;
    return n;
  }

  /** The pending faults, with how many uses each has left. */
  list() {
    return this.#items.map((f) => ({ ...f }));
  }

  get size() {
    return this.#items.length;
  }
}

/**
 * Special incident ids: requesting `/workspaces/{any}/incidents/{any source}/{id}` with one of these ids
 * applies the fault to that request. Where the fault keeps the normal answer (delay, trickle, gzip, ...),
 * that answer is the full sample incident, after the usual credential check.
 * `build(match, ctx)` returns the fault spec; ctx = { rawWorkspace, query }.
 */
export const SPECIAL_IDS = Object.freeze([
  { id: "fault-status-<code>", example: "fault-status-503", does: "answers <code> (200-599) as problem+json; 400/401/403/404 use the fixture files", re: /^fault-status-([2-5]\d\d)$/, build: (m) => ({ status: Number(m[1]) }) },
  { id: "fault-retry-after-<s>-<code>", example: "fault-retry-after-2-503", does: "answers <code> with Retry-After: <s> (delta-seconds)", re: /^fault-retry-after-(\d{1,6})-([2-5]\d\d)$/, build: (m) => ({ status: Number(m[2]), retryAfter: m[1] }) },
  { id: "fault-retry-after-date-<s>-<code>", example: "fault-retry-after-date-2-429", does: "answers <code> with Retry-After as an HTTP-date <s> seconds ahead", re: /^fault-retry-after-date-(\d{1,6})-([2-5]\d\d)$/, build: (m) => ({ status: Number(m[2]), retryAfter: new Date(Date.now() + Number(m[1]) * 1000).toUTCString() }) },
  { id: "fault-retry-after-invalid-<code>", example: "fault-retry-after-invalid-503", does: "answers <code> with Retry-After: abc (invalid, to be ignored)", re: /^fault-retry-after-invalid-([2-5]\d\d)$/, build: (m) => ({ status: Number(m[1]), retryAfter: "abc" }) },
  { id: "fault-html-502", example: "fault-html-502", does: "a proxy's HTML 502 page (text/html)", re: /^fault-html-502$/, build: () => ({ html502: true }) },
  { id: "fault-drop", example: "fault-drop", does: "closes the connection without any response", re: /^fault-drop$/, build: () => ({ drop: true }) },
  { id: "fault-drop-mid-body", example: "fault-drop-mid-body", does: "sends headers and half the body, then resets the connection", re: /^fault-drop-mid-body$/, build: () => ({ dropMidBody: true }) },
  { id: "fault-slow-<ms>", example: "fault-slow-5000", does: "waits <ms> before the headers, then answers the sample incident", re: /^fault-slow-(\d{1,6})$/, build: (m) => ({ delayMs: Math.min(Number(m[1]), 600_000) }) },
  { id: "fault-trickle-<ms>", example: "fault-trickle-200", does: "sends the sample incident 16 bytes every <ms> (a body slower than any timeout)", re: /^fault-trickle-(\d{1,5})$/, build: (m) => ({ trickleMs: Math.max(1, Math.min(Number(m[1]), 60_000)) }) },
  { id: "fault-truncated-json", example: "fault-truncated-json", does: "200 application/json with only the first half of the body (Content-Length matches)", re: /^fault-truncated-json$/, build: () => ({ truncate: true }) },
  { id: "fault-content-length-extra", example: "fault-content-length-extra", does: "declares 1024 bytes more than it sends, then closes", re: /^fault-content-length-extra$/, build: () => ({ contentLengthExtra: 1024 }) },
  { id: "fault-wrong-content-type", example: "fault-wrong-content-type", does: "the sample incident JSON sent as text/plain", re: /^fault-wrong-content-type$/, build: () => ({ contentType: "text/plain; charset=utf-8" }) },
  { id: "fault-empty-200", example: "fault-empty-200", does: "200 application/json with an empty body", re: /^fault-empty-200$/, build: () => ({ status: 200, body: "", contentType: "application/json; charset=utf-8" }) },
  { id: "fault-empty-404", example: "fault-empty-404", does: "404 with an empty body and no Content-Type", re: /^fault-empty-404$/, build: () => ({ status: 404, body: "", contentType: null }) },
  { id: "fault-problem-200", example: "fault-problem-200", does: "200 whose body is a problem document (problem_404.json, application/problem+json)", re: /^fault-problem-200$/, build: () => ({ status: 200, fixture: "problem_404.json", contentType: "application/problem+json" }) },
  { id: "fault-legacy-404", example: "fault-legacy-404", does: "404 with the older error envelope (error_envelope_legacy_404.json, application/json)", re: /^fault-legacy-404$/, build: () => ({ status: 404, fixture: "error_envelope_legacy_404.json", contentType: "application/json; charset=utf-8" }) },
  { id: "fault-gzip", example: "fault-gzip", does: "the sample incident gzip-encoded (Content-Encoding: gzip)", re: /^fault-gzip$/, build: () => ({ gzip: true }) },
  { id: "fault-big-<bytes>", example: "fault-big-10485760", does: "a valid incident JSON of exactly <bytes> bytes (at most 256 MiB)", re: /^fault-big-(\d{1,9})$/, build: (m) => ({ bigBodyBytes: Math.max(1, Math.min(Number(m[1]), 256 * 1024 * 1024)) }) },
  { id: "fault-redirect-same-origin", example: "fault-redirect-same-origin", does: "302 to the sample incident on this server (relative Location)", re: /^fault-redirect-same-origin$/, build: (m, ctx) => ({ redirectTo: `/api/v2/workspaces/${ctx.rawWorkspace}/incidents/Sentinel/INC-1042${ctx.query ? `?${ctx.query}` : ""}` }) },
  { id: "fault-redirect-loop", example: "fault-redirect-loop", does: "302 to itself, forever", re: /^fault-redirect-loop$/, build: () => ({ redirectTo: "self" }) },
  { id: "fault-no-cors", example: "fault-no-cors", does: "the sample incident without CORS headers (preflight refused too)", re: /^fault-no-cors$/, build: () => ({ noCors: true }) },
]);

/** The fault spec for a special incident id, or null when the id is not one. */
export function specialIdFault(incidentId, ctx) {
  if (!incidentId.startsWith("fault-")) return null;
  for (const entry of SPECIAL_IDS) {
    const m = entry.re.exec(incidentId);
    if (m) return normalizeFault(entry.build(m, ctx));
  }
  return null;
}
