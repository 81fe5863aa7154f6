// `npm test`: installs what is missing, then runs every test — Rust lints and unit tests, the wasm suites in Node
// and headless Chromium (page, dedicated worker, service worker), the package build with its size budget, and
// every node:test file under tests/, examples/ and bench/ (mock API, package consumers, demo page, worker, extension,
// hardening). Stops at the first failing stage; prints one summary line per stage.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { ensureChromium, ensureNodeModules, ensureRustWasm, chromedriverPath, root } from "./lib/setup.mjs";
import { build } from "./build.mjs";
import { startMockApi } from "../tests/support/mock-api.mjs";

const only = process.argv.slice(2);
const results = [];

/** Runs a command without blocking this process's event loop: the mock API served from here must keep answering. */
function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: root, env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code ?? signal}`)));
  });
}

async function stage(name, body) {
  if (only.length && !only.includes(name)) return;
  const started = Date.now();
  console.log(`\n=== ${name}`);
  try {
    await body();
    results.push([name, "ok", Date.now() - started]);
  } catch (error) {
    results.push([name, "FAILED", Date.now() - started]);
    summary();
    console.error(`\n${name} failed: ${error.message}`);
    process.exit(1);
  }
}

function summary() {
  console.log("\n=== summary");
  for (const [name, status, ms] of results) console.log(`${status.padEnd(6)} ${name} (${(ms / 1000).toFixed(1)} s)`);
}

function testFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const path = `${dir}/${entry}`;
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (entry.endsWith(".test.mjs")) found.push(path);
  }
  return found.sort();
}

/** The wasm suites reach the mock API at a fixed loopback port, compiled in (a wasm test cannot read env). */
const WASM_MOCK_PORT = 18787;

await stage("setup", () => {
  ensureRustWasm();
  ensureNodeModules();
  ensureChromium();
});
await stage("lint", async () => {
  await run("cargo", ["fmt", "--check"]);
  await run("cargo", ["clippy", "--all-targets", "--", "-D", "warnings"]);
  await run("cargo", ["clippy", "--target", "wasm32-unknown-unknown", "--all-targets", "--", "-D", "warnings"]);
});
await stage("rust", () => run("cargo", ["test"]));
await stage("build", () => build({ skipSetup: true }));
await stage("wasm", async () => {
  // The usual port keeps the compiled suites cached; another one (any free port) only costs a recompile.
  const api = await startMockApi({ port: WASM_MOCK_PORT }).catch(() => startMockApi({ port: 0 }));
  try {
    const suites = ["wasm_node", "wasm_browser", "wasm_worker", "wasm_service_worker"].flatMap((name) => ["--test", name]);
    await run("cargo", ["test", "--target", "wasm32-unknown-unknown", ...suites], {
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner",
      CHROMEDRIVER: chromedriverPath,
      CONTRAFORCE_MOCK_API: api.url,
      WASM_BINDGEN_TEST_TIMEOUT: "120",
    });
  } finally {
    await api.close();
  }
});
await stage("node", () => {
  const files = ["tests", "examples", "bench"].flatMap((dir) => testFiles(`${root}${dir}`));
  return run(process.execPath, ["--test", "--test-concurrency=1", ...files]);
});
summary();
