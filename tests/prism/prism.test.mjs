// Requests through the client (pkg/node.js) against Prism, a mock written by others from the same contract:
// `prism mock` (static mode, no `-d`) serving ../shared/spec/openapi.yaml (beside the repo; CI lays a read-only copy
// of shared/ beside the clone) on a free loopback port.
//   - success: each of the six sources, ids `INC-12345`, a GUID and one with reserved characters; the decoded body is
//     plain objects and equals the raw body Prism sent after the documented normalisation (written here, from the
//     spec, independently of the decoder);
//   - `withDetails` true / false / absent: the query is sent as is and Prism's validator accepts it as a boolean;
//   - whatever Prism answers to unexpected requests (unknown route, unknown method, a query it refuses, each error
//     status the spec declares, a status it does not): a ContraForceError of kind `Http`, the status from the status
//     line, and the problem's fields when Prism sent any;
//   - what Prism's static 200 body looks like, reported with `t.diagnostic`.
// Prism runs in its own process group with a preload (tests/prism/prism-preload.cjs) that refuses any non-loopback
// connection or DNS lookup and ends Prism if this process dies; the group is killed when the file ends, pass or fail.
//
//   node --test tests/prism/          (about 10 s; needs pkg/, from `node scripts/build.mjs`)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "@stoplight/yaml";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SPEC = resolve(REPO, "../shared/spec/openapi.yaml");
const PKG = resolve(REPO, "pkg/node.js");
const PRISM = resolve(REPO, "node_modules/@stoplight/prism-cli/dist/index.js");
const PRELOAD = fileURLToPath(new URL("./prism-preload.cjs", import.meta.url));
const GUARD_MARKER = "[loopback-only] refused";
const STARTUP_TIMEOUT_MS = 60_000;

for (const [path, what] of [
  [SPEC, "the contract: shared/ must sit beside the repo (CI lays a read-only copy of shared/ beside the clone)"],
  [PKG, "the built package: run `node scripts/build.mjs` (or `npm test`, which builds first)"],
  [PRISM, "@stoplight/prism-cli in the root node_modules: run `npm test` (it installs what is missing)"],
]) {
  if (!existsSync(path)) throw new Error(`missing ${path}: ${what}`);
}

const { ContraForceClient, decodeIncidentResponse, isContraForceError } = await import(PKG);
const SCHEMAS = parseYaml(readFileSync(SPEC, "utf8")).components.schemas;
const ENVELOPE = { $ref: "#/components/schemas/ApiResponseOfContraForceIncident" };

const WORKSPACE = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const SOURCES = ["Sentinel", "DefenderXDR", "QRadar", "Splunk", "CrowdStrike", "SentinelOne"];
const IDS = ["INC-12345", "0b9d5c3e-7a41-4f0e-9c55-1d2e3f4a5b6c", "INC/1 #2?3%"];

// ---------------------------------------------------------------------------------------------------------------
// Prism, in its own process group.

let prism;

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if (error.code === "ESRCH") return false;
    throw error;
  }
}

/** Whether any process is left in the group (signal 0 only checks). */
const groupAlive = (pid) => killGroup(pid, 0);

