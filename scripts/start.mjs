#!/usr/bin/env node
// `npm start`: the first ten minutes in one command. On a fresh clone it installs what the build needs (the
// wasm32 Rust target, wasm-bindgen-cli at the Cargo.lock version, npm ci), builds pkg/ when a source changed
// since the last build, starts the local ContraForce API and the demo page on 127.0.0.1, and prints a summary of
// the sample incident fetched *through the built package* (pkg/node.js), plus one error example (a 404).
//
//   npm start                      servers stay up until Ctrl-C
//   npm start -- --once            fetch, print, close both servers, exit (0 on success)
//   npm start -- --api-port 0      any free port for the API (default 8787; a free one when 8787 is busy)
//   npm start -- --port 0          any free port for the page (default 8788; a free one when busy)
//
// No credential is printed: the sample ones are documented in tests/support/README.md.

import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { ensureNodeModules, ensureRustWasm, root } from "./lib/setup.mjs";
import { build } from "./build.mjs";
import { startDemoServer } from "./serve-demo.mjs";
import { SAMPLE, startMockApi } from "../tests/support/mock-api.mjs";

const log = (message) => console.log(`[start] ${message}`);

/** What `build()` reads: when any of these is newer than the built .wasm, pkg/ is rebuilt. */
export const BUILD_INPUTS = [
  "src", "Cargo.toml", "Cargo.lock", "pkg-template", "README.md", "scripts/build.mjs", "scripts/lib/dts.mjs",
];
const BUILT_WASM = "pkg/contraforce_incident_bg.wasm";
const BUILT_FILES = [BUILT_WASM, "pkg/node.js", "pkg/package.json", "pkg/contraforce_incident.js"];

/** The default ports; when one is busy a free port is used instead. */
export const DEFAULT_API_PORT = 8787;
export const DEFAULT_DEMO_PORT = 8788;

/** An incident id the local API does not know: its 404 is the error example. */
export const MISSING_INCIDENT_ID = "INC-0000-DOES-NOT-EXIST";

