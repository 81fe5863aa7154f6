// Schema-generated conformance corpus: seeded instances of ApiResponseOfContraForceIncident generated from the
// contract (../shared/spec/openapi.yaml, beside the repo) with json-schema-faker, each decoded by the package
// (pkg/node.js, built by `node scripts/build.mjs`) and compared with the same instance after the documented
// normalisation, written here independently of the decoder:
//   - absent or null scalars and objects → null; every property of the schema present in the output;
//   - arrays absent or null → [];
//   - `[integer, string]` fields: digit strings → numbers;
//   - unknown fields dropped (but free-form values — evidence cells, playbook `parameters` — kept as sent);
//   - enum values verbatim (unknown ones included); timestamps verbatim.
//
//   node --test tests/hardening/schema-corpus.test.mjs        (CORPUS_SIZE=3000 for a larger corpus)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createGeneratorSync } from "json-schema-faker";
import { parse as parseYaml } from "@stoplight/yaml";
import { decodeIncidentResponse, isContraForceError } from "../../pkg/node.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
/** The contract lives in shared/, beside the repo (CI lays a copy of shared/ beside the clone). */
const SPEC_PATH = fileURLToPath(new URL("../shared/spec/openapi.yaml", `file://${REPO}`));
const CORPUS_SIZE = Number(process.env.CORPUS_SIZE ?? 300);
const SEED = Number(process.env.CORPUS_SEED ?? 20260415);

const spec = parseYaml(readFileSync(SPEC_PATH, "utf8"));
const SCHEMAS = spec.components.schemas;
const ENVELOPE = "ApiResponseOfContraForceIncident";

// ---------------------------------------------------------------------------------------------------------------
// The spec's quirks, made generatable. The spec itself is not changed: only the copy handed to the generator.

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

const isIntOrString = (s) => Array.isArray(s?.type) && s.type.includes("integer") && s.type.includes("string");
const refName = (s) => s?.$ref?.split("/").pop();
const isFreeFormObject = (s) => Array.isArray(s?.type) && s.type.includes("object") && !s.properties;

/** Free-form JSON (evidence cells, playbook parameters): scalars of every kind, small arrays and objects. */
const FREE_FORM = {
  anyOf: [
    { type: "string" },
    { type: "integer", minimum: -(2 ** 53) + 1, maximum: 2 ** 53 - 1 },
    { type: "number" },
    { type: "boolean" },
    { type: "null" },
    { type: "array", items: { type: ["string", "number", "boolean", "null"] }, maxItems: 4 },
    { type: "object", additionalProperties: { type: ["string", "number", "boolean", "null"] }, maxProperties: 4 },
  ],
};

function generatable(schema) {
  if (Array.isArray(schema)) return schema.map(generatable);
  if (schema === null || typeof schema !== "object") return schema;
  if (isIntOrString(schema)) {
    // `[integer, string]` + a digits pattern: as a number, or as digits, always within int32 (the decoder refuses
    // anything else, as it must: that is rule 1, tested elsewhere). May be null where the spec allows it.
    const forms = [
      { type: "integer", minimum: INT32_MIN, maximum: INT32_MAX },
      { type: "string", pattern: "^-?(0|[1-9][0-9]{0,8})$" },
    ];
    if (schema.type.includes("null")) forms.push({ type: "null" });
    return { oneOf: forms };
  }
  if (isFreeFormObject(schema)) {
    return { type: ["null", "object"], additionalProperties: FREE_FORM, maxProperties: 5 };
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) out[key] = generatable(value);
  return out;
}

function generatorSchema() {
  const schemas = generatable(structuredClone(SCHEMAS));
  // Evidence rows: arrays of free-form cells (the spec says only "array").
  schemas.GeneralTableDto.properties.rows.items = { type: "array", items: FREE_FORM, maxItems: 6 };
  // A body without `data` is not an incident response (tested elsewhere): always generate it.
  schemas[ENVELOPE].required = ["data"];
  // The contract has no recursive schema: inline every $ref, so the generator's $ref depth limit (past which it
  // makes up values of any type) never applies.
  return inline(schemas[ENVELOPE], schemas, []);
}

function inline(schema, schemas, stack) {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, schemas, stack));
  if (schema === null || typeof schema !== "object") return schema;
  if (schema.$ref) {
    const name = refName(schema);
    if (stack.includes(name)) throw new Error(`recursive schema ${[...stack, name].join(" → ")}`);
    return inline(schemas[name], schemas, [...stack, name]);
  }
  const out = {};
  for (const [key, value] of Object.entries(schema)) out[key] = inline(value, schemas, stack);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Variations the generator does not make: unknown fields, unknown enum values, nulls and absences anywhere.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Walks an instance along its schema and perturbs it, returning the instance as the server would send it. */
function perturb(schema, value, random, root = true) {
  schema = resolve(schema);
  if (value === null || value === undefined) return value;
  if (schema.kind === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const roll = random();
      const required = root && key === "data"; // a body without `data` is no incident response (tested elsewhere)
      if (roll < 0.04 && !required) continue; // absent
      out[key] = roll < 0.08 && !required ? null : perturb(schema.properties[key] ?? { kind: "free" }, item, random, false);
    }
    if (random() < 0.3) out[`zz_unknown_${Math.floor(random() * 1000)}`] = { nested: [1, "two", null], deep: { x: true } };
    if (random() < 0.1) out.zzScalar = "not in the contract";
    return out;
  }
  if (schema.kind === "array") return value.map((item) => perturb(schema.items, item, random, false));
  if (schema.kind === "enum" && random() < 0.1) return `Unlisted${Math.floor(random() * 100)}`;
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// The documented normalisation, from the spec alone.

