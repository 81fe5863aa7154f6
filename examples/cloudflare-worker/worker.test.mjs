// The Cloudflare Worker example, bundled by wrangler (`deploy --dry-run`, which also gives the upload size) and run
// in workerd through Miniflare, against the local mock API. Nothing leaves the machine: no login, no metrics, no
// `Request.cf` download, and the mock listens on 127.0.0.1. Reports the gzip upload size and the cold start.
// Requires pkg/ (`node scripts/build.mjs`).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startMockApi, SAMPLE } from "../../tests/support/mock-api.mjs";
import { DIST, PKG, WRANGLER, bundleWorker } from "./bundle.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
// Miniflare as wrangler itself resolves it (a dependency of wrangler's, not of the repo's).
const { Miniflare } = createRequire(WRANGLER)("miniflare");
const FIXTURE = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/incident_full.json"), "utf8"));
const COMPATIBILITY_DATE = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(HERE, "wrangler.toml"), "utf8"))[1];
const WS = SAMPLE.workspaceId;
const TIMEOUT_MS = 500;

// Credentials of this run only, so that finding one in a response body cannot be a coincidence.
const CREDENTIALS = {
  clientId: `worker-test-client-${randomBytes(4).toString("hex")}`,
  clientSecret: `worker-test-secret-${randomBytes(12).toString("hex")}`,
  token: `worker-test-token-${randomBytes(12).toString("hex")}`,
};
const WRONG_SECRET = `wrong-secret-${randomBytes(12).toString("hex")}`;
const ACCESS_TOKEN = `worker-access-${randomBytes(12).toString("hex")}`;
const SECRETS = [
  CREDENTIALS.clientSecret, CREDENTIALS.token, WRONG_SECRET, ACCESS_TOKEN,
  Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString("base64"),
  Buffer.from(`${CREDENTIALS.clientId}:${WRONG_SECRET}`).toString("base64"),
];

let api;
let mf;
let workers;
let pkgNode; // the same package (the .wasm the worker runs), in Node: what extractIndicators gives for the fixture
const bodies = []; // every response body and header set the worker sent, for the secrets check
const report = {};

/**
 * The package's wasm-bindgen module, instantiated in Node from the very .wasm that wrangler put in dist/: the
 * oracle for the indicators. Null when pkg/ no longer matches dist/ (someone rebuilt it meanwhile).
 */
async function oracleFor(distWasm) {
  const glue = readFileSync(path.join(PKG, "contraforce_incident.js"));
  if (!readFileSync(path.join(PKG, "contraforce_incident_bg.wasm")).equals(distWasm)) return null;
  const dir = mkdtempSync(path.join(tmpdir(), "cf-oracle-"));
  writeFileSync(path.join(dir, "contraforce_incident.mjs"), glue);
  try {
    const module = await import(pathToFileURL(path.join(dir, "contraforce_incident.mjs")).href);
    module.initSync({ module: distWasm });
    return module;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bundle Miniflare runs, its sizes, and the oracle for exactly its .wasm (retried if pkg/ is being rebuilt). */
async function bundle() {
  let lastError;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const result = await bundleWorker();
      const wasmFile = result.files.find((f) => f.file.endsWith(".wasm"));
      assert.ok(wasmFile, "wrangler wrote no .wasm module");
      const oracle = await oracleFor(readFileSync(path.join(DIST, wasmFile.file)));
      if (!oracle) throw new Error("pkg/ changed while the worker was bundled");
      return { ...result, oracle };
    } catch (error) {
      lastError = error; // e.g. pkg/ vanished mid-build: wait for it and try again
      await new Promise((done) => setTimeout(done, 2_000));
    }
  }
  throw lastError;
}

function workerOptions(name, bindings) {
  return {
    name,
    modules: true,
    scriptPath: path.join(DIST, "index.js"),
    modulesRoot: DIST,
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate: COMPATIBILITY_DATE,
    bindings: { CONTRAFORCE_TIMEOUT_MS: String(TIMEOUT_MS), CONTRAFORCE_MAX_RETRIES: "0", ...bindings },
  };
}

