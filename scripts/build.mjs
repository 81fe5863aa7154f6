// Builds the npm package into pkg/: cargo (wasm32, release) → wasm-bindgen (web target) → wasm-opt -Oz (npm
// binaryen) → entry points per runtime → pkg-template merged, version from Cargo.toml → size report and budget.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { ensureNodeModules, ensureRustWasm, root } from "./lib/setup.mjs";
import { portableInitTypes, requireModelFields } from "./lib/dts.mjs";

const pkg = `${root}pkg/`;
const crate = "contraforce_incident";

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

export function build({ skipSetup = false } = {}) {
  if (!skipSetup) {
    ensureRustWasm();
    ensureNodeModules();
  }
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--lib"]);
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(pkg);
  run("wasm-bindgen", [
    "--target", "web", "--out-dir", pkg, "--out-name", crate,
    `${root}target/wasm32-unknown-unknown/release/${crate}.wasm`,
  ]);
  // The npm binaryen: Debian's v108 wasm-opt silently corrupts this module.
  const wasm = `${pkg}${crate}_bg.wasm`;
  // The features rustc enables by default for wasm32-unknown-unknown.
  const features = ["bulk-memory", "bulk-memory-opt", "nontrapping-float-to-int", "sign-ext", "reference-types",
    "multivalue", "mutable-globals"].map((feature) => `--enable-${feature}`);
  run(`${root}node_modules/.bin/wasm-opt`, ["-Oz", "--strip-debug", "--strip-producers", ...features, wasm, "-o", wasm]);

  const dts = `${pkg}${crate}.d.ts`;
  writeFileSync(dts, portableInitTypes(requireModelFields(readFileSync(dts, "utf8"), modelTypeNames())));
  cpSync(`${root}pkg-template/entries/`, pkg, { recursive: true });
  const manifest = JSON.parse(readFileSync(`${root}pkg-template/package.json`, "utf8"));
  manifest.version = cargoVersion();
  writeFileSync(`${pkg}package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  cpSync(`${root}pkg-template/LICENSE`, `${pkg}LICENSE`);
  writeFileSync(`${pkg}README.md`, packageReadme(readFileSync(`${root}README.md`, "utf8")));
  rmSync(`${pkg}.gitignore`, { force: true });
  return sizeReport(readFileSync(wasm));
}

/**
 * The README for npm: the users' part of the repository's README (up to the demo and development sections, which
 * need a clone), with relative links made absolute so that they work on the registry's page.
 */
export function packageReadme(readme) {
  const repository = readFileSync(`${root}Cargo.toml`, "utf8").match(/^repository = "([^"]+)"/m)[1];
  const cut = readme.indexOf("\n## Demo");
  const users = cut === -1 ? readme : readme.slice(0, cut);
  const slug = (heading) => heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");
  const cutAnchors = new Set([...readme.slice(users.length).matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1])));
  const absolute = users
    .replace(/\]\((?!https?:|#|mailto:)([^)\s]+)\)/g, (_, path) => `](${repository}/blob/main/${path})`)
    .replace(/\]\(#([^)\s]+)\)/g, (link, anchor) => (cutAnchors.has(anchor) ? `](${repository}#${anchor})` : link));
  return `${absolute.trimEnd()}\n\n---\n\nThe demo page, the local mock API and the development commands are described in the ` +
    `[repository's README](${repository}#demo).\n`;
}

function cargoVersion() {
  return readFileSync(`${root}Cargo.toml`, "utf8").match(/^version = "([^"]+)"/m)[1];
}

/** Names of the structs that derive `Tsify` in src/model: every field of theirs is present in the output. */
export function modelTypeNames() {
  const names = [];
  for (const file of readdirSync(`${root}src/model`)) {
    const source = readFileSync(`${root}src/model/${file}`, "utf8");
    for (const match of source.matchAll(/derive\([^)]*Tsify\)\]\s*(?:#\[[^\]]*\]\s*)*pub struct (\w+)/g)) names.push(match[1]);
  }
  return names.sort();
}

export function sizeReport(bytes) {
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const budget = JSON.parse(readFileSync(`${root}pkg-template/size-budget.json`, "utf8"));
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`[build] ${crate}_bg.wasm: ${kib(bytes.length)} raw, ${kib(gzip)} gzip, ${kib(brotli)} brotli ` +
    `(budget: ${kib(budget.maxGzipBytes)} gzip)`);
  if (gzip > budget.maxGzipBytes) {
    throw new Error(`the .wasm is ${gzip} bytes gzip, over the budget of ${budget.maxGzipBytes} (pkg-template/size-budget.json)`);
  }
  return { raw: bytes.length, gzip, brotli, budgetGzip: budget.maxGzipBytes };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  try {
    build();
  } catch (error) {
    console.error(`[build] ${error.message}`);
    process.exit(1);
  }
}
