// Installs what the build and the tests need, skipping whatever is already there.
// Used by `npm start`, `npm test` and `npm run build`, so a fresh clone needs nothing done by hand.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));

const log = (message) => console.log(`[setup] ${message}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
}

function output(command, args) {
  try {
    return execFileSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly. */
export function lockedWasmBindgenVersion() {
  const lock = readFileSync(new URL("Cargo.lock", `file://${root}`), "utf8");
  const match = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/);
  if (!match) throw new Error("wasm-bindgen is not in Cargo.lock");
  return match[1];
}

export function ensureRustWasm() {
  const targets = output("rustup", ["target", "list", "--installed"]) ?? "";
  if (!targets.split("\n").includes("wasm32-unknown-unknown")) {
    log("adding the wasm32-unknown-unknown Rust target");
    run("rustup", ["target", "add", "wasm32-unknown-unknown"]);
  }
  const version = lockedWasmBindgenVersion();
  const installed = output("wasm-bindgen", ["--version"]);
  const runner = output("wasm-bindgen-test-runner", ["--version"]);
  if (installed !== `wasm-bindgen ${version}` || !runner?.includes(version)) {
    log(`installing wasm-bindgen-cli ${version} (about 5 minutes, once)`);
    // No --locked: the registry here lacks a newer transitive crate that the CLI's lockfile names.
    run("cargo", ["install", "wasm-bindgen-cli", "--version", version, "--force"]);
  }
}

/** `npm ci` when node_modules is missing or older than package-lock.json. */
export function ensureNodeModules() {
  const marker = `${root}node_modules/.package-lock.json`;
  const lock = `${root}package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log("installing npm packages (npm ci)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

export const chromiumPath = "/usr/bin/chromium";
export const chromedriverPath = "/usr/bin/chromedriver";

/** Debian's Chromium and ChromeDriver, for the browser tests (never a downloaded browser). */
export function ensureChromium() {
  if (existsSync(chromiumPath) && existsSync(chromedriverPath)) return;
  log("installing Debian's chromium and chromium-driver");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  const apt = (args) => (sudo.length ? run("sudo", ["apt-get", ...args], { env }) : run("apt-get", args, { env }));
  apt(["update", "-q"]);
  apt(["install", "-y", "-q", "chromium", "chromium-driver"]);
}