/** A request to one of the workers; the body is kept for the secrets check. */
async function call(worker, pathAndQuery, init) {
  const started = performance.now();
  const response = await workers[worker].fetch(`https://lookup.example${pathAndQuery}`, init);
  const text = await response.text();
  const ms = performance.now() - started;
  bodies.push(text, JSON.stringify([...response.headers]));
  const type = response.headers.get("Content-Type") ?? "";
  return { status: response.status, headers: response.headers, type, text, body: JSON.parse(text), ms };
}

const one = (id, query = `workspace=${WS}`) => `/incidents/Sentinel/${encodeURIComponent(id)}?${query}`;
const upstreamFor = (id) => api.requests.filter((r) => decodeURIComponent(r.path).includes(`/incidents/Sentinel/${id}`));

function assertProblem(res, status, fields) {
  assert.equal(res.status, status, res.text);
  assert.match(res.type, /^application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.equal(typeof res.body.title, "string");
  assert.equal(typeof res.body.detail, "string");
  for (const [key, value] of Object.entries(fields)) assert.deepEqual(res.body[key], value, `${key} in ${res.text}`);
  if (res.body.requestId) assert.equal(res.headers.get("X-Upstream-Request-Id"), res.body.requestId);
}

before(async () => {
  report.bundle = await bundle();
  pkgNode = report.bundle.oracle;
  api = await startMockApi({ port: 0, credentials: CREDENTIALS });

  mf = new Miniflare({
    cf: false, // no download of the Request.cf sample from the internet
    workers: [
      workerOptions("lookup", {
        CONTRAFORCE_BASE_URL: api.url,
        CONTRAFORCE_CLIENT_ID: CREDENTIALS.clientId,
        CONTRAFORCE_CLIENT_SECRET: CREDENTIALS.clientSecret,
      }),
      workerOptions("wrong-secret", {
        CONTRAFORCE_BASE_URL: api.url,
        CONTRAFORCE_CLIENT_ID: CREDENTIALS.clientId,
        CONTRAFORCE_CLIENT_SECRET: WRONG_SECRET,
        CACHE_TTL_SECONDS: "0",
      }),
      workerOptions("guarded", {
        CONTRAFORCE_BASE_URL: api.url,
        CONTRAFORCE_TOKEN: CREDENTIALS.token,
        CONTRAFORCE_WORKSPACE_ID: WS,
        WORKER_ACCESS_TOKEN: ACCESS_TOKEN,
        CACHE_TTL_SECONDS: "0",
      }),
      workerOptions("unconfigured", { CONTRAFORCE_BASE_URL: api.url }),
    ],
  });
  await mf.ready;
  workers = {};
  for (const name of ["lookup", "wrong-secret", "guarded", "unconfigured"]) workers[name] = await mf.getWorker(name);
});

after(async () => {
  await mf?.dispose();
  await api?.close();
});

test("GET answers the summary and the indicators", async () => {
  const res = await call("lookup", one(SAMPLE.incidentId));
  assert.equal(res.status, 200, res.text);
  assert.match(res.type, /^application\/json/);
  assert.equal(res.headers.get("X-Cache"), "MISS");
  const { incident, meta } = { incident: FIXTURE.data.incident, meta: FIXTURE.meta };
  assert.equal(res.headers.get("X-Upstream-Request-Id"), meta.requestId);
  const s = res.body;
  assert.equal(s.workspace, WS);
  assert.equal(s.source, "Sentinel");
  assert.equal(s.incidentId, SAMPLE.incidentId);
  assert.equal(s.requestId, meta.requestId);
  assert.equal(s.incident.id, incident.id);
  assert.equal(s.incident.number, Number(incident.number));
  assert.equal(s.incident.title, incident.title);
  assert.equal(s.incident.severity, incident.severity);
  assert.equal(s.incident.status, incident.status);
  assert.deepEqual(s.incident.assignee, incident.user);
  // Timestamps exactly as sent (7 fractional digits + offset, Z, no offset), never re-formatted.
  for (const field of ["creationTime", "lastModificationTime", "lastActivityTime"]) assert.equal(s.incident[field], incident[field]);
  assert.equal(s.counts.alerts, Number(incident.alertsCount));
  assert.equal(s.counts.entities, incident.entities.length);
  assert.equal(s.counts.investigationEntities, FIXTURE.data.investigationDetails.entities.length);
  assert.equal(s.counts.investigationAlerts, FIXTURE.data.investigationDetails.alerts.length);
  // The indicators are the package's own extraction of the same incident.
  const expected = pkgNode.extractIndicators(pkgNode.decodeIncidentResponse(JSON.stringify(FIXTURE)).data);
  assert.ok(expected.indicators.length > 0);
  assert.deepEqual(s.indicators, expected.indicators);
  assert.deepEqual(s.skippedIndicators, expected.skipped);
  assert.equal(s.counts.indicators, expected.indicators.length);
  assert.ok(s.indicators.some((i) => i.kind === "ip" && i.value === "203.0.113.47"));
  for (const indicator of s.indicators) {
    assert.deepEqual(Object.keys(indicator).sort(), ["alertIds", "context", "entityIds", "hashAlgorithm", "kind", "value"]);
  }
  const upstream = upstreamFor(SAMPLE.incidentId);
  assert.equal(upstream.length, 1);
  assert.equal(upstream[0].authScheme, "Basic");
  assert.equal(upstream[0].authOk, true);
});

test("a second lookup is a cache hit: one upstream request in the mock's log", async () => {
  const res = await call("lookup", one(SAMPLE.incidentId));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("X-Cache"), "HIT");
  assert.equal(res.body.incident.id, SAMPLE.incidentId);
  // Another letter case of the source and workspace is the same incident, so the same cache entry.
  const res2 = await call("lookup", `/incidents/sentinel/${SAMPLE.incidentId}?workspace=${WS.toUpperCase()}`);
  assert.equal(res2.headers.get("X-Cache"), "HIT");
  assert.equal(upstreamFor(SAMPLE.incidentId).length, 1);
  // withDetails is part of the key.
  const res3 = await call("lookup", one(SAMPLE.incidentId, `workspace=${WS}&withDetails=false`));
  assert.equal(res3.headers.get("X-Cache"), "MISS");
  assert.equal(res3.body.counts.investigationEntities, null);
  assert.equal(upstreamFor(SAMPLE.incidentId).length, 2);
});

