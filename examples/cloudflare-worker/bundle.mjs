#!/usr/bin/env node
// Bundles the worker the way `wrangler deploy` would, without deploying: `wrangler deploy --dry-run --outdir dist`.
// Nothing reaches the network (no login, no metrics, no update check). Prints the upload size:
//
//   node examples/cloudflare-worker/bundle.mjs
//
// The worker test uses it too.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
export const PKG = path.join(ROOT, "pkg");
export const DIST = path.join(HERE, "dist");
export const WRANGLER = path.join(ROOT, "node_modules/wrangler/bin/wrangler.js");

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits for the package files (pkg/ is deleted and written again by each `node scripts/build.mjs`). */
async function waitForPackage() {
  const needed = ["workerd.js", "contraforce_incident.js", "contraforce_incident_bg.wasm"];
  for (let i = 0; i < 120; i++) {
    if (needed.every((file) => existsSync(path.join(PKG, file)))) return;
    await sleep(500);
  }
  throw new Error(`pkg/ is incomplete: run \`node scripts/build.mjs\` first (needs ${needed.join(", ")})`);
}

/** Runs wrangler from the repo's node_modules in this directory, offline; resolves with its output. */
export function runWrangler(args, { timeoutMs = 90_000 } = {}) {
  return new Promise((resolve, reject) => {
    const logDir = mkdtempSync(path.join(tmpdir(), "wrangler-logs-"));
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: HERE,
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        WRANGLER_HIDE_BANNER: "true", // the banner asks the npm registry for a newer wrangler
        WRANGLER_LOG_PATH: logDir,
        CLOUDFLARE_API_TOKEN: "",
        CLOUDFLARE_ACCOUNT_ID: "",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
        CI: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => { output += chunk; });
    child.stderr.on("data", (chunk) => { output += chunk; });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      rmSync(logDir, { recursive: true, force: true });
      if (code === 0) resolve(output);
      else reject(new Error(`wrangler ${args.join(" ")} exited ${code ?? signal}:\n${output}`));
    });
  });
}

/**
 * Writes dist/ (index.js and the .wasm module) and returns wrangler's upload size, in KiB as it prints it, with
 * the size of each file: `{ totalKiB, gzipKiB, files: [{ file, raw, gzip }] }`.
 */
export async function bundleWorker() {
  await waitForPackage();
  rmSync(DIST, { recursive: true, force: true });
  const output = await runWrangler(["deploy", "--dry-run", "--outdir", "dist"]);
  const sizes = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
  if (!sizes) throw new Error(`no size line in wrangler's output:\n${output}`);
  const files = readdirSync(DIST).filter((f) => /\.(js|wasm)$/.test(f)).map((f) => {
    const bytes = readFileSync(path.join(DIST, f));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { totalKiB: Number(sizes[1]), gzipKiB: Number(sizes[2]), files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { totalKiB, gzipKiB, files } = await bundleWorker();
    console.log(`[worker] dist/: ${files.map((f) => f.file).join(", ")}`);
    console.log(`[worker] upload: ${totalKiB} KiB, gzip ${gzipKiB} KiB`);
  } catch (error) {
    console.error(`[worker] ${error.message}`);
    process.exit(1);
  }
}