/** The newest file under `relative` (a file or a directory), as `{ file, mtimeMs }`, or null if absent. */
function newest(relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return null;
  const info = statSync(full);
  if (!info.isDirectory()) return { file: relative, mtimeMs: info.mtimeMs };
  let best = null;
  for (const entry of readdirSync(full)) {
    const found = newest(path.join(relative, entry));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/** Why pkg/ must be (re)built, or null when it is newer than every build input. */
export function staleReason() {
  const missing = BUILT_FILES.find((file) => !existsSync(path.join(root, file)));
  if (missing) return `${missing} is missing`;
  const builtAt = statSync(path.join(root, BUILT_WASM)).mtimeMs;
  for (const input of BUILD_INPUTS) {
    const found = newest(input);
    if (found && found.mtimeMs > builtAt) return `${found.file} changed since pkg/ was built`;
  }
  return null;
}

function parseArgs(argv) {
  const options = { once: false, apiPort: DEFAULT_API_PORT, demoPort: DEFAULT_DEMO_PORT, help: false };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const port = () => {
      const value = Number(inline ?? argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${flag} takes a port, 0-65535`);
      return value;
    };
    if (flag === "--once") options.once = true;
    else if (flag === "--api-port") options.apiPort = port();
    else if (flag === "--port") options.demoPort = port();
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  return options;
}

/** Starts a server on `port`; when that port is busy, on a free one instead. */
async function onPortOrFree(port, label, start) {
  try {
    return await start(port);
  } catch (error) {
    if (error?.code !== "EADDRINUSE" || port === 0) throw error;
    log(`port ${port} is busy; the ${label} takes a free port instead`);
    return start(0);
  }
}

const show = (value) => (value === null || value === undefined || value === "" ? "(none)" : String(value));

/** `"2026-04-15T20:06:13"` has no UTC offset: the contract calls that "the user's local time". */
function timestamp(value) {
  if (value === null) return "(none)";
  return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}   (no offset: "the user's local time", as sent)`;
}

function playbookLine(gamebook) {
  if (!gamebook) return null;
  const statuses = gamebook.playbooks.map((playbook) => playbook.status ?? "?").join(", ");
  return `${gamebook.playbooks.length}${statuses ? ` (${statuses})` : ""}`;
}

/** The readable summary of one `getIncident` result. */
export function formatIncident({ data, meta }) {
  const incident = data.incident;
  const details = data.investigationDetails;
  const catalog = data.gamebookCatalog;
  const user = incident?.user;
  const assignee = user ? `${show(user.displayName)}${user.email ? ` <${user.email}>` : ""}` : "(unassigned)";
  const rows = [
    ["title", show(incident?.title)],
    ["number", show(incident?.number)],
    ["source", show(data.source)],
    ["severity", show(incident?.severity)],
    ["status", show(incident?.status)],
    ["assignee", assignee],
    ["entities", `${incident?.entities.length ?? 0} on the incident, ${details?.entities.length ?? 0} in the investigation graph`],
    ["alerts", `${details?.alerts.length ?? 0} (alertsCount ${show(incident?.alertsCount)})`],
    ["comments", String(details?.incidentComment.length ?? 0)],
    ["evidence", `${data.evidence?.rows.length ?? 0} rows x ${data.evidence?.columns.length ?? 0} columns`],
    ["playbooks", [
      catalog?.lastGamebook && `last gamebook ${playbookLine(catalog.lastGamebook)}`,
      catalog?.recommended?.aiGamebook && `recommended by ContraForce ${playbookLine(catalog.recommended.aiGamebook)}`,
      catalog?.recommended?.serviceProviderGamebook &&
        `recommended by the provider ${playbookLine(catalog.recommended.serviceProviderGamebook)}`,
    ].filter(Boolean).join("; ") || "(none)"],
    ["created", timestamp(incident?.creationTime ?? null)],
    ["modified", timestamp(incident?.lastModificationTime ?? null)],
    ["last activity", timestamp(incident?.lastActivityTime ?? null)],
    ["server time", timestamp(meta?.timestamp ?? null)],
    ["request id", show(meta?.requestId)],
  ];
  return rows.map(([label, value]) => `  ${label.padEnd(13)} ${value}`).join("\n");
}

/** The readable summary of one `ContraForceError`. */
export function formatError(error) {
  const fields = ["kind", "status", "code", "requestId", "target"]
    .filter((key) => error[key] !== undefined)
    .map((key) => `  ${key.padEnd(13)} ${error[key]}`);
  return [...fields, `  ${"message".padEnd(13)} ${error.message}`].join("\n");
}

/** Fetches the sample incident and the 404 example through the built package and prints both. */
async function printSample(apiUrl) {
  const { ContraForceClient, isContraForceError } = await import(pathToFileURL(path.join(root, "pkg/node.js")).href);
  const client = new ContraForceClient({
    baseUrl: apiUrl,
    auth: { clientId: SAMPLE.clientId, clientSecret: SAMPLE.clientSecret },
    timeoutMs: 10_000,
    retry: false,
  });
  const where = { workspaceId: SAMPLE.workspaceId, source: SAMPLE.source };
  const result = await client.getIncident({ ...where, incidentId: SAMPLE.incidentId, withDetails: true });
  console.log(`\nSample incident ${SAMPLE.source}/${SAMPLE.incidentId}, fetched and decoded through pkg/node.js:`);
  console.log(formatIncident(result));

  try {
    await client.getIncident({ ...where, incidentId: MISSING_INCIDENT_ID });
    throw new Error(`the local API answered ${MISSING_INCIDENT_ID} instead of a 404`);
  } catch (error) {
    if (!isContraForceError(error)) throw error;
    console.log(`\nError example: incident ${MISSING_INCIDENT_ID}, which the local API does not know:`);
    console.log(formatError(error));
    console.log("  (isContraForceError(e) is true; switch on e.kind, then on e.code)");
  }
}

async function main(argv) {
  const options = parseArgs(argv);
  if (options.help) {
    console.log("usage: npm start [-- --once] [--api-port 8787|0] [--port 8788|0]");
    console.log("  --once      fetch and print the sample, then stop both servers and exit");
    console.log(`  --api-port  the local API's port (default ${DEFAULT_API_PORT}; a free one when busy)`);
    console.log(`  --port      the demo page's port (default ${DEFAULT_DEMO_PORT}; a free one when busy)`);
    return 0;
  }

  const reason = staleReason();
  if (reason) {
    log(`building pkg/ (${reason})`);
    ensureRustWasm();
    ensureNodeModules();
    try {
      build({ skipSetup: true });
    } catch (error) {
      // A build that failed late (the size budget) leaves a complete pkg/ behind: date it back, so the next
      // `npm start` builds again instead of serving it as up to date.
      const wasm = path.join(root, BUILT_WASM);
      if (existsSync(wasm)) utimesSync(wasm, 0, 0);
      throw error;
    }
  } else {
    log("pkg/ is up to date with src/, Cargo.*, pkg-template/ and README.md; not rebuilding");
  }

  let requestLog = false;
  const api = await onPortOrFree(options.apiPort, "local API", (port) =>
    startMockApi({ port, quiet: false, log: (line) => requestLog && console.log(`[api] ${line}`) }));
  let demo;
  try {
    demo = await onPortOrFree(options.demoPort, "demo page", (port) => startDemoServer({ port, apiBaseUrl: api.url }));
  } catch (error) {
    await api.close();
    throw error;
  }

  let stopping = null;
  const stop = () => {
    stopping ??= Promise.all([demo.close(), api.close()]);
    return stopping;
  };

  log(`local API at ${api.url}`);
  log(`demo page at ${demo.url}`);

  if (options.once) {
    try {
      await printSample(api.url);
    } finally {
      await stop();
      log("stopped the local API and the demo page");
    }
    return 0;
  }

  process.once("SIGINT", () => shutdown("Ctrl-C"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  async function shutdown(why) {
    console.log();
    log(`${why}: stopping the local API and the demo page`);
    process.once("SIGINT", () => process.exit(130)); // a second Ctrl-C does not wait
    await stop();
    process.exit(0);
  }

  try {
    await printSample(api.url);
  } catch (error) {
    console.error(`\n[start] the sample lookup failed: ${error.message}`);
    console.error("[start] the servers keep running; rebuild with `npm run build` and check the output above");
  }
  console.log(`
Demo page:  ${demo.url}
            press "Sample" to fill in the local API and its sample incident, then "Look up"
Local API:  ${api.url}
            sample workspace, incidents and credentials: see tests/support/README.md
Ctrl-C stops both. Requests to the local API are logged below.
`);
  requestLog = true;
  return null; // keep running
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  // `npm start -- --once | head`: a closed pipe ends the command quietly (exiting closes the servers too).
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      if (code === null) return;
      process.exitCode = code;
      // Everything is closed; exit even if a stray handle (a keep-alive socket) would hold the loop open.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (error) => {
      console.error(`[start] ${error.message}`);
      process.exit(1);
    },
  );
}
