// The generated TypeScript of the package: where it is, where its committed copy is, and a small reader of its
// interfaces and type aliases, enough to check decoded values against what the `.d.ts` promises.
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The built package: pkg/, or another build of it named by CONTRAFORCE_PKG_DIR. */
export const PKG_DIR = process.env.CONTRAFORCE_PKG_DIR ?? join(ROOT, "pkg");
export const BUILT = join(PKG_DIR, "contraforce_incident.d.ts");
export const GOLDEN = join(ROOT, "tests", "golden", "contraforce_incident.d.ts");
export const UPDATE_COMMAND = "node tests/golden/update.mjs   (or: UPDATE_GOLDEN=1 node --test tests/golden/)";

/**
 * Reads a file of the built package once the build is complete: the build deletes pkg/, writes the wasm-bindgen
 * output, rewrites the `.d.ts`, and writes package.json after that, so someone else's rebuild in progress is
 * waited for (up to a minute) rather than read half-done.
 */
export async function readBuilt(path = BUILT, { attempts = 60 } = {}) {
  const manifest = join(PKG_DIR, "package.json");
  for (let attempt = 1; ; attempt += 1) {
    try {
      const [before, file] = await Promise.all([stat(manifest), stat(BUILT)]);
      if (before.mtimeMs >= file.mtimeMs) {
        const text = await readFile(path, "utf8");
        if ((await stat(manifest)).mtimeMs === before.mtimeMs) return text;
      }
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
    if (attempt >= attempts) throw new Error(`${path}: no complete build in ${PKG_DIR} (run \`node scripts/build.mjs\`)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/**
 * What the golden comparison looks at: the whole file except the members of wasm-bindgen's `InitOutput` (the
 * wasm's raw exports, such as `__wasm_bindgen_func_elem_590`, renumbered whenever any Rust code changes).
 */
export function comparable(dts) {
  return dts.replace(/^export interface InitOutput \{\n[\s\S]*?\n\}$/m,
    "export interface InitOutput {\n    /* wasm-bindgen's raw exports: not compared */\n}");
}

/**
 * The interfaces (with `extends` flattened) and type aliases of a `.d.ts` as generated here: one field per line,
 * `name: type;` or `name?: type;`, comments skipped.
 * @returns {{ interfaces: Map<string, { name: string, optional: boolean, type: string }[]>, aliases: Map<string, string> }}
 */
export function parseDts(dts) {
  const code = dts.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const own = new Map();
  for (const [, name, parents, body] of code.matchAll(/^export interface (\w+)(?: extends ([\w, ]+))? \{\n([\s\S]*?)^\}/gm)) {
    const fields = [...body.matchAll(/^\s+(?:readonly )?(\w+)(\??): (.+);\s*$/gm)]
      .map(([, field, optional, type]) => ({ name: field, optional: optional === "?", type: type.trim() }));
    own.set(name, { parents: parents ? parents.split(",").map((p) => p.trim()) : [], fields });
  }
  const aliases = new Map();
  for (const [, name, type] of code.matchAll(/^export type (\w+) =\s*([\s\S]*?);\s*$/gm)) {
    aliases.set(name, type.replace(/\s+/g, " ").trim());
  }
  const resolve = (name) => (aliases.has(name) ? resolve(aliases.get(name)) : name);
  const interfaces = new Map();
  const flatten = (name) => {
    const { parents, fields } = own.get(name);
    return [...parents.map(resolve).filter((p) => own.has(p)).flatMap(flatten), ...fields];
  };
  for (const name of own.keys()) interfaces.set(name, flatten(name));
  return { interfaces, aliases };
}

/** Splits `a | (b | c) | d[]` at its top-level `|`s. */
export function unionMembers(type) {
  const members = [];
  let depth = 0;
  let current = "";
  for (const [i, char] of [...type].entries()) {
    if ("([{<".includes(char)) depth += 1;
    if (")]}>".includes(char) && !(char === ">" && type[i - 1] === "=")) depth -= 1; // `=>` closes nothing
    if (char === "|" && depth === 0) {
      members.push(current.trim());
      current = "";
    } else {
      current += char;
    }
  }
  members.push(current.trim());
  return members.filter(Boolean);
}
