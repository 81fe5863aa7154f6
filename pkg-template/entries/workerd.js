// Cloudflare Workers (workerd): the .wasm is imported as a compiled module, since workerd forbids compiling
// wasm from bytes at run time.
import wasmModule from "./contraforce_incident_bg.wasm";
import { initSync } from "./contraforce_incident.js";

initSync({ module: wasmModule });

export * from "./contraforce_incident.js";
