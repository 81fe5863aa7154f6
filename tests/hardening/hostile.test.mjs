// Hostile bodies through the package's decoder (pkg/node.js): type swaps, nesting to 10,000 levels, 20 MB strings,
// out-of-range numbers, lone surrogates, invalid UTF-8, NUL bytes, duplicate keys, byte-order marks.
//
// Each case either decodes or throws a ContraForceError of kind "Decode" with a `path` — never a wasm trap (a Rust
// panic or an out-of-memory abort would surface as a `RuntimeError` and leave the instance unusable) — and has the
// same outcome whether the body arrives as a string or as bytes. Where a JS string cannot carry the body (invalid
// UTF-8), only bytes are tried. After every case a normal body still decodes.
//
// The expected outcome of every case is declared below;
// `HOSTILE_MD=/tmp/table.md node --test tests/hardening/hostile.test.mjs` writes them as the Markdown table of
// tests/hardening/HOSTILE.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { decodeIncidentResponse, isContraForceError, wasmMemoryBytes } from "../../pkg/node.js";

const FIXTURE = readFileSync(new URL("../fixtures/incident_minimal.json", import.meta.url), "utf8");
const MB = 1024 * 1024;
const utf8 = (text) => new TextEncoder().encode(text);
const concat = (...parts) => {
  const chunks = parts.map((part) => (typeof part === "string" ? utf8(part) : Uint8Array.from(part)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
};
const incident = (fields) => `{"data":{"incident":{${fields}}}}`;
const cell = (json) => `{"data":{"evidence":{"rows":[[${json}]]}}}`;
const nest = (n, leaf = "0") => "[".repeat(n) + leaf + "]".repeat(n);
const nestObjects = (n) => '{"a":'.repeat(n) + "0" + "}".repeat(n);

/** What a case must give: `ok` (with an optional check of the value) or `{ path }` (a Decode error at that path). */
const ok = (check = () => {}, note = "") => ({ ok: true, check, note });
const fails = (path, note = "") => ({ ok: false, path, note });

const TYPE_SWAPS = [
  ["a number where a string belongs", incident('"title":5'), fails("data.incident.title")],
  ["an object where a string belongs", incident('"title":{}'), fails("data.incident.title")],
  ['a string where a boolean belongs (`"true"`)', incident('"isAssigned":"true"'), fails("data.incident.isAssigned")],
  ["a boolean where an int belongs", incident('"number":true'), fails("data.incident.number")],
  ["a string where an array belongs", incident('"entities":"none"'), fails("data.incident.entities")],
  ["an array where an object belongs", '{"data":{"incident":[]}}', fails("data.incident")],
  ["a number inside a string array", incident('"tactics":["a",1]'), fails("data.incident.tactics[1]")],
  ["an object where evidence rows belong", '{"data":{"evidence":{"rows":{}}}}', fails("data.evidence.rows")],
  ["a number as an enum value", incident('"severity":5'), fails("data.incident.severity")],
  ['`"data": null`', '{"data":null}', fails("data")],
  ["a whole body that is an array (`[{}]`)", "[{}]", fails("")],
  ["`meta` as a string", '{"data":{},"meta":"x"}', fails("meta")],
];

const NESTING = [
  ["10,000 nested arrays in a known field (`tactics`)", incident(`"tactics":${nest(10_000)}`),
    fails("data.incident.tactics[0]", "type error at the first level")],
  ["10,000 nested arrays in an unknown field", `{"data":{"zz":${nest(10_000)}}}`,
    ok(() => {}, "skipped without being built; no depth limit applies")],
  ["10,000 nested objects in an unknown field", `{"data":{"zz":${nestObjects(10_000)}}}`, ok()],
  ["10,000 nested arrays in an evidence cell", `{"data":{"evidence":{"rows":[${nest(10_000)}]}}}`,
    fails("data.evidence.rows[0][0]", "serde_json's recursion limit (128 levels), path of the level where it hit")],
  ["10,000 nested objects in playbook `parameters`",
    `{"data":{"gamebookCatalog":{"lastGamebook":{"playbooks":[{"parameters":${nestObjects(10_000)}}]}}}}`,
    fails("data.gamebookCatalog.lastGamebook.playbooks[0].parameters", "recursion limit")],
  ["120 nested arrays in an evidence cell", `{"data":{"evidence":{"rows":[${nest(120)}]}}}`,
    ok((v) => assert.equal(JSON.stringify(v.data.evidence.rows[0]), nest(120)), "under the limit: kept as sent")],
  ["a body of 10,000 nested arrays", nest(10_000), fails("")],
];

const big = "x".repeat(20 * MB);
const bigAccented = "é".repeat(10 * MB); // 20 MB of UTF-8
const HUGE = [
  ["a 20 MB `title`", incident(`"title":"${big}"`), ok((v) => assert.equal(v.data.incident.title.length, 20 * MB))],
  ["a 20 MB non-ASCII `title` (10 M × `é`)", incident(`"title":"${bigAccented}"`),
    ok((v) => assert.equal(v.data.incident.title, bigAccented))],
  ["a 20 MB unknown field", `{"data":{"zz":"${big}"}}`, ok()],
  ["a 20 MB evidence cell", cell(`"${big}"`), ok((v) => assert.equal(v.data.evidence.rows[0][0].length, 20 * MB))],
  ["a 20 MB key in a free-form object", cell(`{"${big}":1}`), ok()],
];

const NUMBERS = [
  ["`1e999` in an int field", incident('"number":1e999'), fails("data.incident.number", "number out of range")],
  ["`1e999` in an evidence cell", cell("1e999"), fails("data.evidence.rows[0][0]",
    "JSON.parse would give Infinity, which is no JSON value")],
  ["`-1e999` in an evidence cell", cell("-1e999"), fails("data.evidence.rows[0][0]")],
  ["`1e999` in an unknown field", '{"data":{"zz":1e999}}', ok(() => {}, "skipped")],
  ["`1e-400` in an evidence cell", cell("1e-400"), ok((v) => assert.equal(v.data.evidence.rows[0][0], 0),
    "underflows to 0, as in JSON.parse")],
  ["`-0` in an int field", incident('"number":-0'), fails("data.incident.number",
    "serde_json reads `-0` as the float -0.0; the string `\"-0\"` decodes to 0")],
  ['`"-0"` in an int field', incident('"number":"-0"'), ok((v) => assert.ok(Object.is(v.data.incident.number, 0)))],
  ["`-0` in an evidence cell", cell("-0"), ok((v) => assert.ok(Object.is(v.data.evidence.rows[0][0], -0)),
    "kept as -0, as JSON.parse does")],
  ["`9007199254740993` in an evidence cell", cell("9007199254740993"),
    ok((v) => assert.equal(v.data.evidence.rows[0][0], JSON.parse("9007199254740993")), "nearest double, as JSON.parse")],
  ["`0.9409066657479135` in an evidence cell", cell("0.9409066657479135"),
    ok((v) => assert.equal(v.data.evidence.rows[0][0], 0.9409066657479135), "exactly JSON.parse's double")],
  ["`2147483648` in an int field (int32 + 1)", incident('"number":2147483648'), fails("data.incident.number")],
];

const SURROGATES = [
  ['an escaped lone surrogate `"\\ud800"` in `title`', incident('"title":"\\ud800"'), fails("data.incident.title",
    "JSON.parse would accept it; a Rust string cannot hold it")],
  ['an escaped lone surrogate in an evidence cell', cell('"\\ud800"'), fails("data.evidence.rows[0][0]")],
  ["an escaped lone surrogate in a free-form key", cell('{"\\udfff":1}'), fails("data.evidence.rows[0][0]")],
  ["an escaped lone surrogate in an unknown field", '{"data":{"zz":"\\ud800"}}', ok(() => {}, "skipped")],
  ["an escaped surrogate pair (`\\ud83d\\ude00`)", incident('"title":"\\ud83d\\ude00"'),
    ok((v) => assert.equal(v.data.incident.title, "😀"))],
  ["a reversed surrogate pair (`\\ude00\\ud83d`)", incident('"title":"\\ude00\\ud83d"'), fails("data.incident.title")],
  ["a raw lone surrogate in the JS string (not escaped)", incident('"title":"a\ud800b"'),
    ok((v) => assert.equal(v.data.incident.title, "a\ufffdb"),
      "becomes U+FFFD on the way into wasm (TextEncoder), as bytes from TextEncoder would; JSON.parse would keep it")],
];

const INVALID_UTF8 = [
  ["invalid UTF-8 (`FF FE`) in `title`", concat('{"data":{"incident":{"title":"a', [0xff, 0xfe], '"}}}'),
    fails("data.incident.title")],
  ["an overlong encoding (`C0 80`) in `title`", concat('{"data":{"incident":{"title":"', [0xc0, 0x80], '"}}}'),
    fails("data.incident.title")],
  ["a UTF-8-encoded surrogate (`ED A0 80`) in `title`", concat('{"data":{"incident":{"title":"', [0xed, 0xa0, 0x80], '"}}}'),
    fails("data.incident.title")],
  ["invalid UTF-8 in an evidence cell", concat('{"data":{"evidence":{"rows":[["', [0xff], '"]]}}}'),
    fails("data.evidence.rows[0][0]")],
  ["invalid UTF-8 in an unknown field", concat('{"data":{"zz":"', [0xff], '"}}'), ok(() => {}, "skipped unvalidated")],
  ["invalid UTF-8 outside any string", concat('{"data":{}}', [0xff]), fails("")],
  ["a UTF-16 LE byte-order mark (`FF FE`)", concat([0xff, 0xfe], '{"data":{}}'), fails("")],
];

const NUL = [
  ["an escaped NUL (`\\u0000`) in `title`", incident('"title":"a\\u0000b"'),
    ok((v) => assert.equal(v.data.incident.title, "a\u0000b"))],
  ["a raw NUL byte in `title`", incident('"title":"a\u0000b"'), fails("data.incident.title",
    "control characters must be escaped in JSON")],
  ["a raw NUL byte between tokens", '{"data":\u0000{}}', fails("data")],
  ["a raw NUL byte after the body", '{"data":{}}\u0000', fails("", "trailing characters")],
  ["an escaped NUL in a free-form key", cell('{"\\u0000":1}'), ok((v) => assert.equal(v.data.evidence.rows[0][0]["\u0000"], 1))],
];

const DUPLICATES = [
  ["a duplicate field in a model object", incident('"title":"a","title":"b"'), fails("data.incident",
    "`duplicate field`; JSON.parse would keep the last")],
  ["a duplicate `data`", '{"data":{},"data":{}}', fails("data")],
  ["a duplicate key in a free-form object", cell('{"a":1,"a":2}'),
    ok((v) => assert.deepEqual(v.data.evidence.rows[0][0], { a: 2 }), "the last wins, as in JSON.parse")],
  ["a duplicate unknown field", '{"data":{"zz":1,"zz":2}}', ok()],
];

const BOMS = [
  ["a leading UTF-8 byte-order mark", "\ufeff" + FIXTURE, ok((v) => assert.equal(v.data.incident.title, "Minimal"),
    "skipped, as response.json() does")],
  ["two byte-order marks", "\ufeff\ufeff" + FIXTURE, fails("")],
  ["a byte-order mark after leading whitespace", " \ufeff" + FIXTURE, fails("")],
  ["a byte-order mark inside a string", incident('"title":"\ufeffx"'),
    ok((v) => assert.equal(v.data.incident.title, "\ufeffx"), "kept")],
];

const EMPTY = [
  ["an empty body", "", fails("")],
  ["whitespace only", " \n\t ", fails("")],
  ["`null`", "null", fails("")],
  ["`{}` (no `data`)", "{}", fails("data")],
  ["a truncated body (60 bytes of a fixture)", FIXTURE.slice(0, 60), fails("data.incident")],
];

const GROUPS = [
  ["Type swaps", TYPE_SWAPS], ["Deep nesting", NESTING], ["Huge strings", HUGE], ["Numbers", NUMBERS],
  ["Lone surrogates", SURROGATES], ["Invalid UTF-8 (bytes only)", INVALID_UTF8], ["NUL", NUL],
  ["Duplicate keys", DUPLICATES], ["Byte-order marks", BOMS], ["Empty and non-bodies", EMPTY],
];

/** Decodes and classifies: `{ ok, value }` or `{ ok: false, error }`; anything but a Decode error fails the test. */
function outcome(input) {
  try {
    return { ok: true, value: decodeIncidentResponse(input) };
  } catch (error) {
    assert.ok(isContraForceError(error), `not a ContraForceError (a wasm trap?): ${error?.name}: ${error?.message}`);
    assert.equal(error.kind, "Decode", error.message);
    assert.equal(typeof error.path, "string");
    assert.ok(error.message.length < 2_000, `a ${error.message.length}-character message`);
    return { ok: false, error };
  }
}

/** The ContraForceError that decoding `input` throws; anything else (a value, a TypeError, a trap) fails the test. */
function refusal(input) {
  try {
    decodeIncidentResponse(input);
  } catch (error) {
    assert.ok(isContraForceError(error), `expected a ContraForceError, got ${error?.name}: ${error?.message}`);
    return error;
  }
  assert.fail("expected a ContraForceError, got a value");
}

function assertStillWorks() {
  assert.equal(decodeIncidentResponse(FIXTURE).data.incident.title, "Minimal", "a normal body after the case");
}

const table = [];

/** `a.b[0][0]…` for the 128-level paths of the nesting cases. */
function shortPath(path) {
  if (path.length <= 60) return path;
  const levels = (path.match(/\[\d+\]|\.[^.[]+/g) ?? []).length;
  return `${path.slice(0, 45)}… (${levels} levels)`;
}

for (const [group, cases] of GROUPS) {
  test(`hostile input: ${group}`, () => {
    for (const [name, input, expected] of cases) {
      const forms = typeof input === "string" ? { string: input, bytes: utf8(input) } : { bytes: input };
      const results = {};
      for (const [form, body] of Object.entries(forms)) {
        const result = outcome(body);
        results[form] = result;
        assertStillWorks();
        if (expected.ok) {
          assert.ok(result.ok, `${name} (${form}) should decode, got ${result.error?.message}`);
          expected.check(result.value);
        } else {
          assert.ok(!result.ok, `${name} (${form}) should fail at ${expected.path}`);
          assert.ok(result.error.path.startsWith(expected.path) && (expected.path !== "" || result.error.path === ""),
            `${name} (${form}): path ${JSON.stringify(result.error.path)}, expected ${JSON.stringify(expected.path)}`);
        }
      }
      if (results.string && results.bytes) {
        if (expected.ok) assert.deepStrictEqual(results.string.value, results.bytes.value, `${name}: string vs bytes`);
        else {
          for (const key of ["path", "expected", "found", "line", "column"]) {
            assert.deepStrictEqual(results.string.error[key], results.bytes.error[key], `${name}: ${key}, string vs bytes`);
          }
        }
      }
      const error = results.bytes.error;
      table.push([group, name, expected.ok ? "decodes" : `Decode error at \`${shortPath(error.path) || "(body)"}\``,
        error ? error.found.slice(0, 80) : "", results.string ? "same" : "bytes only", expected.note]);
    }
  });
}

test("amplification: wasm memory per body byte for the costliest shapes (fresh instance each)", () => {
  // `{},` is 3 bytes and becomes a model struct of ~20 optional strings (~270 bytes in wasm32) plus a growing Vec;
  // `{"":0},` in an evidence cell becomes a BTreeMap node. Measured in a child process each, as wasm memory never
  // shrinks: the figures are quoted in HOSTILE.md.
  const shapes = {
    "empty entities": `incident(\`"entities":[\${Array(n).fill("{}").join(",")}]\`)`,
    "object cells": `cell(Array(n).fill('{"":0}').join(","))`,
    "number cells": `cell(Array(n).fill("0").join(","))`,
  };
  const kib = 512;
  for (const [shape, make] of Object.entries(shapes)) {
    const code = `
      import { decodeIncidentResponse, wasmMemoryBytes } from ${JSON.stringify(new URL("../../pkg/node.js", import.meta.url).href)};
      const incident = (f) => \`{"data":{"incident":{\${f}}}}\`;
      const cell = (json) => \`{"data":{"evidence":{"rows":[[\${json}]]}}}\`;
      const target = ${kib} * 1024;
      let n = 1024, body = "";
      for (;;) { body = ${make}; if (body.length >= target) break; n = Math.ceil(n * target / body.length) + 1; }
      const bytes = new TextEncoder().encode(body);
      const before = wasmMemoryBytes();
      const started = performance.now();
      decodeIncidentResponse(bytes);
      console.log(JSON.stringify({ bytes: bytes.length, grown: wasmMemoryBytes() - before, ms: performance.now() - started }));`;
    const { bytes, grown, ms } = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" }));
    console.log(`# ${kib} KiB of ${shape}: wasm memory +${(grown / MB).toFixed(0)} MiB = ${(grown / bytes).toFixed(0)}x the body, ${ms.toFixed(0)} ms`);
    assert.ok(grown <= 400 * bytes, `${shape}: wasm memory grew ${grown} bytes for a ${bytes}-byte body`);
  }
});

test("amplification past wasm32's 4 GiB (30 MB of empty entities) is refused before decoding", () => {
  const n = Math.floor((30 * MB) / 3);
  const body = utf8(incident(`"entities":[${Array(n).fill("{}").join(",")}]`));
  const before = wasmMemoryBytes();
  const error = refusal(body);
  assert.equal(error.kind, "Decode", `expected a Decode error, got ${error}`);
  assert.match(error.message, /decodes within 512 MiB/);
  assert.ok(wasmMemoryBytes() - before <= 2 * body.length, "memory grew although the body was refused");
  assertStillWorks();
});

test("HOSTILE.md table", { skip: !process.env.HOSTILE_MD }, () => {
  const lines = ["| Group | Input | Outcome | What the error says (`found`) | String vs bytes | Note |",
    "|---|---|---|---|---|---|"];
  const esc = (text) => String(text).replaceAll("|", "\\|").replaceAll("\n", " ");
  for (const row of table) lines.push(`| ${row.map(esc).join(" | ")} |`);
  writeFileSync(process.env.HOSTILE_MD, `${lines.join("\n")}\n`);
});

test("a Proxy of a Uint8Array or of an ArrayBuffer as the body: InvalidArgument, not a TypeError", () => {
  for (const input of [new Proxy(new Uint8Array([123, 125]), {}), new Proxy(new ArrayBuffer(2), {})]) {
    assert.equal(refusal(input).kind, "InvalidArgument");
  }
  assertStillWorks();
});