/** Starts Prism on a free port; resolves once it says it listens. Retries on another port if it dies first. */
async function startPrism() {
  let lastLog = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [PRISM, "mock", "-h", "127.0.0.1", "-p", String(port), SPEC], {
      cwd: REPO,
      detached: true, // its own process group, killed as a whole
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require "${PRELOAD}"`.trim(),
        PRISM_TEST_PARENT_PID: String(process.pid),
        FORCE_COLOR: "0",
        NO_COLOR: "1",
      },
    });
    const instance = { child, pid: child.pid, port, log: "", exited: null };
    const append = (chunk) => {
      instance.log += stripAnsi(chunk.toString());
      if (instance.log.length > 2_000_000) instance.log = instance.log.slice(-1_000_000);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    instance.exit = new Promise((done) => child.once("exit", (code, signal) => done((instance.exited = { code, signal }))));
    prism = instance;
    const ready = await new Promise((done) => {
      const timer = setTimeout(() => done("timeout"), STARTUP_TIMEOUT_MS);
      const check = () => {
        if (/Prism is listening on/.test(instance.log)) {
          clearTimeout(timer);
          done("ready");
        }
      };
      child.stdout.on("data", check);
      child.stderr.on("data", check);
      instance.exit.then(() => {
        clearTimeout(timer);
        done("exited");
      });
    });
    if (ready === "ready") {
      instance.startupMs = performance.now() - started;
      instance.baseUrl = `http://127.0.0.1:${port}/api/v2`;
      return instance;
    }
    lastLog = instance.log;
    await stopPrism();
    if (ready === "timeout") break;
  }
  throw new Error(`Prism did not start:\n${lastLog.slice(-4000)}`);
}

/** SIGTERM to the group, SIGKILL after 5 s; resolves once Prism has exited. */
async function stopPrism() {
  if (!prism) return;
  const { pid, exit } = prism;
  if (prism.exited === null) {
    killGroup(pid, "SIGTERM");
    const timer = setTimeout(() => killGroup(pid, "SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  }
  // Anything it may have spawned into its group goes too.
  if (groupAlive(pid)) {
    killGroup(pid, "SIGKILL");
    await new Promise((done) => setTimeout(done, 200));
  }
}

// Last-resort cleanup if the file is interrupted (the runner's timeout, Ctrl+C): never leave Prism behind.
process.once("exit", () => prism && killGroup(prism.pid, "SIGKILL"));
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    if (prism) killGroup(prism.pid, "SIGKILL");
    process.kill(process.pid, signal);
  });
}

before(async () => {
  await startPrism();
});

after(async () => {
  const { pid, port, log } = prism;
  await stopPrism();
  assert.equal(groupAlive(pid), false, `Prism's process group ${pid} is still alive`);
  const refused = await new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      done(false);
    });
    socket.once("error", () => done(true));
  });
  assert.ok(refused, `port ${port} still accepts connections after Prism was stopped`);
  const attempts = log.split("\n").filter((line) => line.includes(GUARD_MARKER));
  assert.deepEqual(attempts, [], "Prism tried to reach the network");
});

// ---------------------------------------------------------------------------------------------------------------
// Seeing what went over the wire: a `fetch` handed to the client that records each exchange (and may alter the
// request, to send what the client itself never would).

function recorder(alter = (url, init) => [url, init]) {
  const exchanges = [];
  const recordingFetch = async (input, init = {}) => {
    const [url, altered] = alter(String(input), init);
    const response = await fetch(url, altered);
    const body = await response.clone().text();
    exchanges.push({
      url: new URL(url),
      method: altered.method ?? "GET",
      requestHeaders: new Headers(altered.headers),
      status: response.status,
      contentType: response.headers.get("content-type"),
      violations: JSON.parse(response.headers.get("sl-violations") ?? "[]"),
      body,
    });
    return response;
  };
  return { fetch: recordingFetch, exchanges };
}

const withHeader = (name, value) => (url, init) => {
  const headers = new Headers(init.headers);
  headers.set(name, value);
  return [url, { ...init, headers }];
};

function client({ baseUrl = prism.baseUrl, auth = { token: "t" }, alter } = {}) {
  const wire = recorder(alter);
  return { client: new ContraForceClient({ baseUrl, auth, retry: false, timeoutMs: 10_000, fetch: wire.fetch }), wire };
}

/** `encode_path_segment`'s contract, written again: unreserved ASCII stays, every other UTF-8 byte is %XX. */
const encodeSegment = (segment) =>
  [...new TextEncoder().encode(segment)]
    .map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte)
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");

