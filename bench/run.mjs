// The benchmark: `npm run bench` (node --expose-gc bench/run.mjs [--quick] [--no-browser] [--pkg DIR]).
// What it measures and how is described in bench/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";

import { wasmMemoryReader } from "./child.mjs";
import {
  BENCH_DIR, REQUEST, diffValues, log, machineInfo, makeBodies, packageInfo, parseArgs, quantiles, requirePackage,
  summarize,
} from "./common.mjs";
import { printSummary, writeResults } from "./report.mjs";
import { decodeWithZod } from "./zod-schema.mjs";

// Timings are steadier when each sample starts from a collected heap: make sure gc() is there.
if (typeof globalThis.gc !== "function") {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ["--expose-gc", ...process.execArgv, self, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const args = parseArgs(process.argv.slice(2));
const { url: pkgUrl } = requirePackage(args.pkgDir, "node.js");

const PLAN = args.quick
  ? { warmMs: 50, warmMin: 2, sampleMs: 4, budgetS: 8, minRounds: 5, maxRounds: 400, coldRuns: 5, memRepeats: 20 }
  : { warmMs: 300, warmMin: 3, sampleMs: 10, budgetS: 75, minRounds: 10, maxRounds: 2000, coldRuns: 15, memRepeats: 100 };

const started = performance.now();
const pkg = await import(pkgUrl);
for (const name of ["decodeIncidentResponse", "ContraForceClient"]) {
  if (typeof pkg[name] !== "function") {
    console.error(`bench: ${relative(process.cwd(), fileURLToPath(pkgUrl))} does not export ${name}; is the build complete?`);
    process.exit(2);
  }
}

log(`generating bodies (seed ${args.seed})`);
const bodies = makeBodies(args.seed);
const outDir = join(BENCH_DIR, "out");
mkdirSync(outDir, { recursive: true });
for (const b of bodies) {
  b.file = join(outDir, `incident-${b.id}.json`);
  writeFileSync(b.file, b.bytes);
  b.client = new pkg.ContraForceClient({
    baseUrl: "https://x.test/api/v2",
    auth: { token: "t" },
    // An in-memory server: every call answers with the body's bytes, as a network fetch would.
    fetch: (_url, _init) =>
      Promise.resolve(new Response(b.bytes, { status: 200, headers: { "content-type": "application/json" } })),
    retry: false,
  });
}

const textDecoder = new TextDecoder();
const METHODS = [
  { id: "a", label: "TextDecoder + JSON.parse (floor)", run: (b) => JSON.parse(textDecoder.decode(b.bytes)) },
  { id: "b", label: "+ zod v4 schema.parse", run: (b) => decodeWithZod(b.bytes) },
  { id: "c", label: "decodeIncidentResponse(bytes)", run: (b) => pkg.decodeIncidentResponse(b.bytes) },
  { id: "d", label: "getIncident, injected fetch", async: true, run: (b) => b.client.getIncident(REQUEST) },
];

// ---------------------------------------------------------------------------------------------------------------
// Like with like: the decoder and zod must agree on every body before their speeds mean anything.

log("checking that zod (b), the decoder (c) and the client (d) give the same values");
const equivalence = [];
const broken = new Set(); // "body/method" pairs that threw, left out of the timing
for (const b of bodies) {
  const entry = { body: b.id, equal: false, differences: [], clientEqual: false, clientDifferences: [], error: null };
  let expected;
  let decoded;
  try {
    expected = decodeWithZod(b.bytes);
  } catch (e) {
    entry.error = `zod: ${e.message.slice(0, 300)}`;
    broken.add(`${b.id}/b`);
  }
  try {
    decoded = pkg.decodeIncidentResponse(b.bytes);
  } catch (e) {
    entry.error = `decodeIncidentResponse: ${e.name}: ${e.message}`;
    broken.add(`${b.id}/c`);
  }
  try {
    const viaClient = await b.client.getIncident(REQUEST);
    if (decoded) {
      entry.clientDifferences = diffValues(decoded, viaClient);
      entry.clientEqual = entry.clientDifferences.length === 0;
    }
  } catch (e) {
    entry.error = `${entry.error ? `${entry.error}; ` : ""}getIncident: ${e.name}: ${e.message}`;
    broken.add(`${b.id}/d`);
  }
  if (expected && decoded) {
    entry.differences = diffValues(expected, decoded);
    entry.equal = entry.differences.length === 0;
  }
  equivalence.push(entry);
  if (entry.error) log(`  ${b.label}: ERROR ${entry.error}`);
  if (!entry.equal && entry.differences.length) {
    log(`  ${b.label}: zod (expected) and decodeIncidentResponse (actual) differ:`);
    for (const d of entry.differences) log(`    ${d.path}: expected ${d.expected}, actual ${d.actual}`);
  }
  if (decoded && !entry.clientEqual && entry.clientDifferences.length) {
    log(`  ${b.label}: decodeIncidentResponse (expected) and getIncident (actual) differ:`);
    for (const d of entry.clientDifferences) log(`    ${d.path}: expected ${d.expected}, actual ${d.actual}`);
  }
  if (entry.equal && entry.clientEqual) log(`  ${b.label}: same values`);
}

// ---------------------------------------------------------------------------------------------------------------
// Throughput: interleaved rounds, every (body, method) once per round, in an order that rotates every round.

let sink;
async function sample(method, body, k) {
  globalThis.gc();
  const t0 = performance.now();
  if (method.async) for (let i = 0; i < k; i++) sink = await method.run(body);
  else for (let i = 0; i < k; i++) sink = method.run(body);
  return (performance.now() - t0) / k;
}

const runnable = (b) => METHODS.filter((m) => !broken.has(`${b.id}/${m.id}`));

log(`warming up (${args.quick ? "quick" : "full"} plan)`);
const perSample = new Map(); // body id -> iterations per sample
for (const b of bodies) {
  const times = {};
  for (const m of runnable(b)) {
    const t0 = performance.now();
    const runs = [];
    while (runs.length < PLAN.warmMin || performance.now() - t0 < PLAN.warmMs) runs.push(await sample(m, b, 1));
    times[m.id] = quantiles(runs).median;
  }
  // The same number of decodes per sample for every method of a body, sized on the floor.
  const unit = times.a ?? Math.min(...Object.values(times));
  perSample.set(b.id, Math.max(1, Math.min(10_000, Math.round(PLAN.sampleMs / unit))));
}

log(`timing for about ${PLAN.budgetS} s`);
const samples = new Map(); // "body/method" -> ms per decode
const timingStart = performance.now();
let rounds = 0;
let lastReport = timingStart;
while (
  rounds < PLAN.minRounds ||
  (rounds < PLAN.maxRounds && performance.now() - timingStart < PLAN.budgetS * 1000)
) {
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[(i + rounds) % bodies.length];
    const methods = runnable(b);
    for (let j = 0; j < methods.length; j++) {
      const m = methods[(j + rounds) % methods.length];
      const key = `${b.id}/${m.id}`;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push(await sample(m, b, perSample.get(b.id)));
    }
  }
  rounds++;
  if (performance.now() - lastReport > 15_000) {
    lastReport = performance.now();
    log(`  ${rounds} rounds, ${Math.round((lastReport - timingStart) / 1000)} s`);
  }
}
const timingSeconds = (performance.now() - timingStart) / 1000;
const raw = [...samples].map(([key, s]) => {
  const [body, method] = key.split("/");
  return { body, method, k: perSample.get(body), samples: s };
});

// Wasm memory of this process after all of the above (grows to its high-water mark and never shrinks).
const mainReader = wasmMemoryReader(pkg);
const mainWasmMemory = mainReader ? mainReader.read() : null;
const benchPeakRss = process.resourceUsage().maxRSS * 1024;

// ---------------------------------------------------------------------------------------------------------------
// Fresh processes: cold start and memory.

const CHILD = join(BENCH_DIR, "child.mjs");
function child(mode, file, extra = []) {
  const out = execFileSync(process.execPath, [CHILD, mode, mode === "floor" ? "-" : pkgUrl, file, ...extra], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop());
}

log(`cold start: ${PLAN.coldRuns} fresh processes`);
let coldStart;
try {
  const small = bodies.find((b) => b.id === "6k");
  child("cold", small.file); // not counted: brings the files into the page cache
  const runs = Array.from({ length: PLAN.coldRuns }, () => child("cold", small.file));
  const imp = quantiles(runs.map((r) => r.importToResultMs));
  const proc = quantiles(runs.map((r) => r.processToResultMs));
  coldStart = {
    body: small.id,
    runs: runs.length,
    medianMs: imp.median,
    q1Ms: imp.q1,
    q3Ms: imp.q3,
    samplesMs: runs.map((r) => r.importToResultMs),
    processStartToResultMedianMs: proc.median,
  };
} catch (e) {
  coldStart = { error: String(e.stderr || e.message).slice(0, 2000) };
  log(`  cold start failed: ${coldStart.error}`);
}

log(`wasm memory: decoding the 10 MB body, then ${PLAN.memRepeats} more times, in a fresh process`);
let wasmMemory;
let peakRss;
const big = bodies.find((b) => b.id === "10m");
try {
  const mem = child("memory", big.file, [String(PLAN.memRepeats)]);
  const floor = child("floor", big.file, [String(PLAN.memRepeats)]);
  const first = mem.series[0]?.bytes ?? null;
  const last = mem.series.at(-1);
  wasmMemory = {
    source: mem.source,
    body: big.id,
    bodyBytes: big.bytes.length,
    afterImportBytes: mem.afterImport,
    afterFirstDecodeBytes: first,
    furtherDecodes: last?.furtherDecodes ?? 0,
    afterFurtherDecodesBytes: last?.bytes ?? null,
    series: mem.series,
    benchProcessBytes: mainWasmMemory,
  };
  peakRss = { benchProcessBytes: benchPeakRss, decoderChildBytes: mem.peakRss, floorChildBytes: floor.peakRss, repeats: PLAN.memRepeats };
} catch (e) {
  const error = String(e.stderr || e.message).slice(0, 2000);
  log(`  memory measurement failed: ${error}`);
  wasmMemory = { error };
  peakRss = { benchProcessBytes: benchPeakRss };
}

// ---------------------------------------------------------------------------------------------------------------
// Size of the .wasm files.

function wasmFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === "node_modules") continue;
    if (statSync(p).isDirectory()) found.push(...wasmFiles(p));
    else if (name.endsWith(".wasm")) found.push(p);
  }
  return found.sort();
}
const wasmSize = wasmFiles(args.pkgDir).map((file) => {
  const bytes = readFileSync(file);
  return {
    file: relative(args.pkgDir, file),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
});

// ---------------------------------------------------------------------------------------------------------------
// Report.

const results = {
  version: 1,
  date: new Date().toISOString(),
  mode: args.quick ? "quick" : "full",
  seed: args.seed,
  machine: machineInfo(),
  package: packageInfo(args.pkgDir),
  bodies: bodies.map((b) => ({ id: b.id, label: b.label, bytes: b.bytes.length, escapedNonAscii: b.escapeNonAscii, counts: b.counts })),
  methods: METHODS.map((m) => ({ id: m.id, label: m.label })),
  equivalence,
  node: { rounds, timingSeconds: Math.round(timingSeconds * 10) / 10, results: summarize(raw, bodies) },
  coldStart,
  wasmSize,
  wasmMemory,
  peakRss,
  browser: args.browser ? { pending: true } : { skipped: "--no-browser" },
};
writeResults(results);
log(`node part done in ${Math.round((performance.now() - started) / 1000)} s`);

let exitCode = 0;
if (args.browser) {
  const { runBrowserBench } = await import("./browser.mjs");
  try {
    results.browser = await runBrowserBench({ pkgDir: args.pkgDir, bodies, quick: args.quick, chromium: args.chromium, nodeDecode: pkg.decodeIncidentResponse });
  } catch (e) {
    results.browser = { error: String(e?.stack || e).slice(0, 2000) };
    log(`browser part failed: ${results.browser.error}`);
    exitCode = 1;
  }
  writeResults(results);
}
if (sink === Symbol.for("never")) console.log(sink);
printSummary(results);
log(`done in ${Math.round((performance.now() - started) / 1000)} s; wrote bench/results.json and bench/results.md`);
process.exit(exitCode);
