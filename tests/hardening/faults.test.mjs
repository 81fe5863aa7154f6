// Faults injected by the local API (tests/support/mock-api.mjs) against the client in Node (pkg/node.js).
// For each: the right error kind, no hang past the timeout, and the next normal call on the same client succeeds
// (the wasm instance is not poisoned). Last, credentials never appear in any error, whatever its kind.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { ContraForceClient, isContraForceError, wasmMemoryBytes } from "../../pkg/node.js";
import { startMockApi, startRedirectTarget, SAMPLE } from "../support/mock-api.mjs";
import { generateBody } from "../../bench/generate.mjs";
import { decodeWithZod } from "../../bench/zod-schema.mjs";

let api;
before(async () => {
  api = await startMockApi({ port: 0 });
});
after(() => api.close());
beforeEach(() => {
  api.clearFaults();
  api.clearRequests();
});

const client = (options = {}) =>
  new ContraForceClient({ baseUrl: api.url, auth: { token: SAMPLE.token }, timeoutMs: 5_000, retry: false, ...options });
const call = (c, incidentId = SAMPLE.incidentId, extra = {}) =>
  c.getIncident({ workspaceId: SAMPLE.workspaceId, source: "Sentinel", incidentId, ...extra });

/** Runs `promise` and returns `{ error, ms }`; fails when it resolves. */
async function rejection(promise) {
  const started = performance.now();
  try {
    const value = await promise;
    assert.fail(`expected a rejection, got ${JSON.stringify(value).slice(0, 200)}`);
  } catch (error) {
    if (error?.code === "ERR_ASSERTION") throw error;
    assert.ok(isContraForceError(error), `not a ContraForceError: ${error?.name}: ${error?.message}`);
    return { error, ms: performance.now() - started };
  }
}

/** The instance is not poisoned: a normal call on the same client succeeds. */
async function nextCallSucceeds(c) {
  api.clearFaults();
  const { data } = await call(c);
  assert.equal(data.incident.id, "INC-1042");
}