test("an unknown incident is a 404 problem with the upstream code and request id", async () => {
  const res = await call("lookup", one("INC-404-NOPE"));
  const [upstream] = upstreamFor("INC-404-NOPE");
  assertProblem(res, 404, { kind: "Http", upstreamStatus: 404, code: "NOT_FOUND", requestId: upstream.requestId });
  assert.equal(res.body.instance, "/incidents/Sentinel/INC-404-NOPE");
  assert.equal(res.headers.get("Cache-Control"), "no-store");
  // Errors are not cached.
  await call("lookup", one("INC-404-NOPE"));
  assert.equal(upstreamFor("INC-404-NOPE").length, 2);
});

test("a wrong client secret is a 502 carrying the upstream 401 (the caller cannot fix the worker's credentials)", async () => {
  const res = await call("wrong-secret", one(SAMPLE.incidentId));
  const upstream = api.requests.at(-1);
  assert.equal(upstream.authOk, false);
  assertProblem(res, 502, { kind: "Http", upstreamStatus: 401, code: "UNAUTHORIZED", requestId: upstream.requestId });
  assert.equal(res.headers.get("WWW-Authenticate"), null);
});

test("an HTML 502 from a proxy is a 502 problem, without the page", async () => {
  const res = await call("lookup", one("fault-html-502"));
  const [upstream] = upstreamFor("fault-html-502");
  assertProblem(res, 502, { kind: "Http", upstreamStatus: 502, requestId: upstream.requestId, upstreamContentType: "text/html; charset=utf-8" });
  assert.equal(res.body.code, undefined);
  assert.doesNotMatch(res.text, /<html|DOCTYPE/i);
});

test("an upstream slower than CONTRAFORCE_TIMEOUT_MS is a 504", async () => {
  const res = await call("lookup", one("fault-slow-3000"));
  assertProblem(res, 504, { kind: "Timeout", timeoutMs: TIMEOUT_MS, attempts: 1 });
  assert.ok(res.ms < 2_500, `answered after ${res.ms} ms`);
});

