// The npm package as its users get it: `npm pack` of pkg/ (once), then one throwaway project per runtime that
// installs only that tarball, builds with the repo's tools, runs, and checks a real result against the fixture:
// Node 20 ESM, esbuild (browser and node bundles), Vite and webpack builds in headless Chromium, a worker bundled by
// wrangler and run in workerd, and a strict TypeScript project. Also checks the tarball's file list and `exports`.
// Needs pkg/ (`node scripts/build.mjs`). About 40 s; every server and browser is stopped, every temp dir removed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES_DIR, SAMPLE, startMockApi } from "../support/mock-api.mjs";
import { launchChromium, runPage, serveDir } from "./lib/browser.mjs";
import { PACKAGE_NAME, ROOT, createConsumer, installedPackage, packTarball, run } from "./lib/pack.mjs";
import { esbuildBundle, runWorker, typecheck, viteBuild, webpackBuild, wranglerBundle } from "./lib/tools.mjs";

const MISSING_INCIDENT_ID = "INC-PACKAGE-TEST-MISSING";
const WASM = "contraforce_incident_bg.wasm";

let work; // the temp dir holding the tarball and every consumer project
let pack; // { tarball, files, manifest }
let api; // the local ContraForce API
let chromium; // launched by the first browser test
let fixtureText;
let expected;

before(async () => {
  work = await mkdtemp(join(tmpdir(), "contraforce-package-"));
  fixtureText = await readFile(join(FIXTURES_DIR, "incident_full.json"), "utf8");
  expected = summaryOf(JSON.parse(fixtureText));
  pack = await packTarball(work);
  api = await startMockApi({ port: 0 });
});

