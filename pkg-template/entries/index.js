// Browsers, bundlers (Vite, webpack, esbuild), extension service workers: fetches the .wasm next to this file
// (bundlers rewrite the URL) and compiles it by streaming. No init call needed by the user.
import init from "./contraforce_incident.js";

await init({ module_or_path: new URL("./contraforce_incident_bg.wasm", import.meta.url) });

export * from "./contraforce_incident.js";
