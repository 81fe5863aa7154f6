// Browsers and bundlers (Vite, webpack, esbuild): fetches the .wasm next to this file (bundlers rewrite the URL)
// and compiles it by streaming, at import, with a top-level await: no init call for the user.
// Service workers (including MV3 extension service workers) may not use top-level await: they import
// "contraforce-incident/manual" and call its default `init()` once before the first use.
import init from "./contraforce_incident.js";

await init({ module_or_path: new URL("./contraforce_incident_bg.wasm", import.meta.url) });

export * from "./contraforce_incident.js";
