#!/usr/bin/env node
// Builds the unpacked extension into dist/: the files of src/, plus the package's wasm-bindgen module and .wasm
// from ../../pkg/ (built by `node scripts/build.mjs`) under dist/vendor/contraforce-incident/, because an
// extension can only load files from inside its own directory.
//
//   node build.mjs                                  # host_permissions: https://portal.contraforce.com/*
//   node build.mjs --host-permission "http://127.0.0.1/*" [--host-permission ...]   # replaces the default
//
// Then chrome://extensions → Developer mode → Load unpacked → dist/.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(HERE, "dist");
const SRC = path.join(HERE, "src");
const PKG = path.resolve(HERE, "../../pkg");
const VENDOR = "vendor/contraforce-incident";
// What the service worker imports: the wasm-bindgen module (no top-level await) and its .wasm.
const PACKAGE_FILES = ["contraforce_incident.js", "contraforce_incident_bg.wasm", "LICENSE"];

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Reads the package files as one consistent set: pkg/ may be rebuilt while we read (it is deleted and
 * written again), so read twice and retry until both reads agree and the .wasm is a whole module.
 */
async function readPackage({ attempts = 60 } = {}) {
  let problem = "";
  for (let i = 0; i < attempts; i++) {
    try {
      const read = () => PACKAGE_FILES.map((file) => readFileSync(path.join(PKG, file)));
      const first = read();
      await sleep(50);
      const second = read();
      const wasm = first[1];
      const whole = wasm.length > 8 && wasm.readUInt32BE(0) === 0x0061736d;
      if (whole && first.every((bytes, k) => bytes.equals(second[k]))) {
        return Object.fromEntries(PACKAGE_FILES.map((file, k) => [file, first[k]]));
      }
      problem = "pkg/ changed while it was read";
    } catch (error) {
      problem = error.code === "ENOENT" ? `missing ${error.path}` : error.message;
    }
    await sleep(1_000);
  }
  throw new Error(`cannot read the package from pkg/ (${problem}): run \`node scripts/build.mjs\` first`);
}

/** Writes dist/ and returns its path. */
export async function buildExtension({ hostPermissions } = {}) {
  const files = await readPackage();
  rmSync(DIST, { recursive: true, force: true });
  cpSync(SRC, DIST, { recursive: true });
  mkdirSync(path.join(DIST, VENDOR), { recursive: true });
  for (const [file, bytes] of Object.entries(files)) writeFileSync(path.join(DIST, VENDOR, file), bytes);
  if (hostPermissions?.length) {
    const manifestPath = path.join(DIST, "manifest.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    manifest.host_permissions = hostPermissions;
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  return DIST;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const hostPermissions = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--host-permission" && args[i + 1]) hostPermissions.push(args[++i]);
    else {
      console.error(`unknown argument: ${args[i]}\nusage: node build.mjs [--host-permission PATTERN]...`);
      process.exit(2);
    }
  }
  try {
    const dist = await buildExtension({ hostPermissions });
    console.log(`[extension] built ${path.relative(process.cwd(), dist) || "."}: load it unpacked from there`);
  } catch (error) {
    console.error(`[extension] ${error.message}`);
    process.exit(1);
  }
}
