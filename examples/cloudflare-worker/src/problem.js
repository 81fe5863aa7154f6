// Errors as RFC 9457 problem details (application/problem+json), and the status each one gets.
import { isContraForceError } from "contraforce-incident";
import { ConfigError } from "./config.js";

export const PROBLEM_TYPE = "application/problem+json";

const TITLES = {
  400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed", 413: "Content Too Large",
  415: "Unsupported Media Type", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** A problem raised by the worker itself (bad route, bad body, ...), before any upstream request. */
export class WorkerProblem extends Error {
  constructor(status, code, detail, extra = {}) {
    super(detail);
    this.name = "WorkerProblem";
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

/**
 * The status this worker answers for an upstream error. The caller of the worker is not the API's client: an
 * upstream 401/403 means the worker's own credentials are wrong or lack a role, which the caller cannot fix, so
 * it is a 502 (the upstream status and code are in the body). An upstream 400 or 404 is about what the caller
 * asked for and passes through; 429 becomes 503 with Retry-After.
 */
export function statusFor(error) {
  switch (error.kind) {
    case "InvalidArgument":
      return 400;
    case "Timeout":
      return 504;
    case "Aborted":
      return 503;
    case "Http":
      if (error.status === 400 || error.status === 404) return error.status;
      if (error.status === 429) return 503;
      return 502;
    default: // Network, Decode, TooLarge, and kinds a later version may add
      return 502;
  }
}

function clean(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined && v !== null));
}

function detailOf(error) {
  // An error page from a proxy or load balancer in front of the API: say so, without quoting the page.
  if (error.kind === "Http" && !error.code) {
    return `The ContraForce API (or a proxy in front of it) answered HTTP ${error.status} without a problem document` +
      `${error.contentType ? ` (${error.contentType.split(";")[0]})` : ""}.`;
  }
  return error.message;
}

/** The problem document for anything thrown while answering `instance`. Never includes a credential. */
export function problemFor(error, instance) {
  if (isContraForceError(error)) {
    const status = statusFor(error);
    return clean({
      type: "about:blank",
      title: TITLES[status],
      status,
      detail: error.detail ?? detailOf(error),
      instance,
      kind: error.kind,
      upstreamStatus: error.status,
      code: error.code,
      requestId: error.requestId,
      target: error.target,
      errors: error.errors,
      field: error.field,
      path: error.path,
      expected: error.expected,
      found: error.found,
      timeoutMs: error.timeoutMs,
      limit: error.limit,
      attempts: error.attempts,
      retryAfterMs: error.retryAfterMs,
      upstreamContentType: error.kind === "Http" && !error.code ? error.contentType : undefined,
    });
  }
  if (error instanceof WorkerProblem) {
    return clean({
      type: "about:blank", title: TITLES[error.status], status: error.status, detail: error.message, instance,
      kind: "Request", code: error.code, ...error.extra,
    });
  }
  if (error instanceof ConfigError) {
    return {
      type: "about:blank", title: TITLES[500], status: 500, detail: `The worker is misconfigured: ${error.message}`,
      instance, kind: "Config", code: "WORKER_MISCONFIGURED", variable: error.variable,
    };
  }
  // Our own bug: say nothing about it to the caller (the message could quote anything); the log has it.
  console.error("unexpected error", error?.stack ?? String(error));
  return { type: "about:blank", title: TITLES[500], status: 500, detail: "Unexpected error in the worker.", instance,
    kind: "Internal", code: "INTERNAL" };
}

/** Replaces every occurrence of a credential in `text`: a second line of defence behind the package's own. */
export function redact(text, secrets) {
  let out = text;
  for (const secret of secrets) {
    // As written, and as it reads inside a JSON string.
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) out = out.split(form).join("[redacted]");
  }
  return out;
}

/** A JSON response, credentials redacted. */
export function json(body, { status = 200, headers = {}, secrets = [], contentType = "application/json" } = {}) {
  return new Response(redact(JSON.stringify(body), secrets), {
    status,
    headers: { "Content-Type": `${contentType}; charset=utf-8`, ...headers },
  });
}

/** A problem+json response for `error`, with the upstream request id also as a header. */
export function problemResponse(error, instance, secrets, headers = {}) {
  const problem = problemFor(error, instance);
  const extra = { "Cache-Control": "no-store", ...headers };
  if (problem.requestId) extra["X-Upstream-Request-Id"] = problem.requestId;
  if (problem.status === 503 && problem.retryAfterMs) extra["Retry-After"] = String(Math.ceil(problem.retryAfterMs / 1000));
  if (problem.status === 405 && problem.allow) extra.Allow = problem.allow;
  return json(problem, { status: problem.status, headers: extra, secrets, contentType: PROBLEM_TYPE });
}