after(async () => {
  await chromium?.close();
  await api?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** What the scenario (consumers/shared/scenario.js) must report for the fixture, computed from the raw JSON. */
function summaryOf({ data, meta }) {
  const { incident } = data;
  return {
    requestId: meta.requestId,
    source: data.source,
    id: incident.id,
    title: incident.title,
    number: Number(incident.number),
    severity: incident.severity,
    status: incident.status,
    creationTime: incident.creationTime,
    entityTypes: incident.entities.map((entity) => entity.type),
    alertCount: data.investigationDetails.alerts.length,
    commentCount: data.investigationDetails.incidentComment.length,
    evidenceColumns: data.evidence.columns,
    plainObjects: true,
  };
}

/** What a consumer reads before running the scenario: the local API, credentials, ids and the fixture text. */
function scenarioConfig(auth) {
  const { workspaceId, source, incidentId } = SAMPLE;
  return { apiUrl: api.url, auth, workspaceId, source, incidentId, missingIncidentId: MISSING_INCIDENT_ID, fixtureText };
}
const basicAuth = () => ({ clientId: SAMPLE.clientId, clientSecret: SAMPLE.clientSecret });
const tokenAuth = () => ({ token: SAMPLE.token }); // browsers get a token, never a client secret

function assertScenario(result, where) {
  assert.ok(result && typeof result === "object", `${where}: no result`);
  assert.deepEqual(result.decoded, expected, `${where}: decodeIncidentResponse(fixture) differs from the fixture`);
  assert.deepEqual(result.fetched, expected, `${where}: getIncident against the local API differs from the fixture`);
  const { notFound, decodeError } = result;
  assert.equal(notFound.isContraForceError, true, `${where}: a 404 must reject with a ContraForceError`);
  assert.equal(notFound.isError, true, `${where}: a ContraForceError is an Error`);
  assert.deepEqual([notFound.name, notFound.kind, notFound.status, notFound.code, notFound.hasRequestId],
    ["ContraForceError", "Http", 404, "NOT_FOUND", true], `${where}: the 404 error`);
  assert.equal(decodeError.isContraForceError, true, `${where}: a bad body must throw a ContraForceError`);
  assert.deepEqual([decodeError.kind, decodeError.path], ["Decode", "data.incident.number"], `${where}: the decode error`);
  assert.equal(result.notAnError, false, `${where}: isContraForceError(new Error()) must be false`);
  assert.equal(result.client, `ContraForceClient(${api.url})`, `${where}: String(client)`);
}

/** Runs the browser consumer built into `outDir` in Chromium and checks it like any other consumer. */
async function checkInChromium(outDir, where) {
  chromium ??= await launchChromium();
  const server = await serveDir(outDir, scenarioConfig(tokenAuth()));
  try {
    const page = await runPage(chromium.context, server.url, { expectedFailures: [MISSING_INCIDENT_ID] });
    assert.equal(page.error, undefined, `${where}: the page failed: ${page.error}`);
    assert.equal(page.dom, "done", `${where}: the page did not write its result into the DOM`);
    assertScenario(page.result, where);
    assert.deepEqual(page.consoleErrors, [], `${where}: console errors`);
    const wasm = server.requests.filter((r) => r.path.endsWith(".wasm"));
    assert.ok(wasm.length >= 1 && wasm.every((r) => r.status === 200),
      `${where}: the .wasm must be fetched from the app's own output: ${JSON.stringify(server.requests)}`);
    assert.deepEqual(server.requests.filter((r) => r.status !== 200), [], `${where}: requests that failed`);
  } finally {
    await server.close();
  }
}

// ---- The tarball --------------------------------------------------------------------------------------------------

test("the tarball holds exactly the files package.json names, and nothing else", () => {
  const expectedFiles = [...new Set([...pack.manifest.files, "package.json"])].sort();
  for (const entry of pack.manifest.files) assert.doesNotMatch(entry, /[*/]/, `\`files\` entry ${entry}: a plain file name is expected`);
  const stray = pack.files.filter((file) => /(^|\/)\.|\.test\.|(^|\/)tests?\/|\.map$|\.rs$|Cargo|node_modules/.test(file));
  assert.deepEqual(stray, [], "dotfiles, tests, source maps or Rust sources in the tarball");
  assert.deepEqual(pack.files, expectedFiles, "tarball contents vs package.json `files` (+ package.json)");
});

test("every path named by exports, types and sideEffects is in the tarball; `types` first, `default` last", async () => {
  const { manifest, files } = pack;
  const inTarball = new Set(files);
  const targets = [];
  const walk = (node, where) => {
    if (typeof node === "string") return targets.push([where, node]);
    const keys = Object.keys(node);
    const conditions = keys.filter((key) => !key.startsWith("."));
    if (conditions.length) {
      assert.equal(conditions.length, keys.length, `${where}: subpaths and conditions mixed`);
      if (keys.includes("types")) assert.equal(keys[0], "types", `${where}: \`types\` must be the first condition`);
      if (keys.includes("default")) assert.equal(keys.at(-1), "default", `${where}: \`default\` must be the last condition`);
    }
    for (const key of keys) walk(node[key], `${where}.${key}`);
  };
  walk(manifest.exports, "exports");
  targets.push(["types", manifest.types], ...manifest.sideEffects.map((file) => ["sideEffects", file]));
  for (const [where, target] of targets) {
    assert.match(target, /^\.\//, `${where}: ${target} must start with ./`);
    assert.ok(inTarball.has(target.slice(2)), `${where}: ${target} is not in the tarball`);
  }
  const root = manifest.exports["."];
  assert.deepEqual([root.workerd, root.node, root.browser, root.default], ["./workerd.js", "./node.js", "./index.js", "./index.js"]);
  // Every entry instantiates the .wasm when imported: a bundler must never drop one as side-effect free.
  for (const entry of ["./index.js", "./node.js", "./workerd.js"]) assert.ok(manifest.sideEffects.includes(entry), `sideEffects lacks ${entry}`);
  assert.equal(manifest.name, PACKAGE_NAME);
  assert.equal(manifest.type, "module");
  const cargoVersion = (await readFile(join(ROOT, "Cargo.toml"), "utf8")).match(/^version = "([^"]+)"/m)[1];
  assert.equal(manifest.version, cargoVersion, "the package version comes from Cargo.toml (is pkg/ stale?)");
});

// ---- Node ---------------------------------------------------------------------------------------------------------

test("Node 20 ESM: `node consumer.mjs` imports the package by name, no init step", { timeout: 120_000 }, async () => {
  const dir = await createConsumer(work, "node", pack.tarball, {
    "consumer.mjs": "node/consumer.mjs",
    "scenario.js": "shared/scenario.js",
  });
  await writeFile(join(dir, "config.json"), JSON.stringify(scenarioConfig(basicAuth())));
  const { stdout } = await run(process.execPath, ["consumer.mjs", "config.json"], { cwd: dir, timeoutMs: 60_000 });
  assertScenario(JSON.parse(stdout), "Node ESM");
});

// ---- esbuild ------------------------------------------------------------------------------------------------------

test("esbuild: a node-platform bundle runs in Node, and a browser-platform bundle in Chromium", { timeout: 180_000 }, async () => {
  const dir = await createConsumer(work, "esbuild", pack.tarball, {
    "src/consumer.mjs": "node/consumer.mjs",
    "src/main.js": "browser/main.js",
    "src/scenario.js": "shared/scenario.js",
    "index.html": "esbuild/index.html",
  });

  const node = await esbuildBundle(dir, "src/consumer.mjs", "node");
  const nodeBundle = await readFile(node.bundle, "utf8");
  assert.ok(!nodeBundle.includes('from "contraforce-incident"'), "the package must be bundled in, not left external");
  await writeFile(join(dir, "config.json"), JSON.stringify(scenarioConfig(basicAuth())));
  const { stdout } = await run(process.execPath, [node.bundle, join(dir, "config.json")], { cwd: node.outDir, timeoutMs: 60_000 });
  assertScenario(JSON.parse(stdout), "esbuild node bundle");

  const browser = await esbuildBundle(dir, "src/main.js", "browser");
  const browserBundle = await readFile(browser.bundle, "utf8");
  // esbuild does not rewrite the URL: the bundle fetches the .wasm next to itself, hence the copy.
  assert.ok(browserBundle.includes('new URL("./contraforce_incident_bg.wasm", import.meta.url)'),
    "the browser bundle must load the .wasm from next to itself (the package's `browser` entry)");
  assert.ok(!browserBundle.includes("node:fs"), "the browser bundle must take the `browser` entry, not the node one");
  await writeFile(join(browser.outDir, "index.html"), await readFile(join(dir, "index.html")));
  await checkInChromium(browser.outDir, "esbuild browser bundle");
});

// ---- Vite ---------------------------------------------------------------------------------------------------------

test("Vite production build, served and loaded in Chromium", { timeout: 180_000 }, async () => {
  const dir = await createConsumer(work, "vite", pack.tarball, {
    "index.html": "vite/index.html",
    "src/main.js": "browser/main.js",
    "src/scenario.js": "shared/scenario.js",
  });
  const outDir = await viteBuild(dir);
  const assets = await readdir(join(outDir, "assets"));
  assert.ok(assets.some((file) => /^contraforce_incident_bg-.+\.wasm$/.test(file)), `Vite must emit the .wasm as an asset: ${assets}`);
  await checkInChromium(outDir, "Vite build");
});

// ---- webpack ------------------------------------------------------------------------------------------------------

test("webpack 5 production build (target web), loaded in Chromium", { timeout: 180_000 }, async () => {
  const dir = await createConsumer(work, "webpack", pack.tarball, {
    "index.html": "webpack/index.html",
    "src/main.js": "browser/main.js",
    "src/scenario.js": "shared/scenario.js",
  });
  const outDir = await webpackBuild(dir);
  const files = await readdir(outDir);
  assert.ok(files.some((file) => file.endsWith(".wasm")), `webpack must emit the .wasm as an asset: ${files}`);
  await checkInChromium(outDir, "webpack build");
});

// ---- Cloudflare Workers -------------------------------------------------------------------------------------------

test("wrangler bundles a worker that imports the .wasm as a module, and it runs in workerd", { timeout: 180_000 }, async () => {
  const dir = await createConsumer(work, "workerd", pack.tarball, {
    "wrangler.toml": "workerd/wrangler.toml",
    "src/worker.js": "workerd/worker.js",
    "src/scenario.js": "shared/scenario.js",
  });
  const { outDir, files } = await wranglerBundle(dir);
  const wasm = files.filter((file) => file.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `wrangler must output the .wasm as a module beside the worker: ${files}`);
  const worker = await readFile(join(outDir, "worker.js"), "utf8");
  assert.match(worker, new RegExp(`^import \\w+ from "\\./${wasm[0].replace(/\./g, "\\.")}";$`, "m"),
    "the worker must import the .wasm (the package's `workerd` entry)");

  const { status, body } = await runWorker(dir, join(outDir, "worker.js"), { CONSUMER_CONFIG: JSON.stringify(scenarioConfig(basicAuth())) });
  assert.equal(status, 200, `the worker failed: ${body.failed}`);
  // workerd refuses to compile wasm from bytes, so the package can only have used the imported module.
  assert.match(body.compileFromBytes, /^refused: .*disallowed/i, "workerd must refuse compiling wasm bytes");
  assertScenario(body, "workerd");
});

// ---- TypeScript ---------------------------------------------------------------------------------------------------

test("a strict TypeScript consumer type-checks against the installed types (Node and bundler settings)", { timeout: 180_000 }, async () => {
  const dir = await createConsumer(work, "typescript", pack.tarball, {
    "consumer.ts": "typescript/consumer.ts",
    "tsconfig.node.json": "typescript/tsconfig.node.json",
    "tsconfig.bundler.json": "typescript/tsconfig.bundler.json",
  });
  const installed = installedPackage(dir);
  // A Node project without the DOM lib: only @types/node (from the repo's node_modules) for fetch and friends.
  await writeFile(join(dir, "tsconfig.node-only.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: false, target: "es2022", lib: ["es2022"],
      module: "nodenext", moduleResolution: "nodenext", types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")],
    },
    files: ["node-only.ts"],
  }));
  await writeFile(join(dir, "node-only.ts"), [
    'import { ContraForceClient, decodeIncidentResponse, isContraForceError, type IncidentResult } from "contraforce-incident";',
    'const client = new ContraForceClient({ baseUrl: "https://portal.contraforce.com/api/v2", auth: { token: "t" } });',
    'const pending: Promise<IncidentResult> = client.getIncident({ workspaceId: "w", source: "Sentinel", incidentId: "i", signal: AbortSignal.timeout(1000) });',
    'export const title: Promise<string | null> = pending.then((r) => r.data.incident?.title ?? null, (e: unknown) => (isContraForceError(e) ? e.kind : null));',
    'export const number: number | null = decodeIncidentResponse("{}").data.incident?.number ?? null;',
  ].join("\n"));
  for (const project of ["tsconfig.node.json", "tsconfig.bundler.json", "tsconfig.node-only.json"]) {
    const read = await typecheck(dir, project);
    assert.ok(read.includes(join(installed, "index.d.ts")), `${project}: tsc did not read the installed index.d.ts`);
  }

  // Every type the package exports is used by consumer.ts, so a new one gets a consumer too.
  const consumer = await readFile(join(dir, "consumer.ts"), "utf8");
  const dts = await readFile(join(installed, "contraforce_incident.d.ts"), "utf8");
  const wasmBindgenInit = new Set(["InitInput", "InitOutput", "SyncInitInput", "initSync"]);
  const exported = [...dts.matchAll(/^export (?:declare )?(?:interface|type|class|function) (\w+)/gm)]
    .map((match) => match[1])
    .filter((name) => !wasmBindgenInit.has(name));
  assert.ok(exported.length > 30, `too few exports found in the .d.ts: ${exported}`);
  const unused = exported.filter((name) => !new RegExp(`\\b${name}\\b`).test(consumer));
  assert.deepEqual(unused, [], "exports of the package that consumers/typescript/consumer.ts does not use");
  const expectations = consumer.match(/@ts-expect-error/g).length;
  assert.ok(expectations >= 10, `consumer.ts proves ${expectations} mistakes are caught`);
});
