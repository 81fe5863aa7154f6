// A Node ESM consumer: `node consumer.mjs config.json` prints the scenario's result as one JSON line.
// Run as is (Node resolves the package's `node` condition) and as an esbuild node-platform bundle.
import { readFileSync } from "node:fs";
import { runScenario } from "./scenario.js";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify(await runScenario(config)));