test("connection reset mid-body: Network, then a retry or the next call succeeds", { timeout: 20_000 }, async () => {
  const c = client();
  const { error } = await rejection(call(c, "fault-drop-mid-body"));
  assert.equal(error.kind, "Network", error.message);
  assert.equal(error.attempts, 1);
  await nextCallSucceeds(c);
  // With retries, one reset costs one more attempt and the call succeeds.
  const retrying = client({ retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  api.addFaults({ dropMidBody: true, times: 1 });
  const { data } = await call(retrying);
  assert.equal(data.incident.id, "INC-1042");
  assert.equal(api.requests.length, 4);
});

test("a body that trickles past the timeout: Timeout, soon after timeoutMs", { timeout: 20_000 }, async () => {
  const c = client({ timeoutMs: 400 });
  const { error, ms } = await rejection(call(c, "fault-trickle-200"));
  assert.equal(error.kind, "Timeout", error.message);
  assert.equal(error.timeoutMs, 400);
  assert.ok(ms >= 350 && ms < 1_400, `rejected after ${ms.toFixed(0)} ms`);
  await nextCallSucceeds(c);
});

test("headers that never come: Timeout, and every retry gets its own timeout", { timeout: 20_000 }, async () => {
  const c = client({ timeoutMs: 300, retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  const { error, ms } = await rejection(call(c, "fault-slow-10000"));
  assert.equal(error.kind, "Timeout");
  assert.equal(error.attempts, 3);
  assert.ok(ms >= 850 && ms < 2_500, `rejected after ${ms.toFixed(0)} ms`);
  await nextCallSucceeds(c);
});

test("truncated JSON: Decode with a path, line and column", { timeout: 20_000 }, async () => {
  const c = client();
  const { error } = await rejection(call(c, "fault-truncated-json"));
  assert.equal(error.kind, "Decode", error.message);
  assert.equal(typeof error.path, "string");
  assert.ok(error.line >= 1 && error.column >= 0);
  await nextCallSucceeds(c);
});

test("wrong content type on a 2xx: Decode, saying which type came", { timeout: 20_000 }, async () => {
  const c = client();
  const { error } = await rejection(call(c, "fault-wrong-content-type"));
  assert.equal(error.kind, "Decode", error.message);
  assert.match(error.message, /text\/plain/);
  await nextCallSucceeds(c);
});

test("Content-Length larger than the body: Network (premature close), no hang", { timeout: 20_000 }, async () => {
  const c = client();
  const { error, ms } = await rejection(call(c, "fault-content-length-extra"));
  assert.equal(error.kind, "Network", error.message);
  assert.ok(ms < 4_000, `rejected after ${ms.toFixed(0)} ms`);
  await nextCallSucceeds(c);
});

test("a gzip-encoded body decodes (fetch decompresses it)", { timeout: 20_000 }, async () => {
  const c = client();
  const { data } = await call(c, "fault-gzip");
  assert.equal(data.incident.id, "INC-1042");
  assert.equal(api.requests.at(-1).fault !== null, true);
});

test("a 10 MB body: decodes with the default limit, TooLarge with maxResponseBytes 1 MB", { timeout: 60_000 }, async () => {
  const c = client({ timeoutMs: 30_000 });
  const { data } = await call(c, "fault-big-10485760");
  assert.equal(data.incident.id, "INC-1042");
  assert.ok(data.evidence.rows.length > 1000);
  const small = client({ maxResponseBytes: 1024 * 1024 });
  const { error } = await rejection(call(small, "fault-big-10485760"));
  assert.equal(error.kind, "TooLarge", error.message);
  assert.equal(error.limit, 1024 * 1024);
  await nextCallSucceeds(small);
  // Without a Content-Length (a fetch that hides it, as a chunked response would), reading stops at the limit.
  const hidingLength = async (url, init) => {
    const response = await fetch(url, init);
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(response.body, { status: response.status, headers });
  };
  const streaming = client({ maxResponseBytes: 1024 * 1024, fetch: hidingLength });
  const chunked = await rejection(call(streaming, "fault-big-10485760"));
  assert.equal(chunked.error.kind, "TooLarge", chunked.error.message);
  await nextCallSucceeds(streaming);
});

test("a body in chunks of any size decodes as the whole body does; wasm memory does not hold it", { timeout: 60_000 }, async () => {
  // The client keeps the chunks in JavaScript and decodes them 64 KiB at a time: tokens, escapes and UTF-8
  // sequences that straddle chunks and windows must not matter. Realistic bodies (non-ASCII text, escapes, numbers
  // as strings), as sent and with `\u` escapes, compared with the bench's independent zod normalisation.
  for (const escapeNonAscii of [false, true]) {
    const small = generateBody({ targetBytes: 8 * 1024, escapeNonAscii });
    for (const size of [1, 7, 4093]) await assertDecodesInChunks(small, size);
    const large = generateBody({ targetBytes: 4 * 1024 * 1024, escapeNonAscii });
    const before = wasmMemoryBytes();
    for (const size of [65536 + 3, 1024 * 1024]) await assertDecodesInChunks(large, size);
    const grown = wasmMemoryBytes() - before;
    assert.ok(grown < large.length / 2, `wasm memory grew ${grown} bytes for a ${large.length}-byte body`);
  }
});

async function assertDecodesInChunks(bytes, size) {
  const inChunks = async () => new Response(new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
      controller.close();
    },
  }), { headers: { "content-type": "application/json" } });
  const c = new ContraForceClient({ baseUrl: api.url, auth: { token: SAMPLE.token }, fetch: inChunks });
  const { data, meta } = await c.getIncident({ workspaceId: SAMPLE.workspaceId, source: SAMPLE.source, incidentId: "1" });
  assert.deepEqual({ data, meta }, decodeWithZod(bytes), `${bytes.length} bytes in chunks of ${size}`);
}

test("a stream yielding a Proxy of a Uint8Array, or a detached chunk: an error, no hang, no uncaught exception", { timeout: 20_000 }, async () => {
  const lookup = { workspaceId: SAMPLE.workspaceId, source: SAMPLE.source, incidentId: "1" };
  const streaming = (chunks) => async () => new Response(new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  }), { headers: { "content-type": "application/json" } });
  const proxy = client({ fetch: streaming([new Proxy(new Uint8Array(3), {})]) });
  const { error } = await rejection(proxy.getIncident(lookup));
  assert.equal(error.kind, "Network", error.message);
  assert.match(error.message, /something other than bytes/);
  // A chunk whose buffer the producer transfers away after enqueueing it: the body is cut short there.
  const body = generateBody({ targetBytes: 100 * 1024 });
  const first = body.slice(0, 50_000);
  const second = body.slice(50_000);
  const detaching = client({ fetch: async () => {
    const response = await streaming([first, second])();
    queueMicrotask(() => structuredClone(second.buffer, { transfer: [second.buffer] }));
    return response;
  } });
  const outcome = await detaching.getIncident(lookup).then((value) => ({ value }), (thrown) => ({ thrown }));
  if (outcome.thrown) assert.ok(isContraForceError(outcome.thrown), String(outcome.thrown));
  else assert.deepEqual({ data: outcome.value.data, meta: outcome.value.meta }, decodeWithZod(body));
  await nextCallSucceeds(client());
});

