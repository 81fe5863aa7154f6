// Node: reads the .wasm next to this file and instantiates it synchronously at import.
import { readFileSync } from "node:fs";
import { initSync } from "./contraforce_incident.js";

initSync({ module: readFileSync(new URL("./contraforce_incident_bg.wasm", import.meta.url)) });

export * from "./contraforce_incident.js";
