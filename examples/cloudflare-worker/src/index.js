// ContraForce incident lookups at the edge:
//   GET  /incidents/{source}/{incidentId}?workspace=<guid>&withDetails=true|false  → summary + indicators
//   POST /incidents  { workspace?, source, ids: [...], withDetails? }                → one result per id
// Credentials come from worker secrets; errors are application/problem+json; successes are cached briefly.
// (The main module exports only the handler: workerd treats every named export as an entrypoint.)
import { readConfig, secretsOf, clientFor } from "./config.js";
import { WorkerProblem, json, problemResponse } from "./problem.js";
import { lookup } from "./lookup.js";
import { postBatch } from "./batch.js";
import { withDetailsOf, workspaceOf } from "./params.js";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const secrets = secretsOf(env);
    try {
      const config = readConfig(env);
      await checkAccess(request, config);
      const route = matchRoute(request.method, url.pathname);
      const ctx = { client: clientFor(config), config, origin: url.origin };
      if (route.name === "one") return await getOne(ctx, route, url, secrets);
      return await postBatch(ctx, request, secrets);
    } catch (error) {
      const headers = error instanceof WorkerProblem && error.code === "WORKER_UNAUTHORIZED"
        ? { "WWW-Authenticate": 'Bearer realm="contraforce-incident-lookup"' } : {};
      return problemResponse(error, url.pathname, secrets, headers);
    }
  },
};

function matchRoute(method, pathname) {
  const segments = pathname.split("/");
  if (segments[1] === "incidents" && segments.length === 4 && segments[2] && segments[3]) {
    if (method !== "GET") throw methodNotAllowed("GET");
    try {
      return { name: "one", source: decodeURIComponent(segments[2]), incidentId: decodeURIComponent(segments[3]) };
    } catch {
      throw new WorkerProblem(400, "BAD_PATH", "The path is not valid percent-encoding.");
    }
  }
  if (pathname === "/incidents" || pathname === "/incidents/") {
    if (method !== "POST") throw methodNotAllowed("POST");
    return { name: "batch" };
  }
  throw new WorkerProblem(404, "ROUTE_NOT_FOUND",
    "Use GET /incidents/{source}/{incidentId}?workspace=... (a '/' in the id as %2F) or POST /incidents.");
}

function methodNotAllowed(allow) {
  return new WorkerProblem(405, "METHOD_NOT_ALLOWED", `This route answers ${allow} only.`, { allow });
}

/** With WORKER_ACCESS_TOKEN set, callers must send it as a Bearer token (compared in constant time). */
async function checkAccess(request, config) {
  if (!config.accessToken) return;
  const sent = /^Bearer +(\S+)$/i.exec(request.headers.get("Authorization") ?? "")?.[1] ?? "";
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([sent, config.accessToken].map((text) =>
    crypto.subtle.digest("SHA-256", encoder.encode(text))));
  if (!crypto.subtle.timingSafeEqual(a, b)) {
    throw new WorkerProblem(401, "WORKER_UNAUTHORIZED", "Send this worker's access token as a Bearer token.");
  }
}

async function getOne(ctx, route, url, secrets) {
  const request = {
    workspace: workspaceOf(url.searchParams.get("workspace"), ctx.config),
    source: route.source,
    incidentId: route.incidentId,
    withDetails: withDetailsOf(url.searchParams.get("withDetails")),
  };
  const { summary, cache } = await lookup(ctx, request);
  const headers = { "X-Cache": cache, "Cache-Control": `private, max-age=${ctx.config.cacheTtl}` };
  if (summary.requestId) headers["X-Upstream-Request-Id"] = summary.requestId;
  return json(summary, { headers, secrets });
}
