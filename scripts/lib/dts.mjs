// tsify marks a field optional (`field?:`) whenever serde may *accept* it absent (`#[serde(default)]`), which is
// about input. Our output always has every field (null when absent, [] for arrays), so in the interfaces of the
// model the `?` would tell TypeScript users something false. This makes them required, for model types only.
export function requireModelFields(dts, modelNames) {
  const names = new Set(modelNames);
  let seen = 0;
  const result = dts.replace(/export interface (\w+) \{\n([\s\S]*?)\n\}/g, (block, name, body) => {
    if (!names.has(name)) return block;
    seen += 1;
    return `export interface ${name} {\n${body.replace(/^(\s+)(\w+)\?: /gm, "$1$2: ")}\n}`;
  });
  if (seen !== names.size) throw new Error(`expected ${names.size} model interfaces in the .d.ts, found ${seen}`);
  return result;
}

// wasm-bindgen types its init functions with DOM names (`RequestInfo`, `BufferSource`, `WebAssembly.Module`), which
// a Node project without the DOM lib does not have, and TypeScript then fails on our .d.ts. Every entry of this
// package initialises itself, so these types only describe what the manual entry accepts: spelled with names that
// exist everywhere.
const PORTABLE_INIT_TYPES = [
  ["export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;",
    "export type InitInput = string | ArrayBuffer | ArrayBufferView | object;"],
  ["export type SyncInitInput = BufferSource | WebAssembly.Module;",
    "export type SyncInitInput = ArrayBuffer | ArrayBufferView | object;"],
  ["readonly memory: WebAssembly.Memory;", "readonly memory: object;"],
  ["readonly __wbindgen_externrefs: WebAssembly.Table;", "readonly __wbindgen_externrefs: object;"],
];

export function portableInitTypes(dts) {
  let result = dts;
  for (const [from, to] of PORTABLE_INIT_TYPES) {
    if (!result.includes(from)) throw new Error(`wasm-bindgen's .d.ts changed: cannot find \`${from}\``);
    result = result.replace(from, to);
  }
  return result;
}
