// The README is a test. Its quick start runs against the local API through the built package, `npm start -- --once`
// must work end to end, and the README's tables and promises are checked against pkg/ (the .d.ts and the runtime).
//
// The quick start is the first ```js block after the `<!-- readme-test: quick-start` comment. The test changes only:
//   from "contraforce-incident"              → the file URL of pkg/node.js
//   "https://portal.contraforce.com/api/v2"  → the local API's base URL
//   "<client-id>", "<client-secret>"         → the local API's sample credentials (SAMPLE)
//   "<workspace-guid>", "INC-12345"          → the sample workspace and incident (or an unknown id, for the error)
// Each must appear exactly once, so a README edit that renames one fails here instead of silently testing less.
//
// Needs pkg/ (`npm run build`); the `--once` test builds it first when a source is newer (as `npm start` would).

import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SAMPLE, startMockApi } from "../support/mock-api.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const PKG_NODE = path.join(ROOT, "pkg", "node.js");
const DTS = path.join(ROOT, "pkg", "contraforce_incident.d.ts");
const FIXTURE_FILE = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/incident_full.json"), "utf8"));
const FIXTURE = FIXTURE_FILE.data;
const CREDENTIALS = [SAMPLE.clientSecret, SAMPLE.token, Buffer.from(`${SAMPLE.clientId}:${SAMPLE.clientSecret}`).toString("base64")];
const UNKNOWN_ID = "INC-0000-README-404";
/** How long `npm start -- --once` may take once pkg/ is built. */
const ONCE_LIMIT_MS = 60_000;

function requirePkg() {
  assert.ok(existsSync(PKG_NODE), "pkg/ is not built: run `npm run build` (or `npm test`, which builds it)");
}

/** The quick start's source, from the marker comment to the end of the following ```js fence. */
function quickStart() {
  const marker = README.indexOf("<!-- readme-test: quick-start");
  assert.ok(marker >= 0, "README.md has no `<!-- readme-test: quick-start` marker");
  const match = /```js\n([\s\S]*?)\n```/.exec(README.slice(marker));
  assert.ok(match, "no ```js block after the quick-start marker");
  return match[1];
}

function replaceOnce(source, from, to) {
  const count = source.split(from).length - 1;
  assert.equal(count, 1, `the quick start must contain ${JSON.stringify(from)} exactly once (found ${count})`);
  return source.replace(from, () => to);
}

function localQuickStart(apiUrl, incidentId) {
  let source = quickStart();
  source = replaceOnce(source, 'from "contraforce-incident"', `from ${JSON.stringify(pathToFileURL(PKG_NODE).href)}`);
  source = replaceOnce(source, '"https://portal.contraforce.com/api/v2"', JSON.stringify(apiUrl));
  source = replaceOnce(source, '"<client-id>"', JSON.stringify(SAMPLE.clientId));
  source = replaceOnce(source, '"<client-secret>"', JSON.stringify(SAMPLE.clientSecret));
  source = replaceOnce(source, '"<workspace-guid>"', JSON.stringify(SAMPLE.workspaceId));
  source = replaceOnce(source, '"INC-12345"', JSON.stringify(incidentId));
  return source;
}