test("a redirect loop: Network after at most 5 redirects", { timeout: 20_000 }, async () => {
  const c = client();
  const { error } = await rejection(call(c, "fault-redirect-loop"));
  assert.equal(error.kind, "Network", error.message);
  assert.match(error.message, /redirect/);
  assert.ok(api.requests.length <= 6, `${api.requests.length} requests`);
  await nextCallSucceeds(c);
});

test("a same-origin redirect is followed; one to another origin is refused and never reached", { timeout: 20_000 }, async () => {
  const c = client();
  const { data } = await call(c, "fault-redirect-same-origin");
  assert.equal(data.incident.id, "INC-1042");

  const elsewhere = await startRedirectTarget({ port: 0 });
  try {
    const path = new URL(api.url).pathname + `/workspaces/${SAMPLE.workspaceId}/incidents/Sentinel/${SAMPLE.incidentId}`;
    api.addFaults({ redirectTo: `${elsewhere.origin}${path}`, times: 1 });
    const { error } = await rejection(call(c));
    assert.equal(error.kind, "Network", error.message);
    assert.match(error.message, /another origin/);
    assert.ok(!error.message.includes(SAMPLE.token));
    assert.equal(elsewhere.requests.length, 0, "the other origin must not even be asked");
  } finally {
    await elsewhere.close();
  }
  await nextCallSucceeds(c);
});

test("a storm of 429 without Retry-After: maxRetries honoured, backoff bounded", { timeout: 20_000 }, async () => {
  const c = client({ retry: { maxRetries: 4, baseDelayMs: 20, maxDelayMs: 80 } });
  api.addFaults({ status: 429, times: -1 });
  const { error, ms } = await rejection(call(c));
  assert.equal(error.kind, "Http");
  assert.equal(error.status, 429);
  assert.equal(error.attempts, 5);
  assert.equal(api.requests.length, 5);
  // Full jitter: each wait is at most min(maxDelayMs, base * 2^i) = 20 + 40 + 80 + 80 ms.
  assert.ok(ms < 220 + 1_000, `rejected after ${ms.toFixed(0)} ms`);
  await nextCallSucceeds(c);
});

test("a storm of 429 with Retry-After: 1 — each wait is the server's", { timeout: 20_000 }, async () => {
  const c = client({ retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
  api.addFaults({ status: 429, retryAfter: "1", times: -1 });
  const { error, ms } = await rejection(call(c));
  assert.equal(error.kind, "Http");
  assert.equal(error.attempts, 3);
  assert.equal(error.retryAfterMs, 1_000);
  assert.equal(api.requests.length, 3);
  assert.ok(ms >= 1_950 && ms < 3_500, `rejected after ${ms.toFixed(0)} ms`);
  const gaps = api.requests.slice(1).map((r, i) => Date.parse(r.timestamp) - Date.parse(api.requests[i].timestamp));
  assert.ok(gaps.every((gap) => gap >= 950), `gaps ${gaps}`);
  await nextCallSucceeds(c);
});

test("a Retry-After above maxRetryAfterMs stops at once, carrying retryAfterMs", { timeout: 20_000 }, async () => {
  const c = client({ retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 20, maxRetryAfterMs: 5_000 } });
  api.addFaults({ status: 503, retryAfter: "120", times: -1 });
  const { error, ms } = await rejection(call(c));
  assert.equal(error.status, 503);
  assert.equal(error.retryAfterMs, 120_000);
  assert.equal(error.attempts, 1);
  assert.ok(ms < 1_000);
  await nextCallSucceeds(c);
});

test("a 200 whose body is a problem document: Http with the API's code", { timeout: 20_000 }, async () => {
  const c = client();
  const { error } = await rejection(call(c, "fault-problem-200"));
  assert.equal(error.kind, "Http", error.message);
  assert.equal(error.status, 200);
  assert.equal(error.code, "NOT_FOUND");
  await nextCallSucceeds(c);
});

test("abort during a 30 s Retry-After wait: Aborted within 100 ms, no further request", { timeout: 20_000 }, async () => {
  const c = client({ retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 20 } });
  api.addFaults({ status: 503, retryAfter: "30", times: -1 });
  const controller = new AbortController();
  const pending = rejection(call(c, SAMPLE.incidentId, { signal: controller.signal }));
  while (!api.requests.some((r) => r.status === 503)) await new Promise((done) => setTimeout(done, 5));
  await new Promise((done) => setTimeout(done, 50)); // now inside the 30 s wait
  const aborted = performance.now();
  controller.abort();
  const { error } = await pending;
  const ms = performance.now() - aborted;
  assert.equal(error.kind, "Aborted", error.message);
  assert.ok(ms < 100, `rejected ${ms.toFixed(1)} ms after abort()`);
  await new Promise((done) => setTimeout(done, 300));
  assert.equal(api.requests.length, 1, "no request after the abort");
  await nextCallSucceeds(c);
});