// ---------------------------------------------------------------------------------------------------------------
// The documented normalisation, from the spec alone: absent/null → null (every property of an object schema
// present), absent/null arrays → [], `[integer, string]` fields → numbers, unknown fields dropped, enum strings and
// timestamps verbatim, free-form values (evidence cells, playbook parameters) as sent.

const schemaOf = (node) => (node.$ref ? schemaOf(SCHEMAS[node.$ref.split("/").pop()]) : node);

function normalise(node, value) {
  node = schemaOf(node);
  if (node.oneOf) return normalise(node.oneOf.find((branch) => branch.$ref) ?? {}, value); // [null, $ref enum]
  const types = [node.type ?? []].flat();
  if (value === undefined) value = null;
  if (types.includes("integer") && types.includes("string")) {
    return typeof value === "string" ? Number(value) + 0 : value;
  }
  if (node.properties) {
    if (value === null) return null;
    return Object.fromEntries(Object.entries(node.properties).map(([key, child]) => [key, normalise(child, value[key])]));
  }
  if (types.includes("array")) {
    if (value === null) return [];
    return node.items ? value.map((item) => normalise(node.items, item)) : value;
  }
  return value; // enum, string, boolean, timestamp, free-form object
}

/** Every object in the decoded value is a plain object (no Map, no class instance) and nothing is `undefined`. */
function assertPlain(value, path = "data") {
  if (Array.isArray(value)) return value.forEach((item, i) => assertPlain(item, `${path}[${i}]`));
  assert.notEqual(value, undefined, `${path} is undefined`);
  if (value === null || typeof value !== "object") return;
  assert.equal(Object.getPrototypeOf(value), Object.prototype, `${path} is not a plain object (${value.constructor?.name})`);
  for (const [key, item] of Object.entries(value)) assertPlain(item, `${path}.${key}`);
}

// ---------------------------------------------------------------------------------------------------------------

const okBodies = []; // every 200 body Prism sent, for the report at the end

async function fetchAndCompare({ source, incidentId, withDetails, auth }) {
  const { client: c, wire } = client({ auth });
  const result = await c.getIncident({ workspaceId: WORKSPACE, source, incidentId, withDetails, rawBody: true });
  assert.equal(wire.exchanges.length, 1);
  const [exchange] = wire.exchanges;
  const canonical = SOURCES.find((s) => s.toLowerCase() === source.toLowerCase());
  // The id went as one percent-encoded segment, and Prism routed it (a `/` decoded too early would be a 404).
  assert.equal(exchange.url.pathname,
    `/api/v2/workspaces/${WORKSPACE}/incidents/${canonical}/${encodeSegment(incidentId)}`);
  assert.equal(exchange.status, 200, exchange.body);
  assert.deepEqual(exchange.violations.filter((v) => v.location[0] === "request"), [],
    "Prism's validator found fault with the request");
  okBodies.push({ body: exchange.body, violations: exchange.violations, source: canonical, withDetails });

  assert.equal(typeof result.rawBody, "string");
  assert.equal(result.rawBody, exchange.body, "rawBody is not the body that was received");
  assertPlain(result.data, "data");
  assertPlain(result.meta, "meta");
  const expected = normalise(ENVELOPE, JSON.parse(exchange.body));
  assert.deepStrictEqual({ data: result.data, meta: result.meta }, expected);
  assert.deepStrictEqual(decodeIncidentResponse(exchange.body), expected);
  return { result, exchange };
}

test("GET each of the six sources with each kind of id: decoded = Prism's body, normalised", async (t) => {
  let n = 0;
  for (const source of SOURCES) {
    for (const incidentId of IDS) {
      const auth = n++ % 2 === 0 ? { token: "t" } : { clientId: "client-id", clientSecret: "client-secret" };
      await t.test(`${source} / ${JSON.stringify(incidentId)} (${Object.keys(auth).join("+")})`, async () => {
        const { exchange } = await fetchAndCompare({ source, incidentId, auth });
        assert.equal(exchange.url.search, "", "no withDetails asked, none sent");
        assert.match(exchange.requestHeaders.get("authorization"), auth.token ? /^Bearer t$/ : /^Basic /);
      });
    }
  }
  // Any letter case in, the canonical spelling out (Prism validates `source` against the enum).
  await t.test("source in lower case (sentinelone)", () => fetchAndCompare({ source: "sentinelone", incidentId: "INC-12345" }));
});

