// Measurements that need a fresh Node process, spawned by run.mjs:
//   node bench/child.mjs cold   <pkg node.js URL> <body file>             time from import to first decoded result
//   node bench/child.mjs memory <pkg node.js URL> <body file> <repeats>   wasm linear memory over repeated decodes
//   node bench/child.mjs floor  -                 <body file> <repeats>   peak RSS of TextDecoder + JSON.parse alone
// Each prints one line of JSON on stdout.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * How to read the size of the package's wasm linear memory, or null when the package offers no way: its own
 * `wasmMemoryBytes()` export, else the `memory` of the wasm-bindgen instance exports (`__wasm` / `wasm`).
 */
export function wasmMemoryReader(mod) {
  if (typeof mod.wasmMemoryBytes === "function") return { source: "wasmMemoryBytes()", read: () => mod.wasmMemoryBytes() };
  const holders = [mod, mod.default].filter((h) => h && typeof h === "object");
  for (const h of holders) {
    for (const name of ["__wasm", "wasm"]) {
      const w = h[name];
      const memory = w?.memory ?? w?.exports?.memory;
      if (memory instanceof WebAssembly.Memory) return { source: `${name}.memory`, read: () => memory.buffer.byteLength };
    }
    if (h.memory instanceof WebAssembly.Memory) return { source: "memory", read: () => h.memory.buffer.byteLength };
  }
  return null;
}

function peakRssBytes() {
  return process.resourceUsage().maxRSS * 1024;
}

async function main() {
  const [mode, pkgUrl, bodyFile, repeatsArg] = process.argv.slice(2);
  const bytes = new Uint8Array(readFileSync(bodyFile));
  const repeats = Number(repeatsArg ?? 0);
  let out;
  if (mode === "cold") {
    const t0 = performance.now();
    const mod = await import(pkgUrl);
    const result = mod.decodeIncidentResponse(bytes);
    const t1 = performance.now();
    if (!result || typeof result !== "object" || !("data" in result)) throw new Error("decodeIncidentResponse gave no { data }");
    // performance.now() counts from the start of this process, so t1 also includes Node's own start-up.
    out = { importToResultMs: t1 - t0, processToResultMs: t1 };
  } else if (mode === "memory") {
    const mod = await import(pkgUrl);
    const reader = wasmMemoryReader(mod);
    const read = () => (reader ? reader.read() : null);
    const afterImport = read();
    mod.decodeIncidentResponse(bytes);
    const series = [{ furtherDecodes: 0, bytes: read() }];
    const checkpoints = new Set([1, 2, 5, 10, 25, 50, 100, repeats]);
    for (let i = 1; i <= repeats; i++) {
      mod.decodeIncidentResponse(bytes);
      if (checkpoints.has(i)) series.push({ furtherDecodes: i, bytes: read() });
    }
    out = { source: reader?.source ?? null, afterImport, series, peakRss: peakRssBytes() };
  } else if (mode === "floor") {
    const decoder = new TextDecoder();
    for (let i = 0; i <= repeats; i++) JSON.parse(decoder.decode(bytes));
    out = { peakRss: peakRssBytes() };
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