test("abort while the body is streaming: Aborted at once", { timeout: 20_000 }, async () => {
  const c = client({ timeoutMs: 30_000 });
  const controller = new AbortController();
  const pending = rejection(call(c, "fault-trickle-100", { signal: controller.signal }));
  setTimeout(() => controller.abort(), 300);
  const { error, ms } = await pending;
  assert.equal(error.kind, "Aborted");
  assert.ok(ms < 600, `rejected after ${ms.toFixed(0)} ms`);
  await nextCallSucceeds(c);
});

// ---------------------------------------------------------------------------------------------------------------
// Credentials never leak, for every error kind.

const SECRET = "Hunter2-S3cr3t-7f3a9c";
const TOKEN = "tok-Hunter2-9b8e7d";

test("no credential in any error: message, props, JSON.stringify, String, util.inspect, stack", { timeout: 60_000 }, async () => {
  const secretApi = await startMockApi({ port: 0, credentials: { clientId: "cf-client", clientSecret: SECRET, token: TOKEN } });
  try {
    const basic = Buffer.from(`cf-client:${SECRET}`).toString("base64");
    const needles = [SECRET, TOKEN, basic, basic.slice(0, 16), encodeURIComponent(SECRET), "Hunter2"];
    const make = (auth, options = {}) =>
      new ContraForceClient({ baseUrl: secretApi.url, auth, timeoutMs: 300, retry: false, ...options });
    const auths = [{ clientId: "cf-client", clientSecret: SECRET }, { token: TOKEN }, { getToken: async () => TOKEN }];
    const seen = new Set();
    for (const auth of auths) {
      const c = make(auth);
      const aborted = new AbortController();
      aborted.abort();
      const cases = [
        ["InvalidArgument", () => c.getIncident({ workspaceId: "not-a-guid", source: "Sentinel", incidentId: "x" })],
        ["Network", () => call(c, "fault-drop")],
        ["Timeout", () => call(c, "fault-slow-5000")],
        ["Aborted", () => call(c, SAMPLE.incidentId, { signal: aborted.signal })],
        ["Http", () => call(c, "fault-status-500")],
        ["Http", () => call(c, "fault-html-502")],
        ["Decode", () => call(c, "fault-truncated-json")],
        ["TooLarge", () => call(make(auth, { maxResponseBytes: 100 }))],
      ];
      for (const [kind, run] of cases) {
        const { error } = await rejection(run());
        assert.equal(error.kind, kind, `${kind}: got ${error.kind}: ${error.message}`);
        seen.add(kind);
        const props = Object.fromEntries(Object.getOwnPropertyNames(error).map((key) => [key, error[key]]));
        const renderings = {
          message: error.message,
          props: JSON.stringify(props),
          "JSON.stringify": JSON.stringify(error),
          String: String(error),
          "util.inspect": inspect(error, { showHidden: true, depth: Infinity, getters: true }),
          stack: String(error.stack),
        };
        for (const [where, text] of Object.entries(renderings)) {
          for (const needle of needles) assert.ok(!text.includes(needle), `${kind} error leaks a credential in ${where}`);
        }
      }
      // The client object itself.
      for (const text of [String(c), inspect(c, { showHidden: true, depth: Infinity }), JSON.stringify(c) ?? ""]) {
        for (const needle of needles) assert.ok(!text.includes(needle), "the client leaks a credential");
      }
    }
    assert.deepEqual([...seen].sort(), ["Aborted", "Decode", "Http", "InvalidArgument", "Network", "Timeout", "TooLarge"]);
  } finally {
    await secretApi.close();
  }
});
