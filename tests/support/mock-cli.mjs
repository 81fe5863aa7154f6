// Command line of the local ContraForce API: `node tests/support/mock-api.mjs [--port 8787] ...`
// (also `npm run mock`). Prints the base URL and the sample credentials; stops on SIGINT/SIGTERM.

import { resolve } from "node:path";
import { CATALOGUE, FIXTURES_DIR, SAMPLE, SPECIAL_IDS, incidentPath, startMockApi } from "./mock-api.mjs";

function parseArgs(argv) {
  const args = { port: 8787, host: "127.0.0.1", quiet: false, fixturesDir: FIXTURES_DIR };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--port") args.port = Number(value());
    else if (flag === "--host") args.host = value();
    else if (flag === "--fixtures") args.fixturesDir = resolve(value());
    else if (flag === "--quiet") args.quiet = true;
    else if (flag === "--help" || flag === "-h") args.help = true;
    else throw new Error(`unknown argument '${argv[i]}' (try --help)`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error("--port must be 0-65535");
  return args;
}

export async function main(argv) {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (args.help) {
    console.log("usage: node tests/support/mock-api.mjs [--port 8787|0] [--host 127.0.0.1] [--fixtures DIR] [--quiet]");
    return;
  }
  let api;
  try {
    api = await startMockApi({ ...args, quiet: args.quiet });
  } catch (e) {
    console.error(e.code === "EADDRINUSE" ? `Port ${args.port} is in use; pass --port 0 for a free one.` : e.message);
    process.exit(1);
  }
  const sample = `${api.url}${incidentPath()}`;
  console.log(`ContraForce mock API listening on ${api.url}`);
  console.log(`  sample credentials: Basic ${SAMPLE.clientId} / ${SAMPLE.clientSecret}, or Bearer ${SAMPLE.token}`);
  console.log(`  workspace ${SAMPLE.workspaceId}: ${CATALOGUE.map((e) => `${e.source}/${e.incidentId}`).join(", ")}`);
  console.log(`  try: curl -u ${SAMPLE.clientId}:${SAMPLE.clientSecret} '${sample}'`);
  console.log(`  faults: incident ids ${SPECIAL_IDS.map((s) => s.example).join(", ")}`);
  console.log(`  control: ${api.origin}/__control (POST /__control/faults, GET /__control/requests)`);
  console.log("  Ctrl+C to stop.");
  const stop = () => api.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

