#!/usr/bin/env node
// The local ContraForce API: a mock of
//   GET /api/v2/workspaces/{workspaceId}/incidents/{source}/{incidentId}?withDetails=
// for development, tests and the demo, serving tests/fixtures/ on 127.0.0.1 with Basic/Bearer
// credentials, problem+json errors, CORS, and faults on request. See tests/support/README.md.
//
//   node tests/support/mock-api.mjs [--port 8787] [--host 127.0.0.1] [--quiet]
//   import { startMockApi, SAMPLE } from "./tests/support/mock-api.mjs";
//
// Node 20 built-ins only.

import http from "node:http";
import { realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { FaultError, FaultQueue, specialIdFault } from "./mock-faults.mjs";
import { controlHandler } from "./mock-control.mjs";
import {
  Fixtures, HTML_TYPE, JSON_TYPE, PROBLEM_TYPE, STATUS_FIXTURES, bigIncidentBody, bodyRequestId, clip,
  problem, problemFromFixture, requestIdFactory, withoutDetails,
} from "./mock-bodies.mjs";

export { FAULT_FIELDS, SPECIAL_IDS } from "./mock-faults.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** tests/fixtures/, shared by the Rust tests, the wasm tests, the worker example and the demo. */
export const FIXTURES_DIR = resolve(HERE, "../fixtures");

/** The sample workspace, incident and demo credentials the mock accepts. */
export const SAMPLE = Object.freeze({
  workspaceId: "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b",
  source: "Sentinel",
  incidentId: "INC-1042",
  clientId: "demo-client",
  clientSecret: "demo-secret",
  token: "demo-token",
});

/** A workspace that exists but where the demo credentials lack a role: every incident there is 403. */
export const FORBIDDEN_WORKSPACE_ID = "0b7e5f3a-2c1d-4e9b-8a6f-5d4c3b2a1908";

/** The six incident sources of the contract, in their canonical spelling. */
export const SOURCES = Object.freeze(["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"]);

/** Which fixture answers which (workspace, source, incident id). Ids are the decoded path segment. */
export const CATALOGUE = Object.freeze([
  { workspaceId: SAMPLE.workspaceId, source: "Sentinel", incidentId: "INC-1042", fixture: "incident_full.json" },
  { workspaceId: SAMPLE.workspaceId, source: "DefenderXDR", incidentId: "7d0c2a7e-0d1b-4a8e-9d7f-2f1e3c4b5a69", fixture: "incident_minimal.json" },
  { workspaceId: SAMPLE.workspaceId, source: "Splunk", incidentId: "INC/2026 #7?100% é", fixture: "incident_reserved_chars_id.json" },
]);

/** The path of an incident below the base URL, each segment encoded once: `${api.url}${incidentPath(...)}`. */
export function incidentPath({ workspaceId = SAMPLE.workspaceId, source = SAMPLE.source, incidentId = SAMPLE.incidentId, withDetails } = {}) {
  const path = `/workspaces/${encodeURIComponent(workspaceId)}/incidents/${encodeURIComponent(source)}/${encodeURIComponent(incidentId)}`;
  return withDetails === undefined ? path : `${path}?withDetails=${withDetails}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN68 = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,19}$/;

function assertLoopbackHost(host) {
  if (host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return;
  throw new Error(`the mock API listens on loopback only (127.0.0.0/8, ::1, localhost), not '${host}'`);
}

const isLoopbackAddress = (a) => a === "::1" || /^(::ffff:)?127\./.test(a);

/** The scheme word of an Authorization header, for the log; never any part of the credential. */
function authSchemeOf(header) {
  if (header === undefined) return null;
  const word = header.trim().split(/\s+/, 1)[0] ?? "";
  if (/^basic$/i.test(word)) return "Basic";
  if (/^bearer$/i.test(word)) return "Bearer";
  return TOKEN68.test(word) ? word : "(unrecognised)";
}

/**
 * Starts the local ContraForce API.
 * @param {object} [options]
 * @param {number} [options.port=0] 0 picks a free port
 * @param {string} [options.host="127.0.0.1"] loopback only
 * @param {string} [options.fixturesDir] defaults to tests/fixtures/
 * @param {boolean} [options.quiet=true] false logs one line per request
 * @param {boolean} [options.requireAuth=true] false answers without checking credentials
 * @param {boolean} [options.cors=true] false sends no CORS headers at all
 * @param {{clientId:string, clientSecret:string, token:string}} [options.credentials] defaults to SAMPLE's
 * @param {Array<{workspaceId,source,incidentId,fixture}>} [options.incidents] extra catalogue entries
 * @param {(line:string)=>void} [options.log] where request lines go when not quiet
 * @returns {Promise<{url:string, origin:string, port:number, requests:object[], close:()=>Promise<void>,
 *   addFaults:(specs)=>object[], clearFaults:()=>number, clearRequests:()=>number, pendingFaults:()=>object[]}>}
 */
export async function startMockApi({
  port = 0, host = "127.0.0.1", fixturesDir = FIXTURES_DIR, quiet = true, requireAuth = true, cors = true,
  credentials = SAMPLE, incidents = [], log = (line) => console.log(line), maxLog = 100_000,
} = {}) {
  assertLoopbackHost(host);
  const fixtures = new Fixtures(fixturesDir);
  const catalogue = [...CATALOGUE, ...incidents].map((e) => ({ ...e, workspaceKey: e.workspaceId.toLowerCase() }));
  for (const e of catalogue) fixtures.buffer(e.fixture); // fail at start, not on the first request
  const basicExpected = `${credentials.clientId}:${credentials.clientSecret}`;
  const nextRequestId = requestIdFactory();
  const faults = new FaultQueue();
  const requests = [];
  const sockets = new Set();
  const timers = new Set();
  let closed = false;
  let seq = 0;
  let origin = "";

  const sleep = (ms) => new Promise((done) => {
    const t = setTimeout(() => { timers.delete(t); done(); }, ms);
    timers.add(t);
  });
  const gone = (res) => closed || res.destroyed || !res.socket || res.socket.destroyed;

  function corsHeaders(req, preflight) {
    const h = {
      "Access-Control-Allow-Origin": req.headers.origin ?? "*",
      "Access-Control-Expose-Headers": "X-Request-Id, Retry-After",
      Vary: "Origin",
    };
    if (preflight) {
      h["Access-Control-Allow-Methods"] = "GET, HEAD, POST, DELETE, OPTIONS";
      h["Access-Control-Allow-Headers"] = "Authorization, Accept, Content-Type";
      h["Access-Control-Max-Age"] = "600";
      if (req.headers["access-control-request-private-network"] === "true") h["Access-Control-Allow-Private-Network"] = "true";
    }
    return h;
  }

  const json = (status, doc, requestId, extra = {}) => ({
    status, contentType: status >= 400 ? PROBLEM_TYPE : JSON_TYPE, body: JSON.stringify(doc), requestId, headers: extra,
  });

  function unauthorized(reason, scheme, ctx) {
    const detail = reason === "missing"
      ? "No credentials were sent. Send HTTP Basic with a service account's client id and secret, or a Bearer token."
      : "The credentials sent are not valid for this API.";
    const doc = problemFromFixture(fixtures, STATUS_FIXTURES[401], { detail, instance: ctx.instancePath, requestId: ctx.requestId });
    const bearer = `Bearer realm="ContraForce API"${reason === "invalid" && scheme === "Bearer" ? ', error="invalid_token"' : ""}`;
    return json(401, doc, ctx.requestId, { "WWW-Authenticate": ['Basic realm="ContraForce API", charset="UTF-8"', bearer] });
  }

  /** null when the credentials are good, else the 401 answer. */
  function checkAuth(req, ctx) {
    if (!requireAuth) return null;
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === "") return unauthorized("missing", null, ctx);
    const scheme = authSchemeOf(header);
    const value = header.trim().slice(header.trim().split(/\s+/, 1)[0].length).trim();
    let ok = false;
    if (scheme === "Basic" && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) ok = Buffer.from(value, "base64").toString("utf8") === basicExpected;
    else if (scheme === "Bearer") ok = value === credentials.token;
    ctx.entry.authOk = ok;
    return ok ? null : unauthorized("invalid", scheme, ctx);
  }

  function parseRoute(rawPath, query) {
    const segs = rawPath.split("/");
    const lit = (i, word) => segs[i]?.toLowerCase() === word;
    if (segs.length !== 8 || segs[0] !== "" || !lit(1, "api") || !lit(2, "v2") || !lit(3, "workspaces") || !lit(5, "incidents")) {
      return { kind: "none" };
    }
    if (!segs[4] || !segs[6] || !segs[7]) return { kind: "none" };
    try {
      return {
        kind: "incident",
        rawWorkspace: segs[4],
        workspaceId: decodeURIComponent(segs[4]),
        source: decodeURIComponent(segs[6]),
        incidentId: decodeURIComponent(segs[7]),
        withDetails: new URLSearchParams(query).getAll("withDetails"),
        query,
      };
    } catch {
      return { kind: "bad-encoding" };
    }
  }

  /** The answer without faults: credentials, validation, the catalogue. */
  function normal(req, route, ctx) {
    const { requestId } = ctx;
    if (route.kind === "none") {
      return json(404, problem(404, { detail: `No API endpoint matches ${req.method} ${clip(ctx.rawPath, 200)}.`, instance: clip(ctx.rawPath, 200), requestId }), requestId);
    }
    if (route.kind === "bad-encoding") {
      return json(400, problem(400, { title: "Bad request", detail: "A path segment is not valid percent-encoding.", requestId }), requestId);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return json(405, problem(405, { detail: `${req.method} is not allowed here; use GET.`, instance: ctx.instancePath, requestId }), requestId, { Allow: "GET, HEAD" });
    }
    const denied = checkAuth(req, ctx);
    if (denied) return denied;

    const errors = {};
    const source = SOURCES.find((s) => s.toLowerCase() === route.source.toLowerCase());
    if (!ctx.special && !GUID.test(route.workspaceId)) errors.workspaceId = [`The value '${clip(route.workspaceId)}' is not valid.`];
    if (!ctx.special && !source) errors.source = [`The value '${clip(route.source)}' is not valid. Known sources: ${SOURCES.join(", ")}.`];
    if (route.withDetails.length > 1) errors.withDetails = ["withDetails may be given once."];
    else if (route.withDetails.length === 1 && !/^(true|false)$/i.test(route.withDetails[0])) {
      errors.withDetails = [`The value '${clip(route.withDetails[0])}' is not valid.`];
    }
    if (Object.keys(errors).length > 0) {
      const target = Object.keys(errors).length === 1 ? Object.keys(errors)[0] : undefined;
      return json(400, problem(400, { title: "Validation failed", code: "VALIDATION_ERROR", instance: ctx.instancePath, requestId, target, errors }), requestId);
    }
    const details = route.withDetails.length === 0 || route.withDetails[0].toLowerCase() === "true";

    let entry;
    if (ctx.special) {
      entry = { fixture: "incident_full.json" };
    } else {
      const ws = route.workspaceId.toLowerCase();
      if (ws === FORBIDDEN_WORKSPACE_ID) {
        return json(403, problemFromFixture(fixtures, STATUS_FIXTURES[403], { instance: ctx.instancePath, requestId }), requestId);
      }
      if (!catalogue.some((e) => e.workspaceKey === ws)) {
        return json(404, problem(404, { detail: `Workspace '${clip(route.workspaceId)}' was not found or is not accessible.`, instance: ctx.instancePath, requestId, target: "workspaceId" }), requestId);
      }
      entry = catalogue.find((e) => e.workspaceKey === ws && e.source === source && e.incidentId === route.incidentId);
      if (!entry) {
        return json(404, problem(404, { detail: `Incident '${clip(route.incidentId)}' was not found in workspace '${route.workspaceId}' (source ${source}).`, instance: ctx.instancePath, requestId, target: "incidentId" }), requestId);
      }
    }
    const text = fixtures.text(entry.fixture);
    const body = details ? fixtures.buffer(entry.fixture) : withoutDetails(text);
    return { status: 200, contentType: JSON_TYPE, body, requestId: bodyRequestId(text) ?? requestId };
  }

  /** An answer for a fault status: the fixture file where one exists, else a generated problem. */
  function statusAnswer(status, ctx) {
    if (status < 400) return { status, body: "", requestId: ctx.requestId };
    const name = STATUS_FIXTURES[status];
    const headers = status === 401 ? { "WWW-Authenticate": ['Basic realm="ContraForce API", charset="UTF-8"', 'Bearer realm="ContraForce API"'] } : {};
    if (name) {
      const body = fixtures.buffer(name);
      return { status, contentType: PROBLEM_TYPE, body, requestId: bodyRequestId(body) ?? ctx.requestId, headers };
    }
    return json(status, problem(status, { detail: `Simulated ${status} from the local ContraForce API (fault injection).`, instance: ctx.instancePath, requestId: ctx.requestId }), ctx.requestId, headers);
  }

  /** The answer for this request under its fault (if any). */
  function produce(req, route, fault, ctx) {
    if (fault?.redirectTo) {
      const location = fault.redirectTo === "self" ? req.url : fault.redirectTo;
      const status = fault.status >= 300 && fault.status < 400 ? fault.status : 302;
      return { status, body: "", requestId: ctx.requestId, headers: { Location: location } };
    }
    if (fault?.html502) return { status: fault.status ?? 502, contentType: HTML_TYPE, body: fixtures.buffer("proxy_502.html"), requestId: ctx.requestId };
    if (fault?.body !== undefined || fault?.fixture) {
      const body = fault.body ?? fixtures.buffer(fault.fixture);
      const contentType = "contentType" in fault ? fault.contentType : fault.fixture?.endsWith(".html") ? HTML_TYPE : JSON_TYPE;
      return { status: fault.status ?? 200, contentType, body, requestId: bodyRequestId(body) ?? ctx.requestId };
    }
    if (fault?.status >= 300) return { ...statusAnswer(fault.status, ctx), ...("contentType" in fault ? { contentType: fault.contentType } : {}) };
    if (fault?.bigBodyBytes) {
      const text = fixtures.text("incident_full.json");
      return { status: 200, contentType: JSON_TYPE, body: bigIncidentBody(text, fault.bigBodyBytes), requestId: bodyRequestId(text) };
    }
    const answer = normal(req, route, ctx);
    if (fault?.status && answer.status === 200) answer.status = fault.status;
    if (fault && "contentType" in fault) answer.contentType = fault.contentType;
    return answer;
  }

  async function deliver(req, res, answer, fault, entry) {
    let body = Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body ?? "", "utf8");
    const requestId = answer.requestId ?? entry.requestId;
    const headers = { "Cache-Control": "no-store", "X-Request-Id": requestId };
    if (cors && !fault?.noCors) Object.assign(headers, corsHeaders(req, false));
    Object.assign(headers, answer.headers);
    if (answer.contentType) headers["Content-Type"] = answer.contentType;
    if (fault?.retryAfter !== undefined) headers["Retry-After"] = fault.retryAfter;
    if (fault?.truncate) body = body.subarray(0, Math.floor(body.length / 2));
    if (fault?.gzip) {
      body = gzipSync(body);
      headers["Content-Encoding"] = "gzip";
      headers.Vary = headers.Vary ? `${headers.Vary}, Accept-Encoding` : "Accept-Encoding";
    }
    headers["Content-Length"] = String(body.length + (fault?.contentLengthExtra ?? 0));
    entry.requestId = requestId;
    entry.status = answer.status;
    res.writeHead(answer.status, headers);
    if (req.method === "HEAD") return void res.end();
    if (fault?.dropMidBody) {
      entry.outcome = "dropped";
      return void res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
    }
    if (fault?.trickleMs) {
      const step = fault.trickleBytes ?? 16;
      res.flushHeaders();
      for (let i = 0; i < body.length; i += step) {
        if (gone(res)) return;
        res.write(body.subarray(i, i + step));
        if (i + step < body.length) await sleep(fault.trickleMs);
      }
      if (gone(res)) return;
      body = Buffer.alloc(0);
    }
    if (fault?.contentLengthExtra) {
      entry.outcome = "short";
      return void res.write(body, () => res.socket?.end());
    }
    res.end(body);
  }

  async function handleApi(req, res, rawPath, query) {
    const requestId = nextRequestId();
    const started = Date.now();
    const entry = {
      seq: ++seq, requestId, method: req.method, path: req.url, accept: req.headers.accept ?? null,
      authScheme: authSchemeOf(req.headers.authorization), authOk: null, origin: req.headers.origin ?? null,
      timestamp: new Date(started).toISOString(), fault: null, status: null, outcome: null, ms: null,
    };
    requests.push(entry);
    if (requests.length > maxLog) requests.splice(0, requests.length - maxLog);
    res.on("close", () => {
      entry.ms = Date.now() - started;
      entry.outcome ??= res.writableFinished ? "complete" : entry.status === null ? "dropped" : "aborted";
      if (!quiet) {
        const auth = entry.authScheme ? ` [${entry.authScheme}${entry.authOk === false ? " rejected" : ""}]` : "";
        log(`${entry.method} ${entry.path} -> ${entry.status ?? "no response"} ${entry.outcome}${auth}${entry.fault ? ` fault=${entry.fault}` : ""} ${entry.ms}ms`);
      }
    });

    const route = parseRoute(rawPath, query);
    if (req.method === "OPTIONS") {
      const refuse = !cors || rawPath.includes("fault-no-cors");
      entry.status = 204;
      res.writeHead(204, { "Cache-Control": "no-store", ...(refuse ? {} : corsHeaders(req, true)) });
      return void res.end();
    }

    const ctx = { requestId, entry, rawPath, instancePath: clip(rawPath, 300), special: false };
    let fault = null;
    let decodedUrl = req.url;
    try { decodedUrl = decodeURIComponent(req.url); } catch { /* keep raw */ }
    const queued = faults.take(req.url, decodedUrl);
    if (queued) {
      fault = queued;
      entry.fault = queued.label ?? `queued#${queued.id}`;
    } else if (route.kind === "incident") {
      try { fault = specialIdFault(route.incidentId, route); } catch (e) { if (!(e instanceof FaultError)) throw e; }
      if (fault) {
        ctx.special = true;
        entry.fault = route.incidentId;
      }
    }

    if (fault?.delayMs) {
      await sleep(fault.delayMs);
      if (gone(res)) return;
    }
    if (fault?.drop) {
      entry.outcome = "dropped";
      return void req.socket.destroy();
    }
    await deliver(req, res, produce(req, route, fault, ctx), fault, entry);
  }

  const handleControl = controlHandler({ faults, requests, corsHeaders, baseUrl: () => `${origin}/api/v2` });

  async function onRequest(req, res) {
    const raw = req.url ?? "/";
    const q = raw.indexOf("?");
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    if (rawPath === "/__control" || rawPath.startsWith("/__control/")) return handleControl(req, res, rawPath);
    return handleApi(req, res, rawPath, q < 0 ? "" : raw.slice(q + 1));
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((err) => {
      if (!quiet) console.error("mock API: internal error:", err);
      if (res.headersSent) return void res.destroy();
      const body = JSON.stringify(problem(500, { detail: "The mock API failed while answering; see its console." }));
      res.writeHead(500, { "Content-Type": PROBLEM_TYPE, "Content-Length": String(Buffer.byteLength(body)) });
      res.end(body);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (!isLoopbackAddress(address.address)) {
    server.close();
    throw new Error(`refusing to serve on non-loopback address ${address.address}`);
  }
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  let closing;
  return {
    /** Base URL, as a client is configured: `http://127.0.0.1:PORT/api/v2`. */
    url: `${origin}/api/v2`,
    origin,
    port: address.port,
    /** Live request log (same array for the server's lifetime). */
    requests,
    /** Queues fault specs (one or an array) like `POST /__control/faults`; throws FaultError on a bad spec. */
    addFaults: (specs) => faults.add(specs),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.list(),
    clearRequests: () => requests.splice(0).length,
    /** Stops listening, cancels pending delays and trickles, destroys open sockets. */
    close() {
      closing ??= new Promise((done) => {
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => done());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}

/**
 * A second local API on another port (so another origin) for cross-origin redirect tests:
 * it serves the same catalogue without checking credentials and logs `authScheme` for every
 * request, so a test can see whether an Authorization header followed the redirect.
 */
export function startRedirectTarget(options = {}) {
  return startMockApi({ ...options, requireAuth: false });
}

const invokedPath = process.argv[1] ? (() => { try { return realpathSync(process.argv[1]); } catch { return null; } })() : null;
if (invokedPath && invokedPath === realpathSync(fileURLToPath(import.meta.url))) {
  // Not awaited: mock-cli.mjs imports this module, which must finish evaluating first.
  import("./mock-cli.mjs").then(({ main }) => main(process.argv.slice(2)));
}