/**
 * What a schema node means for normalisation: object (with properties), array (with items), int-or-string,
 * enum, free-form (kept as sent), or scalar.
 */
function resolve(schema) {
  if (schema.kind) return schema;
  if (schema.oneOf) {
    const ref = schema.oneOf.find((s) => s.$ref);
    if (ref) return resolve(ref);
  }
  if (schema.$ref) return resolve(SCHEMAS[refName(schema)]);
  if (isIntOrString(schema)) return { kind: "int" };
  if (schema.enum) return { kind: "enum" };
  const types = [schema.type].flat();
  if (types.includes("object") && schema.properties) return { kind: "object", properties: schema.properties };
  if (types.includes("object")) return { kind: "free" };
  if (types.includes("array")) return { kind: "array", items: schema.items ?? { kind: "free" } };
  return { kind: "scalar" };
}

function normalise(schema, value) {
  schema = resolve(schema);
  switch (schema.kind) {
    case "object": {
      if (value === undefined || value === null) return null;
      const out = {};
      for (const [key, child] of Object.entries(schema.properties)) out[key] = normalise(child, value[key]);
      return out;
    }
    case "array":
      if (value === undefined || value === null) return [];
      return value.map((item) => normalise(schema.items, item));
    case "int":
      if (value === undefined || value === null) return null;
      return typeof value === "string" ? Number(value) + 0 : value; // "-0" is 0, not -0
    default: // enum, scalar, free-form: as sent
      return value === undefined ? null : value;
  }
}

// ---------------------------------------------------------------------------------------------------------------

function corpus(size, seed) {
  const schema = generatorSchema();
  const random = mulberry32(seed);
  const full = createGeneratorSync({ seed, maxDepth: 20, alwaysFakeOptionals: true, maxDefaultItems: 3 });
  const sparse = createGeneratorSync({ seed: seed + 1, maxDepth: 20, optionalsProbability: 0.5 });
  const bodies = [];
  for (let i = 0; i < size; i++) {
    const instance = (i % 3 === 2 ? sparse : full).generate(schema);
    bodies.push(i % 2 === 0 ? instance : perturb({ $ref: `#/components/schemas/${ENVELOPE}` }, instance, random));
  }
  return bodies;
}

test(`${CORPUS_SIZE} schema-generated bodies decode to their normalised form (seed ${SEED})`, () => {
  const bodies = corpus(CORPUS_SIZE, SEED);
  const envelope = { $ref: `#/components/schemas/${ENVELOPE}` };
  const stats = { bytes: 0, unknownEnums: 0, intStrings: 0, nulls: 0 };
  for (const [index, body] of bodies.entries()) {
    const text = JSON.stringify(body);
    stats.bytes += text.length;
    stats.unknownEnums += (text.match(/"Unlisted\d+"/g) ?? []).length;
    stats.intStrings += (text.match(/"(number|alertsCount|incidentNumber|sequence)":"-?\d+"/g) ?? []).length;
    stats.nulls += (text.match(/:null/g) ?? []).length;
    let decoded;
    try {
      decoded = decodeIncidentResponse(text);
    } catch (error) {
      assert.fail(`body #${index} did not decode: ${isContraForceError(error) ? `${error.path}: ` : ""}${error.message}\n${text.slice(0, 2000)}`);
    }
    const expected = normalise(envelope, JSON.parse(text));
    assert.deepStrictEqual(decoded, expected, `body #${index} decoded differently from its normalisation`);
    // The same bytes as a Uint8Array: the same result.
    if (index % 10 === 0) assert.deepStrictEqual(decodeIncidentResponse(new TextEncoder().encode(text)), decoded);
  }
  const kib = (stats.bytes / 1024).toFixed(0);
  console.log(`# corpus: ${bodies.length} bodies, ${kib} KiB, ${stats.unknownEnums} unknown enum values, ` +
    `${stats.intStrings} int fields as strings, ${stats.nulls} nulls`);
  // The corpus exercises what it claims to.
  assert.ok(stats.unknownEnums > 0 && stats.intStrings > 0 && stats.nulls > 0, JSON.stringify(stats));
});

test("the normalisation is the documented one (spot checks on a hand-written body)", () => {
  const body = {
    data: {
      incident: { number: "42", alertsCount: 7, severity: "Critical", tactics: null, user: null, zz: 1, isAssigned: null },
      evidence: { rows: [[1, "x", null, { k: [1] }]] },
      gamebookCatalog: { lastGamebook: { playbooks: [{ sequence: "-0", parameters: { ip: "203.0.113.7" } }] } },
    },
  };
  const decoded = decodeIncidentResponse(JSON.stringify(body));
  const expected = normalise({ $ref: `#/components/schemas/${ENVELOPE}` }, body);
  assert.deepStrictEqual(decoded, expected);
  const { incident } = decoded.data;
  assert.equal(incident.number, 42);
  assert.equal(incident.severity, "Critical");
  assert.deepEqual(incident.tactics, []);
  assert.equal(incident.user, null);
  assert.equal(incident.title, null);
  assert.ok(!("zz" in incident));
  assert.equal(decoded.meta, null);
  assert.ok(Object.is(decoded.data.gamebookCatalog.lastGamebook.playbooks[0].sequence, 0));
});
