// The generated `.d.ts` tells the truth about the values at run time. Every fixture that decodes is walked along
// the types the `.d.ts` declares, from `IncidentResponse` down: each object has exactly the keys its interface
// declares (none missing, even if marked `?`; none `undefined`; none extra: the model drops unknown fields), and
// each value has its declared type (`null` never `undefined`, plain objects never `Map`, numbers never `BigInt`).
// Functions taking a `ContraForceIncident` (such as `extractIndicators`) get the same check on what they return.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILT, PKG_DIR, ROOT, parseDts, readBuilt, unionMembers } from "./dts.mjs";

const FIXTURES = join(ROOT, "tests", "fixtures");
const MUST_DECODE = ["incident_full.json", "incident_minimal.json", "incident_reserved_chars_id.json"];

const dtsText = await readBuilt(BUILT); // waits for a rebuild in progress, if any
const { interfaces, aliases } = parseDts(dtsText);
const pkg = await import(pathToFileURL(join(PKG_DIR, "node.js")).href);

const describe = (value) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? `an object (${value.constructor?.name})` : `${typeof value} ${JSON.stringify(String(value)).slice(0, 40)}`;
const isPlainObject = (value) => value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/** Checks `value` against the TypeScript `type`; pushes "path: what is wrong" to `problems`, interface names to `seen`. */
function check(value, type, path, problems, seen) {
  const members = unionMembers(type);
  if (members.length > 1) {
    const attempts = members.map((member) => {
      const sub = [];
      check(value, member, path, sub, seen);
      return sub;
    });
    if (attempts.some((sub) => sub.length === 0)) return;
    // None fits: report the member that got furthest into the value (its problems are deeper than `path`).
    const deepest = attempts.find((sub) => sub.some((problem) => !problem.startsWith(`${path}: `)));
    problems.push(...(deepest ?? [`${path}: ${describe(value)} is not ${type}`]));
    return;
  }
  const t = type.trim();
  if (/^\(.*\)$/.test(t)) return check(value, t.slice(1, -1), path, problems, seen); // `(A | B)`: a union again
  const fail = () => problems.push(`${path}: ${describe(value)} is not ${t}`);
  if (t === "null") return value === null || fail();
  if (t === "string" || t === "boolean") return typeof value === t || fail();
  if (t === "number") return (typeof value === "number" && Number.isFinite(value)) || fail();
  if (t === "string & {}") return typeof value === "string" || fail(); // the extensible part of an enum
  if (/^"[^"]*"$/.test(t)) return value === JSON.parse(t) || fail();
  if (t.endsWith("[]")) {
    if (!Array.isArray(value)) return fail();
    value.forEach((item, i) => check(item, t.slice(0, -2), `${path}[${i}]`, problems, seen));
    return;
  }
  const record = t.match(/^\{ \[key: string\]: (.+) \}$/) ?? t.match(/^Record<string, (.+)>$/);
  if (record) {
    if (!isPlainObject(value)) return fail();
    for (const [key, item] of Object.entries(value)) check(item, record[1], `${path}[${JSON.stringify(key)}]`, problems, seen);
    return;
  }
  if (aliases.has(t)) return check(value, aliases.get(t), path, problems, seen);
  if (interfaces.has(t)) {
    if (!isPlainObject(value)) return fail();
    seen.add(t);
    const fields = interfaces.get(t);
    const declared = new Set(fields.map((field) => field.name));
    for (const field of fields) {
      const where = `${path}.${field.name}`;
      if (!(field.name in value)) {
        // Even a `?` field: the model sends every field it declares (null or [] when the body lacks it).
        problems.push(`${where}: missing (declared \`${field.name}${field.optional ? "?" : ""}: ${field.type}\` in ${t})`);
      } else if (value[field.name] === undefined) {
        problems.push(`${where}: undefined (declared \`${field.name}${field.optional ? "?" : ""}: ${field.type}\` in ${t})`);
      } else {
        check(value[field.name], field.type, where, problems, seen);
      }
    }
    for (const key of Object.keys(value)) {
      if (!declared.has(key)) problems.push(`${path}.${key}: not declared in ${t}`);
    }
    return;
  }
  problems.push(`${path}: the test cannot check the type \`${t}\``);
}

/** Interfaces reachable from `type` through field types and aliases. */
function reachable(type, found = new Set()) {
  for (const [name] of type.matchAll(/\b[A-Z]\w*\b/g)) {
    if (found.has(name)) continue;
    if (interfaces.has(name)) {
      found.add(name);
      for (const field of interfaces.get(name)) reachable(field.type, found);
    } else if (aliases.has(name)) {
      found.add(name);
      reachable(aliases.get(name), found);
    }
  }
  return new Set([...found].filter((name) => interfaces.has(name)));
}

async function decodableFixtures() {
  const files = [
    ...(await readdir(FIXTURES)).filter((f) => f.endsWith(".json")).map((f) => join(FIXTURES, f)),
    ...(await readdir(join(FIXTURES, "decode"))).filter((f) => f.endsWith(".json")).map((f) => join(FIXTURES, "decode", f)),
  ];
  const decoded = [];
  for (const file of files.sort()) {
    const body = await readFile(file);
    try {
      decoded.push({ name: file.slice(FIXTURES.length + 1), response: pkg.decodeIncidentResponse(new Uint8Array(body)) });
    } catch (error) {
      if (!pkg.isContraForceError(error)) throw error; // an error fixture (problem documents, bad bodies): not a response
    }
  }
  return decoded;
}

test("every object decoded from the fixtures has exactly the keys and value types its .d.ts interface declares", async () => {
  const decoded = await decodableFixtures();
  const names = decoded.map((d) => d.name);
  for (const name of MUST_DECODE) assert.ok(names.includes(name), `${name} must decode`);
  assert.ok(decoded.length >= 8, `only ${decoded.length} fixtures decode: ${names}`);

  const seen = new Set();
  const problems = [];
  for (const { name, response } of decoded) check(response, "IncidentResponse", name, problems, seen);
  assert.deepEqual(problems, [], "values that differ from what the .d.ts declares");

  // The walk must not be vacuous: every interface of the response was met at least once.
  const unseen = [...reachable("IncidentResponse")].filter((name) => !seen.has(name));
  assert.deepEqual(unseen, [], "interfaces of IncidentResponse that no fixture exercised");
});

test("what functions taking a ContraForceIncident return matches their declared type too", async (t) => {
  const functions = [...dtsText.matchAll(/^export function (\w+)\(\w+: ContraForceIncident\): (\w+);$/gm)];
  if (functions.length === 0) return t.skip("no such function in the .d.ts");
  const decoded = await decodableFixtures();
  for (const [, name, returnType] of functions) {
    assert.equal(typeof pkg[name], "function", `${name} is declared but not exported at run time`);
    const seen = new Set();
    const problems = [];
    for (const { name: fixture, response } of decoded) {
      check(pkg[name](response.data), returnType, `${name}(${fixture})`, problems, seen);
    }
    assert.deepEqual(problems, [], `${name}: values that differ from what the .d.ts declares`);
    const unseen = [...reachable(returnType)].filter((type) => !seen.has(type));
    assert.deepEqual(unseen, [], `${name}: interfaces of ${returnType} that no fixture exercised`);
  }
});