/** Runs `args` with node, collecting output; kills it (and fails) after `limitMs`. */
function runNode(args, { limitMs, cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => { stdout += chunk; });
    child.stderr.on("data", (chunk) => { stderr += chunk; });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not finish within ${limitMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, limitMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function assertNoCredential(text, where) {
  for (const secret of CREDENTIALS) assert.ok(!text.includes(secret), `${where} shows a credential`);
}

/** Resolves true when something accepts connections on 127.0.0.1:port. */
function listening(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

describe("the README's quick start", () => {
  let api;
  let dir;
  before(async () => {
    requirePkg();
    api = await startMockApi();
    dir = mkdtempSync(path.join(tmpdir(), "readme-quick-start-"));
  });
  after(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("is short", () => {
    const lines = quickStart().split("\n").filter((line) => line.trim() !== "");
    assert.ok(lines.length <= 15, `the quick start has ${lines.length} non-blank lines; keep it about ten`);
  });

  test("prints the sample incident's dashboard line", async () => {
    const file = path.join(dir, "quick-start.mjs");
    writeFileSync(file, localQuickStart(api.url, SAMPLE.incidentId));
    const { code, stdout, stderr } = await runNode([file], { limitMs: 30_000, cwd: dir });
    assert.equal(code, 0, `exit ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    const incident = FIXTURE.incident;
    assert.match(stdout, new RegExp(`#${incident.number} `), stdout);
    assert.ok(stdout.includes(incident.title), `the output lacks the title ${JSON.stringify(incident.title)}:\n${stdout}`);
    assert.ok(stdout.includes(`[${incident.severity}, ${incident.status}]`), stdout);
    assert.ok(stdout.includes(`${FIXTURE.investigationDetails.alerts.length} alerts`), stdout);
    assert.ok(stdout.includes(`assignee: ${incident.user.displayName}`), stdout);
    assert.equal(stderr, "");
    assertNoCredential(stdout, "the quick start's output");
  });

  test("reports an unknown incident as kind Http, 404, NOT_FOUND, with the request id", async () => {
    const file = path.join(dir, "quick-start-404.mjs");
    writeFileSync(file, localQuickStart(api.url, UNKNOWN_ID));
    const { code, stdout, stderr } = await runNode([file], { limitMs: 30_000, cwd: dir });
    assert.equal(code, 0, `exit ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    assert.equal(stdout, "");
    assert.match(stderr, /^Http 404 NOT_FOUND \(requestId [^ )]+\): HTTP 404 NOT_FOUND/, stderr);
    assert.ok(stderr.includes(UNKNOWN_ID), stderr);
    assertNoCredential(stderr, "the quick start's error output");
  });

  test("type-checks with tsc --strict against the package's .d.ts", (t) => {
    const tsc = path.join(ROOT, "node_modules", ".bin", "tsc");
    if (!existsSync(tsc)) return t.skip("TypeScript is not installed (npm ci)");
    writeFileSync(path.join(dir, "quick-start.ts"), quickStart());
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: "es2022", module: "esnext", moduleResolution: "bundler",
        lib: ["es2022", "dom"], types: [], skipLibCheck: false,
        paths: { "contraforce-incident": [path.join(ROOT, "pkg", "index.d.ts")] },
      },
      files: ["quick-start.ts"],
    }));
    const result = spawnSync(tsc, ["-p", path.join(dir, "tsconfig.json")], { encoding: "utf8", timeout: 120_000 });
    assert.equal(result.status, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });
});

describe("npm start -- --once", () => {
  before(async () => {
    const { staleReason } = await import("../../scripts/start.mjs");
    const reason = staleReason();
    if (reason) {
      // What `npm start` would do first; outside the time limit, which is for the fetch-and-print.
      const { build } = await import("../../scripts/build.mjs");
      console.log(`# building pkg/ first: ${reason}`);
      build();
    }
  });

  test("prints the sample and the 404 example, exits 0, and leaves no server running", { timeout: ONCE_LIMIT_MS + 10_000 }, async () => {
    const started = Date.now();
    const { code, signal, stdout, stderr } = await runNode(["scripts/start.mjs", "--once"], { limitMs: ONCE_LIMIT_MS });
    assert.equal(code, 0, `exit ${code ?? signal}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    assert.ok(stdout.includes(FIXTURE.incident.title), `no sample title in:\n${stdout}`);
    assert.match(stdout, new RegExp(`number\\s+${FIXTURE.incident.number}\\n`));
    assert.ok(stdout.includes(`request id    ${FIXTURE_FILE.meta.requestId}\n`), "the sample's meta.requestId");
    assert.match(stdout, /kind\s+Http\n\s+status\s+404\n\s+code\s+NOT_FOUND\n\s+requestId\s+\S+/);
    assert.match(stdout, /last activity\s+2026-04-15T20:06:13\s+\(no offset/, "timestamps are shown as sent");
    assertNoCredential(stdout + stderr, "npm start's output");

    const api = /local API at http:\/\/127\.0\.0\.1:(\d+)\/api\/v2/.exec(stdout);
    const page = /demo page at http:\/\/127\.0\.0\.1:(\d+)\//.exec(stdout);
    assert.ok(api && page, `no server URLs in:\n${stdout}`);
    assert.match(stdout, /stopped the local API and the demo page/);
    for (const port of [api[1], page[1]]) {
      assert.equal(await listening(Number(port)), false, `something still listens on port ${port}`);
    }
    assert.ok(Date.now() - started < ONCE_LIMIT_MS);
  });
});

describe("what the README promises", () => {
  before(requirePkg);

  test("the errors table lists exactly the kinds of ContraForceErrorKind, with fields the .d.ts declares", () => {
    const dts = readFileSync(DTS, "utf8");
    const kinds = [...(/export type ContraForceErrorKind = ([^;]+);/.exec(dts)?.[1] ?? "").matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(kinds.length >= 7, "ContraForceErrorKind not found in the .d.ts");
    const section = README.slice(README.indexOf("## Errors"), README.indexOf("## Rust"));
    const rows = [...section.matchAll(/^\| `(\w+)` \| .* \| (.*) \|$/gm)].filter((row) => row[1] !== "kind"); // not the header
    assert.deepEqual(rows.map((row) => row[1]).sort(), [...kinds].sort());
    const declared = /export interface ContraForceError extends Error \{([\s\S]*?)\n\}/.exec(dts)[1];
    for (const [, kind, fields] of rows) {
      // The field names only: what follows a name in parentheses are examples of its values.
      for (const [, field] of fields.replace(/\([^()]*\)/g, "").matchAll(/`(\w+)`/g)) {
        assert.match(declared, new RegExp(`\\b${field}\\??:`), `the README lists ${kind}.${field}, which the .d.ts lacks`);
      }
    }
  });

  test("the API table names every export of the package, and nothing else", async () => {
    const pkg = await import(pathToFileURL(PKG_NODE).href);
    // wasm-bindgen's own loader (`initSync`) is not part of the API: every entry initialises by itself.
    const exported = Object.keys(pkg).filter((name) => name !== "initSync" && name !== "default").sort();
    const section = README.slice(README.indexOf("### The API in one table"), README.indexOf("## Errors"));
    const documented = [...section.matchAll(/^\| `(?:new )?(\w+)[(:`]/gm)].map((m) => m[1])
      .filter((name) => name !== "client").sort();
    assert.deepEqual(documented, exported, "README's API table and the package's exports differ");
  });

  test("credentials never appear in an error, String(client), or console output", async () => {
    const { ContraForceClient, isContraForceError } = await import(pathToFileURL(PKG_NODE).href);
    const api = await startMockApi();
    const secret = "Readme-Canary-S3cret-7f3a";
    try {
      const client = new ContraForceClient({ baseUrl: api.url, auth: { clientId: SAMPLE.clientId, clientSecret: secret }, retry: false });
      const error = await client
        .getIncident({ workspaceId: SAMPLE.workspaceId, source: SAMPLE.source, incidentId: SAMPLE.incidentId })
        .then(() => assert.fail("a wrong secret must be refused"), (e) => e);
      assert.ok(isContraForceError(error));
      assert.equal(error.status, 401);
      const encoded = Buffer.from(`${SAMPLE.clientId}:${secret}`).toString("base64");
      const views = [
        error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5, showHidden: true }),
        ...Object.values(error).map((value) => JSON.stringify(value)), String(client), inspect(client, { showHidden: true }),
      ];
      for (const view of views) {
        assert.ok(!view.includes(secret) && !view.includes(encoded), `a credential leaked: ${view}`);
      }
      // A refused credential is not quoted either (a CR would let it inject a header).
      const refused = (() => {
        try {
          new ContraForceClient({ baseUrl: api.url, auth: { token: `${secret}\r\nX-Injected: 1` } });
        } catch (e) {
          return e;
        }
        return assert.fail("a token with CR LF must be refused");
      })();
      assert.equal(refused.kind, "InvalidArgument");
      assert.ok(!inspect(refused, { showHidden: true }).includes(secret), "the refusal quotes the token");
    } finally {
      await api.close();
    }
  });

  test("relative links point at files that exist", () => {
    for (const [, target] of README.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)) {
      assert.ok(existsSync(path.join(ROOT, target)), `README links ${target}, which does not exist`);
    }
  });

  test("the performance and hostile-input sections keep their markers", () => {
    for (const name of ["bench", "hostile"]) {
      const start = README.indexOf(`<!-- ${name}:start -->`);
      const end = README.indexOf(`<!-- ${name}:end -->`);
      assert.ok(start >= 0 && end > start, `README needs <!-- ${name}:start --> before <!-- ${name}:end -->`);
    }
  });

  test("sections follow the house order", () => {
    const order = ["## Install", "## Quick start", "## Errors", "## Rust ⇄ TypeScript types", "## Recipes", "## Demo", "## Development"];
    const positions = order.map((heading) => README.indexOf(`\n${heading}\n`));
    for (const [i, heading] of order.entries()) assert.ok(positions[i] > 0, `README lacks "${heading}"`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, "README sections are out of order");
  });
});
