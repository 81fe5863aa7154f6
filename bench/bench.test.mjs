// Tests of the benchmark's own parts (generator, zod peer, statistics): `node --test bench/`.
// They need no built package.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BODIES, describeBody, escapeLikeDotNet, generateBody, mulberry32 } from "./generate.mjs";
import { diffValues, quantiles, summarize } from "./common.mjs";
import { IncidentResponseSchema, decodeWithZod } from "./zod-schema.mjs";

const decoder = new TextDecoder();
const generated = new Map(BODIES.map((b) => [b.id, generateBody({ targetBytes: b.targetBytes, escapeNonAscii: b.escapeNonAscii })]));

test("mulberry32 is deterministic and spreads over [0, 1)", () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const xs = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 1000 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.ok(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5) < 0.05);
});

test("every body is within 15% of its target size", () => {
  for (const b of BODIES) {
    const n = generated.get(b.id).length;
    assert.ok(Math.abs(n - b.targetBytes) / b.targetBytes <= 0.15, `${b.id}: ${n} bytes for a target of ${b.targetBytes}`);
  }
});

test("the same seed gives the same bytes, another seed other bytes", () => {
  for (const b of BODIES.filter((b) => b.targetBytes <= 1 << 20)) {
    const again = generateBody({ targetBytes: b.targetBytes, escapeNonAscii: b.escapeNonAscii });
    assert.ok(Buffer.from(again).equals(Buffer.from(generated.get(b.id))), b.id);
  }
  const other = generateBody({ targetBytes: 100 * 1024, seed: 1 });
  assert.ok(!Buffer.from(other).equals(Buffer.from(generated.get("100k"))));
});

test("bodies are valid JSON with every kind of record", () => {
  for (const b of BODIES) {
    const counts = describeBody(JSON.parse(decoder.decode(generated.get(b.id))));
    for (const [kind, n] of Object.entries(counts)) assert.ok(n >= 1, `${b.id} has no ${kind}`);
    if (b.targetBytes >= 1 << 20) {
      assert.ok(counts.incidentEntities + counts.investigationEntities >= 800, `${b.id}: ${JSON.stringify(counts)}`);
      assert.equal(counts.entityTypes, 42, `${b.id} lacks entity types`);
    }
  }
});

test("bodies carry the awkward values the decoder must handle", () => {
  const text = decoder.decode(generated.get("1m"));
  assert.match(text, /"alertsCount":"\d+"/, "an integer sent as a string");
  assert.match(text, /"number":\d+/, "an integer sent as a number");
  assert.match(text, /\.\d{7}\+\d\d:\d\d"/, "7 fractional digits with an offset");
  assert.match(text, /T\d\d:\d\d:\d\d\.\d{7}"/, "a local time without offset");
  assert.match(text, /[^\x00-\x7f]/, "non-ASCII text");
  assert.match(text, /\\"/, "escaped quotes");
  assert.match(text, /[0-9a-f]{64}/, "SHA-256");
  assert.match(text, /"[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}(%\d+)?"/, "IPv6");
  assert.match(text, /"type":"ProcessTree"/, "an enum value the contract does not list");
  assert.match(text, /"etag":/, "a property the contract does not list");
  const escaped = decoder.decode(generated.get("1m-escaped"));
  assert.doesNotMatch(escaped, /[^\x00-\x7f]/, "the escaped variant is pure ASCII");
  assert.match(escaped, /\\u00FC|\\u00E9|\\u8ACB/);
  assert.match(escaped, /\\uD83D\\uDD12/, "astral characters as surrogate pairs");
  assert.match(escaped, /\\u002B00:00/, ".NET escapes '+' too");
});

test("escapeLikeDotNet round-trips through JSON.parse", () => {
  const value = { a: 'Jörg "quoted" \\ back\\"slash <b>&\'+` 請求書 🔒', b: ["\\", "\\\\\"", "x\u0085y"] };
  const escaped = escapeLikeDotNet(JSON.stringify(value));
  assert.doesNotMatch(escaped, /[^\x00-\x7f]/);
  assert.deepEqual(JSON.parse(escaped), value);
});

test("zod accepts every generated body and normalises it", () => {
  for (const b of BODIES) {
    const out = decodeWithZod(generated.get(b.id));
    const inc = out.data.incident;
    assert.equal(typeof inc.number, "number", b.id);
    assert.equal(typeof inc.alertsCount, "number", b.id);
    assert.ok(!("etag" in inc), "unknown properties are dropped");
    for (const e of inc.entities) for (const v of Object.values(e)) assert.notEqual(v, undefined);
  }
});

test("zod peer: int-or-string, nullish and arrays", () => {
  const parse = (incident) => IncidentResponseSchema.parse({ data: { incident } }).data.incident;
  assert.equal(parse({ number: "42" }).number, 42);
  assert.equal(parse({ number: -7 }).number, -7);
  assert.equal(parse({ number: "-2147483648" }).number, -2147483648);
  for (const bad of ["007", "1.5", " 1", "2147483648", "", "+1", 1.5, 2 ** 31, true]) {
    assert.throws(() => parse({ number: bad }), undefined, String(bad));
  }
  const empty = parse({});
  assert.equal(empty.number, null);
  assert.equal(empty.user, null);
  assert.equal(empty.isAssigned, null);
  assert.deepEqual(empty.entities, []);
  assert.deepEqual(parse({ tactics: null }).tactics, []);
  assert.equal(parse({ severity: "Catastrophic" }).severity, "Catastrophic");
  const whole = IncidentResponseSchema.parse({ data: null, meta: undefined });
  assert.deepEqual(whole, { data: null, meta: null });
  const d = IncidentResponseSchema.parse({ data: {} }).data;
  assert.deepEqual(d, { source: null, incident: null, investigationDetails: null, evidence: null, gamebookCatalog: null });
});

test("quantiles interpolate like R type 7", () => {
  assert.deepEqual(quantiles([4, 1, 3, 2]), { q1: 1.75, median: 2.5, q3: 3.25 });
  assert.deepEqual(quantiles([5]), { q1: 5, median: 5, q3: 5 });
});

test("diffValues lists differing paths", () => {
  assert.deepEqual(diffValues({ a: [1, { b: 2 }], c: null }, { a: [1, { b: 2 }], c: null }), []);
  const d = diffValues({ a: [1, { b: 2 }], c: null, x: 1 }, { a: [1, { b: "2" }], c: [], y: 1 });
  assert.deepEqual(d.map((x) => x.path), ["$.a[1].b", "$.c", "$.x", "$.y"]);
});

test("summarize pairs samples of the same round for its ratios", () => {
  const bodies = [{ id: "x", bytes: new Uint8Array(2_000_000) }];
  const out = summarize(
    [
      { body: "x", method: "a", k: 1, samples: [10, 20, 40] },
      { body: "x", method: "b", k: 1, samples: [30, 60, 120] },
      { body: "x", method: "c", k: 1, samples: [11, 22, 44] },
    ],
    bodies,
  );
  const c = out.find((r) => r.method === "c");
  assert.equal(c.medianMs, 22);
  assert.equal(c.mbPerS, 2_000_000 / 1e6 / 0.022);
  assert.ok(Math.abs(c.vsFloor - 1.1) < 1e-12);
  assert.ok(Math.abs(c.vsZod - 11 / 30) < 1e-12);
  assert.equal(out.find((r) => r.method === "a").vsFloor, 1);
});