test("POST /incidents answers one result per id, in order, successes and problems mixed", async () => {
  const ids = [SAMPLE.incidentId, "INC-MISSING-1", "fault-html-502", "fault-slow-2000", SAMPLE.incidentId];
  const res = await call("lookup", "/incidents", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ workspace: WS, source: "Sentinel", ids }),
  });
  assert.equal(res.status, 200, res.text);
  const { results, counts } = res.body;
  assert.deepEqual(results.map((r) => r.id), ids);
  assert.deepEqual(results.map((r) => r.status), [200, 404, 502, 504, 200]);
  assert.deepEqual(results.map((r) => r.ok), [true, false, false, false, true]);
  assert.deepEqual(counts, { requested: 5, unique: 4, ok: 2, failed: 3 });
  assert.equal(results[0].cache, "HIT"); // from the first test
  assert.equal(results[0].summary.incident.title, FIXTURE.data.incident.title);
  assert.equal(results[1].problem.code, "NOT_FOUND");
  assert.equal(results[1].problem.instance, "/incidents/Sentinel/INC-MISSING-1");
  assert.equal(results[2].problem.upstreamStatus, 502);
  assert.equal(results[3].problem.kind, "Timeout");
  assert.equal(upstreamFor("INC-MISSING-1").length, 1);
});

test("POST /incidents runs at most 6 upstream requests at once", async () => {
  api.clearRequests();
  // Well under the worker's 500 ms timeout, so that a loaded machine cannot turn a slow id into a 504.
  const SLOW_MS = 100;
  const ids = Array.from({ length: 18 }, (_, i) => `fault-slow-${SLOW_MS + i}`);
  const started = performance.now();
  const res = await call("lookup", "/incidents", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ workspace: WS, source: "Sentinel", ids }),
  });
  const elapsed = performance.now() - started;
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.counts.ok, 18, JSON.stringify(res.body.results.filter((r) => !r.ok).map((r) => r.problem)));
  const spans = api.requests.map((r) => [Date.parse(r.timestamp), Date.parse(r.timestamp) + r.ms]);
  assert.equal(spans.length, 18);
  const overlap = Math.max(...spans.map(([start]) => spans.filter(([s, e]) => s <= start && start < e).length));
  assert.ok(overlap <= 6, `${overlap} upstream requests were in flight at once`);
  assert.ok(elapsed >= 3 * SLOW_MS, `18 ids of ≥${SLOW_MS} ms each, 6 at a time, took only ${elapsed} ms`);
});

test("POST /incidents refuses more than 50 ids, a non-JSON body, and an unknown field", async () => {
  const post = (body, type = "application/json") => call("lookup", "/incidents", {
    method: "POST", headers: { "Content-Type": type }, body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const before = api.requests.length;
  const many = await post({ workspace: WS, source: "Sentinel", ids: Array.from({ length: 51 }, (_, i) => `INC-${i}`) });
  assertProblem(many, 400, { kind: "Request", code: "VALIDATION_ERROR" });
  assert.ok(many.body.errors.ids);
  assertProblem(await post("{not json"), 400, { code: "BAD_JSON" });
  assertProblem(await post("ids=1", "application/x-www-form-urlencoded"), 415, { code: "UNSUPPORTED_MEDIA_TYPE" });
  assertProblem(await post({ source: "Sentinel", ids: ["a"], extra: 1, workspace: WS }), 400, { code: "VALIDATION_ERROR" });
  assert.equal(api.requests.length, before, "nothing was sent upstream");
});

test("bad arguments and unknown routes are problems too", async () => {
  assertProblem(await call("lookup", "/incidents/Sentinel/INC-1042"), 400, { code: "WORKSPACE_REQUIRED" });
  assertProblem(await call("lookup", `/incidents/Sentinal/INC-1042?workspace=${WS}`), 400,
    { kind: "InvalidArgument", field: "source" });
  assertProblem(await call("lookup", one("INC-1042", "workspace=not-a-guid")), 400, { kind: "InvalidArgument", field: "workspaceId" });
  const dots = await call("lookup", "/incidents", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ workspace: WS, source: "Sentinel", ids: [".."] }),
  });
  assert.equal(dots.body.results[0].status, 400);
  assert.equal(dots.body.results[0].problem.field, "incidentId");
  assertProblem(await call("lookup", one("INC-1042", `workspace=${WS}&withDetails=maybe`)), 400, { code: "BAD_WITH_DETAILS" });
  assertProblem(await call("lookup", "/nope"), 404, { code: "ROUTE_NOT_FOUND" });
  const wrongMethod = await call("lookup", one("INC-1042"), { method: "DELETE" });
  assertProblem(wrongMethod, 405, { code: "METHOD_NOT_ALLOWED" });
  assert.equal(wrongMethod.headers.get("Allow"), "GET");
});