test("withDetails true and false: the query is sent and Prism validates it as a boolean", async (t) => {
  for (const withDetails of [true, false]) {
    await t.test(`withDetails: ${withDetails}`, async () => {
      const { exchange } = await fetchAndCompare({ source: "DefenderXDR", incidentId: "INC-12345", withDetails });
      assert.equal(exchange.url.search, `?withDetails=${withDetails}`);
    });
  }
  // The control: the same query with a non-boolean value is refused by Prism, so the 200s above mean "valid boolean".
  const { client: c, wire } = client({ alter: (url, init) => [url.replace("withDetails=true", "withDetails=yes"), init] });
  await assert.rejects(c.getIncident({ workspaceId: WORKSPACE, source: "Splunk", incidentId: "INC-12345", withDetails: true }),
    (error) => isContraForceError(error) && error.status === 400);
  assert.deepEqual(wire.exchanges[0].violations.map((v) => v.location.join(".")), ["request.query.withdetails"]);
});

// ---------------------------------------------------------------------------------------------------------------
// Unexpected requests: whatever Prism answers becomes a ContraForceError of kind Http.

const PROBLEM_FIELDS = ["type", "title", "detail", "instance", "code", "requestId", "timestamp", "target", "errors"];

const unexpected = [
  {
    name: "a route Prism does not know (baseUrl …/api/v3)",
    options: () => ({ baseUrl: prism.baseUrl.replace("/api/v2", "/api/v3") }),
    status: 404,
    prismType: "NO_PATH_MATCHED_ERROR",
  },
  {
    name: "a method the route does not have (POST)",
    options: () => ({ alter: (url, init) => [url, { ...init, method: "POST" }] }),
    status: 405,
    prismType: "NO_METHOD_MATCHED_ERROR",
  },
  {
    name: "a query Prism's validator refuses (withDetails=yes)",
    options: () => ({ alter: (url, init) => [url.replace("withDetails=true", "withDetails=yes"), init] }),
    status: 400,
  },
  {
    name: "a status the spec does not declare (Prefer: code=418)",
    options: () => ({ alter: withHeader("Prefer", "code=418") }),
    status: 404,
    prismType: "NOT_FOUND",
  },
  ...[400, 401, 403, 404, 500].map((status) => ({
    name: `the spec's ${status} response (Prefer: code=${status})`,
    options: () => ({ alter: withHeader("Prefer", `code=${status}`), auth: { clientId: "id", clientSecret: "secret" } }),
    status,
  })),
];

const errorReport = [];

