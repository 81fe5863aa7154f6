// Soak: many getIncident calls against the local API in Node, some failing by design (404, 503 with retries off).
// Every call settles (resolves or rejects, with the expected outcome), wasm linear memory stays flat after warm-up,
// and no JS object handed to or made by the client for one call outlives it (FinalizationRegistry after forced GC).
//
//   node --test tests/hardening/soak.test.mjs                       10,000 sequential + 200 concurrent (< 60 s)
//   SOAK_CALLS=100000 SOAK_ROUNDS=20 node --test tests/hardening/soak.test.mjs   a longer run
//
// The figures (calls/s, memory before and after) are printed as `# soak ...` lines.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import vm from "node:vm";
import { ContraForceClient, isContraForceError, wasmMemoryBytes } from "../../pkg/node.js";
import { startMockApi, SAMPLE } from "../support/mock-api.mjs";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");

const SEQUENTIAL = Number(process.env.SOAK_CALLS ?? 10_000);
const CONCURRENT = Number(process.env.SOAK_CONCURRENT ?? 200);
const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 5);
const WARM_UP = Math.min(1_000, Math.floor(SEQUENTIAL / 5));
const MIB = 1024 * 1024;

let api;
let client;
before(async () => {
  api = await startMockApi({ port: 0, maxLog: 1_000 });
  client = new ContraForceClient({ baseUrl: api.url, auth: { token: SAMPLE.token }, timeoutMs: 10_000, retry: false });
});
after(() => api?.close());

const MINIMAL_ID = "7d0c2a7e-0d1b-4a8e-9d7f-2f1e3c4b5a69";

/** The mix of calls: mostly the full incident, some minimal ones, some failing by design. */
const PLAN = [
  ...Array(7).fill({ source: "Sentinel", incidentId: SAMPLE.incidentId, expect: "INC-1042" }),
  ...Array(8).fill({ source: "DefenderXDR", incidentId: MINIMAL_ID, expect: MINIMAL_ID }),
  { source: "Sentinel", incidentId: "no-such-incident", expect: 404 },
  { source: "Sentinel", incidentId: "fault-status-404", expect: 404 },
  { source: "Sentinel", incidentId: "fault-status-503", expect: 503 },
  { source: "Sentinel", incidentId: SAMPLE.incidentId, withDetails: false, expect: "INC-1042" },
  { source: "Sentinel", incidentId: "fault-problem-200", expect: 200 },
];

const registry = new FinalizationRegistry((kind) => finalized.set(kind, (finalized.get(kind) ?? 0) + 1));
const finalized = new Map();
const registered = new Map();
function track(kind, object) {
  registry.register(object, kind);
  registered.set(kind, (registered.get(kind) ?? 0) + 1);
}

const settled = { resolved: 0, rejected: 0, twice: 0 };

/** One call: checks its outcome against the plan; counts how it settled. */
async function one(index) {
  const step = PLAN[index % PLAN.length];
  const controller = new AbortController();
  track("signal", controller.signal);
  const options = { workspaceId: SAMPLE.workspaceId, source: step.source, incidentId: step.incidentId, signal: controller.signal };
  if (step.withDetails !== undefined) options.withDetails = step.withDetails;
  track("options", options);
  let outcomes = 0;
  try {
    const result = await client.getIncident(options);
    outcomes++;
    settled.resolved++;
    track("result", result);
    assert.equal(result.data.incident.id, step.expect, `call ${index}`);
  } catch (error) {
    outcomes++;
    if (error?.code === "ERR_ASSERTION") throw error;
    settled.rejected++;
    assert.ok(isContraForceError(error), `call ${index}: ${error}`);
    track("error", error);
    assert.equal(error.kind, "Http", `call ${index}: ${error.message}`);
    assert.equal(error.status, step.expect, `call ${index}: ${error.message}`);
  }
  if (outcomes !== 1) settled.twice++;
}

async function collect() {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((done) => setTimeout(done, 20)); // lets FinalizationRegistry callbacks run
  }
  return process.memoryUsage();
}