test("WORKER_ACCESS_TOKEN guards the worker; a missing credential is a 500 naming the variable", async () => {
  const denied = await call("guarded", "/incidents/Sentinel/INC-1042");
  assertProblem(denied, 401, { code: "WORKER_UNAUTHORIZED" });
  assert.match(denied.headers.get("WWW-Authenticate"), /^Bearer/);
  const wrong = await call("guarded", "/incidents/Sentinel/INC-1042", { headers: { Authorization: "Bearer nope" } });
  assert.equal(wrong.status, 401);
  const allowed = await call("guarded", "/incidents/Sentinel/INC-1042", { headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } });
  assert.equal(allowed.status, 200, allowed.text);
  assert.equal(allowed.body.workspace, WS); // CONTRAFORCE_WORKSPACE_ID as the default
  assert.equal(api.requests.at(-1).authScheme, "Bearer");
  const unconfigured = await call("unconfigured", one("INC-1042"));
  assertProblem(unconfigured, 500, { kind: "Config", code: "WORKER_MISCONFIGURED", variable: "CONTRAFORCE_TOKEN" });
});

test("no response body or header ever holds a credential", () => {
  assert.ok(bodies.length > 20);
  for (const body of bodies) {
    for (const secret of SECRETS) assert.ok(!body.includes(secret), `a response holds a credential: ${body.slice(0, 200)}`);
    assert.ok(!body.includes(CREDENTIALS.clientId), "a response holds the client id");
  }
});

/** Median of a list of numbers. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test("cold start: a fresh workerd with only this worker, three times", async () => {
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const fresh = new Miniflare({
      cf: false,
      ...workerOptions("cold", {
        CONTRAFORCE_BASE_URL: api.url,
        CONTRAFORCE_CLIENT_ID: CREDENTIALS.clientId,
        CONTRAFORCE_CLIENT_SECRET: CREDENTIALS.clientSecret,
      }),
    });
    try {
      await fresh.ready;
      const ready = performance.now();
      const first = await fresh.dispatchFetch(`http://cold.example${one(SAMPLE.incidentId)}`);
      assert.equal(first.status, 200);
      await first.arrayBuffer();
      const answered = performance.now();
      const firstUpstreamMs = api.requests.at(-1).ms;
      // The same work on the now warm isolate (withDetails=true is another cache key, so upstream again).
      const second = await fresh.dispatchFetch(`http://cold.example${one(SAMPLE.incidentId, `workspace=${WS}&withDetails=true`)}`);
      assert.equal(second.headers.get("X-Cache"), "MISS");
      await second.arrayBuffer();
      runs.push({
        startMs: ready - started,
        firstMs: answered - ready,
        firstUpstreamMs,
        warmMs: performance.now() - answered,
        warmUpstreamMs: api.requests.at(-1).ms,
      });
    } finally {
      await fresh.dispose();
    }
  }
  report.cold = Object.fromEntries(Object.keys(runs[0]).map((key) => [key, median(runs.map((r) => r[key]))]));
});

test("report: upload size and cold start", (t) => {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const ms = (n) => `${n.toFixed(0)} ms`;
  const files = report.bundle.files
    .map((f) => `${f.file.replace(/^[0-9a-f]{40}-/, "")} ${kib(f.raw)} (${kib(f.gzip)} gzip)`).join(", ");
  const c = report.cold;
  const lines = [
    `upload (wrangler deploy --dry-run): ${report.bundle.totalKiB} KiB, gzip ${report.bundle.gzipKiB} KiB [${files}]`,
    `cold start, median of 3: workerd start → ready ${ms(c.startMs)}; first request ${ms(c.firstMs)} ` +
      `(mock API ${ms(c.firstUpstreamMs)}); the same request warm ${ms(c.warmMs)} (mock API ${ms(c.warmUpstreamMs)})`,
  ];
  for (const line of lines) {
    t.diagnostic(line);
    console.log(`[worker] ${line}`);
  }
  assert.ok(report.bundle.gzipKiB < 3 * 1024, "over the 3 MiB gzip limit of the Workers free plan");
});