test("unexpected requests: each of Prism's answers is an Http ContraForceError with its status and problem", async (t) => {
  for (const { name, options, status, prismType } of unexpected) {
    await t.test(name, async () => {
      const { client: c, wire } = client(options());
      let caught;
      await assert.rejects(
        c.getIncident({ workspaceId: WORKSPACE, source: "Sentinel", incidentId: "INC-12345", withDetails: true }),
        (error) => (caught = error) && true,
      );
      assert.ok(isContraForceError(caught), `not a ContraForceError: ${caught?.name}: ${caught?.message}`);
      assert.equal(wire.exchanges.length, 1);
      const [exchange] = wire.exchanges;
      assert.equal(exchange.status, status, `Prism answered ${exchange.status}: ${exchange.body}`);
      assert.match(exchange.contentType, /^application\/problem\+json/i);
      const problem = JSON.parse(exchange.body);
      if (prismType) assert.equal(problem.type, `https://stoplight.io/prism/errors#${prismType}`);

      assert.equal(caught.name, "ContraForceError");
      assert.equal(caught.kind, "Http");
      assert.equal(caught.status, exchange.status, "status is not the status line's");
      assert.equal(caught.attempts, 1);
      assert.equal(caught.contentType, exchange.contentType);
      assert.match(caught.message, new RegExp(`\\b${status}\\b`));
      // Every problem member Prism sent is on the error as sent; members it sent as null (or not at all) are absent.
      for (const field of PROBLEM_FIELDS) {
        assert.deepStrictEqual(caught[field], problem[field] ?? undefined, `error.${field}`);
      }
      const surfaced = PROBLEM_FIELDS.filter((field) => caught[field] !== undefined);
      if (surfaced.length === 0) {
        // A problem document with nothing to surface: the start of the body is shown instead.
        assert.equal(caught.snippet, exchange.body.slice(0, 200));
      }
      errorReport.push(`${status} ${prismType ?? "(spec response)"}: surfaced ${surfaced.join(",") || `nothing (snippet ${caught.snippet?.length} chars)`}`);
    });
  }
  t.diagnostic(`Prism's error answers as the client saw them: ${errorReport.join("; ")}`);
});

// ---------------------------------------------------------------------------------------------------------------

test("report: what Prism's static 200 body looks like", (t) => {
  assert.ok(okBodies.length > 0, "no 200 body was received");
  const distinct = new Set(okBodies.map(({ body }) => body));
  const body = JSON.parse(okBodies[0].body);
  const leaves = [];
  (function walk(value, path) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, path ? `${path}.${key}` : key);
    } else leaves.push([path, value]);
  })(body, "");
  const ints = leaves.filter(([path]) => /\.(number|alertsCount|incidentNumber|sequence)$/.test(path));
  const stamps = new Set(leaves.filter(([path, value]) => /(Time|Date)$/.test(path) && typeof value === "string")
    .map(([, value]) => JSON.stringify(value)));
  const count = (predicate) => leaves.filter(([, value]) => predicate(value)).length;
  const responseViolations = new Set(okBodies.flatMap(({ violations }) =>
    violations.filter((v) => v.location[0] === "response").map((v) => `${v.location.slice(2).join(".")} (${v.code})`)));

  t.diagnostic(`Prism (port ${prism.port}) started in ${(prism.startupMs / 1000).toFixed(1)} s; ${okBodies.length} 200 answers, ` +
    `${distinct.size} distinct bod${distinct.size === 1 ? "y" : "ies"} (${okBodies[0].body.length} bytes) whatever the ` +
    `source, id or withDetails; data.source is always ${JSON.stringify(body.data?.source)}`);
  t.diagnostic(`static 200: data has ${Object.keys(body.data ?? {}).join(", ")}; every object schema filled in, every ` +
    `property present: ${count((v) => v === null)} null, ${count((v) => typeof v === "boolean")} booleans (all ` +
    `${[...new Set(leaves.filter(([, v]) => typeof v === "boolean").map(([, v]) => v))].join("/")}), ` +
    `${count((v) => typeof v === "string")} strings, ${count((v) => typeof v === "number")} numbers, ` +
    `${count(Array.isArray) === 0 ? "no arrays (every nullable array sent as null)" : `${count(Array.isArray)} arrays`}; ` +
    `[integer,string] fields sent as ` +
    `${[...new Set(ints.map(([, v]) => `${typeof v} ${JSON.stringify(v)}`))].join(", ")} ` +
    `(${ints.every(([, v]) => typeof v === "number") ? "numbers, never digit strings" : "some as digit strings"}); ` +
    `timestamps ${[...stamps].join(", ")}; enums take their first member (severity ` +
    `${body.data?.incident?.severity}, status ${body.data?.incident?.status}); meta ${JSON.stringify(body.meta)}`);
  t.diagnostic(`Prism flags its own static 200 body in sl-violations: ${[...responseViolations].join("; ") || "nothing"}`);
});