test(`soak: ${SEQUENTIAL} sequential calls, then ${ROUNDS} rounds of ${CONCURRENT} concurrent`, { timeout: 600_000 }, async () => {
  // Warm-up: the allocator reaches its working size, the JIT settles.
  for (let i = 0; i < WARM_UP; i++) await one(i);
  const heapBefore = (await collect()).heapUsed;
  const wasmBefore = wasmMemoryBytes();

  // Two halves, with a forced GC between them (its time is not counted): the second half must not grow the heap.
  const middle = Math.floor((WARM_UP + SEQUENTIAL) / 2);
  let started = performance.now();
  for (let i = WARM_UP; i < middle; i++) await one(i);
  let sequentialMs = performance.now() - started;
  const heapMiddle = (await collect()).heapUsed;
  started = performance.now();
  for (let i = middle; i < SEQUENTIAL; i++) await one(i);
  sequentialMs += performance.now() - started;
  const heapAfterSequential = (await collect()).heapUsed;
  const wasmAfterSequential = wasmMemoryBytes();

  // Concurrent: the first round may grow memory (many bodies in flight at once); later rounds must not.
  started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => one(i)));
  const firstRoundMs = performance.now() - started;
  const wasmAfterFirstRound = wasmMemoryBytes();
  started = performance.now();
  for (let round = 1; round < ROUNDS; round++) {
    await Promise.all(Array.from({ length: CONCURRENT }, (_, i) => one(round * CONCURRENT + i)));
  }
  const laterRoundsMs = performance.now() - started;
  const wasmAfterConcurrent = wasmMemoryBytes();

  const heapAfter = (await collect()).heapUsed;

  // For scale: the same mix with plain fetch + response.json(), no client.
  const baselineCalls = Math.min(1_000, SEQUENTIAL);
  started = performance.now();
  for (let i = 0; i < baselineCalls; i++) {
    const step = PLAN[i % PLAN.length];
    const path = `/workspaces/${SAMPLE.workspaceId}/incidents/${step.source}/${encodeURIComponent(step.incidentId)}`;
    const response = await fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${SAMPLE.token}` } });
    await response.json();
  }
  const baselineMs = performance.now() - started;
  const total = SEQUENTIAL + ROUNDS * CONCURRENT;
  const perSecond = (n, ms) => Math.round((n / ms) * 1000);
  const mib = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
  console.log(`# soak sequential: ${SEQUENTIAL - WARM_UP} calls in ${(sequentialMs / 1000).toFixed(1)} s = ` +
    `${perSecond(SEQUENTIAL - WARM_UP, sequentialMs)} calls/s (after ${WARM_UP} warm-up calls)`);
  console.log(`# soak baseline: plain fetch + response.json() of the same mix: ${perSecond(baselineCalls, baselineMs)} calls/s`);
  console.log(`# soak concurrent: ${CONCURRENT} at once, first round ${firstRoundMs.toFixed(0)} ms, ` +
    `${ROUNDS - 1} more rounds ${perSecond((ROUNDS - 1) * CONCURRENT, laterRoundsMs)} calls/s`);
  console.log(`# soak wasm memory: ${mib(wasmBefore)} after warm-up, ${mib(wasmAfterSequential)} after sequential, ` +
    `${mib(wasmAfterFirstRound)} after the first concurrent round, ${mib(wasmAfterConcurrent)} at the end`);
  console.log(`# soak JS heap after GC: ${mib(heapBefore)} after warm-up, ${mib(heapMiddle)} half-way, ` +
    `${mib(heapAfterSequential)} after sequential, ${mib(heapAfter)} at the end`);
  console.log(`# soak settled: ${settled.resolved} resolved + ${settled.rejected} rejected of ${total} calls`);
  const counts = [...registered].map(([kind, n]) => `${kind} ${finalized.get(kind) ?? 0}/${n}`).join(", ");
  console.log(`# soak finalized after GC: ${counts}`);

  assert.equal(settled.resolved + settled.rejected, total, "every call settled");
  assert.equal(settled.twice, 0);
  assert.ok(settled.rejected > 0 && settled.resolved > 0);
  assert.equal(wasmAfterSequential, wasmBefore, "wasm memory grew during the sequential calls");
  assert.equal(wasmAfterConcurrent, wasmAfterFirstRound, "wasm memory grew after the first concurrent round");
  // The second half of the sequential calls repeats the first: it must not keep growing the heap.
  assert.ok(heapAfterSequential - heapMiddle < 2 * MIB, `JS heap grew by ${mib(heapAfterSequential - heapMiddle)} in the second half`);
  assert.ok(heapAfter - heapBefore < 16 * MIB, `JS heap grew by ${mib(heapAfter - heapBefore)}`);
  // Every per-call object is collectable once its call is over: nothing in wasm (or in a listener) holds it.
  // A few of the most recent may still be referenced by the test's own frames; allow 1%.
  for (const [kind, n] of registered) {
    const gone = finalized.get(kind) ?? 0;
    assert.ok(gone >= n * 0.99, `${kind}: only ${gone} of ${n} collected`);
  }
});
