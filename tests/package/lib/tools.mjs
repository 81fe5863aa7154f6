// The build tools of the consumer projects, taken from the repo's root node_modules by absolute path (a consumer
// project installs only the package tarball): Vite's and webpack's Node APIs, esbuild, wrangler's CLI, Miniflare
// (wrangler's own dependency, so its workerd), and tsc.
import { copyFile, readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, installedPackage, run } from "./pack.mjs";

const rootRequire = createRequire(join(ROOT, "package.json"));
const wranglerDir = join(ROOT, "node_modules", "wrangler");
const importFrom = (resolved) => import(pathToFileURL(resolved).href);

const WASM = "contraforce_incident_bg.wasm";

/** `vite build` through its JS API; `dir/index.html` is the entry. Returns the output directory. */
export async function viteBuild(dir) {
  const { build } = await import(pathToFileURL(join(ROOT, "node_modules/vite/dist/node/index.js")).href);
  const outDir = join(dir, "dist");
  await build({ root: dir, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** A webpack 5 production build (Node API, target web) of `dir/src/main.js`; fails on any error or warning. */
export async function webpackBuild(dir) {
  const { default: webpack } = await importFrom(rootRequire.resolve("webpack"));
  const outDir = join(dir, "dist");
  const compiler = webpack({
    mode: "production",
    target: "web",
    context: dir,
    entry: "./src/main.js",
    output: { path: outDir, filename: "main.js", clean: true },
    performance: { hints: false }, // the .wasm is over webpack's 244 KiB advice; that is not what is tested
    infrastructureLogging: { level: "error" },
  });
  const stats = await new Promise((resolve, reject) => compiler.run((error, result) => (error ? reject(error) : resolve(result))));
  await new Promise((resolve) => compiler.close(resolve));
  const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
  if (errors.length || warnings.length) {
    throw new Error(`webpack: ${[...errors, ...warnings].map((e) => e.message).join("\n")}`);
  }
  await copyFile(join(dir, "index.html"), join(outDir, "index.html"));
  return outDir;
}

/**
 * An esbuild bundle of `entry` for `platform` ("browser" or "node"), ESM. esbuild leaves
 * `new URL("./contraforce_incident_bg.wasm", import.meta.url)` as it is, so the .wasm is copied next to the
 * bundle, as the README tells esbuild users to. Returns `{ outDir, bundle }`.
 */
export async function esbuildBundle(dir, entry, platform) {
  const esbuild = await importFrom(rootRequire.resolve("esbuild"));
  const outDir = join(dir, "dist");
  const name = platform === "node" ? "consumer.mjs" : "main.js";
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform,
    outfile: join(outDir, name),
    logLevel: "silent",
    write: true,
  });
  if (result.errors.length || result.warnings.length) {
    throw new Error(`esbuild: ${[...result.errors, ...result.warnings].map((m) => m.text).join("\n")}`);
  }
  await copyFile(join(installedPackage(dir), WASM), join(outDir, WASM));
  return { outDir, bundle: join(outDir, name) };
}

/** Environment for wrangler: no banner (so no update check), no metrics or error reports, logs in the project. */
function wranglerEnv(dir) {
  return {
    ...process.env,
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_LOG_PATH: join(dir, ".wrangler-logs"),
    XDG_CONFIG_HOME: join(dir, ".config"),
    NO_COLOR: "1",
  };
}

/**
 * `wrangler deploy --dry-run --outdir dist`: wrangler's own bundling (it picks the package's `workerd` export),
 * nothing uploaded. Returns `{ outDir, files }`.
 */
export async function wranglerBundle(dir) {
  const outDir = join(dir, "dist");
  await run(process.execPath, [join(wranglerDir, "bin", "wrangler.js"), "deploy", "--dry-run", "--outdir", outDir],
    { cwd: dir, env: wranglerEnv(dir), timeoutMs: 90_000 });
  return { outDir, files: (await readdir(outDir)).sort() };
}

/**
 * Runs a worker that wrangler bundled from project `dir` in workerd, through Miniflare (wrangler's dependency):
 * `.wasm` imports are compiled-wasm modules, as on Cloudflare; `cf: false` so nothing is fetched from the internet.
 * Returns the status and JSON of its answer to one request.
 */
export async function runWorker(dir, script, bindings) {
  const wranglerRequire = createRequire(join(wranglerDir, "package.json"));
  const { Miniflare } = await importFrom(wranglerRequire.resolve("miniflare"));
  const [, compatibilityDate] = (await readFile(join(dir, "wrangler.toml"), "utf8")).match(/^compatibility_date = "(.+)"$/m);
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
    compatibilityDate,
    bindings,
    cf: false,
    host: "127.0.0.1",
    port: 0,
  });
  try {
    const response = await mf.dispatchFetch("http://127.0.0.1/", { signal: AbortSignal.timeout(60_000) });
    return { status: response.status, body: await response.json() };
  } finally {
    await mf.dispose();
  }
}

/** `tsc -p <project> --strict --noEmit`; resolves with the files tsc read, fails with tsc's diagnostics. */
export async function typecheck(dir, project) {
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const args = [tsc, "-p", project, "--strict", "--noEmit", "--listFiles", "--pretty", "false"];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: dir, timeoutMs: 90_000 });
    return stdout.split("\n").filter(Boolean);
  } catch (error) {
    const diagnostics = (error.output ?? "").split("\n").filter((line) => / error TS\d+:/.test(line));
    if (diagnostics.length === 0) throw error;
    throw new Error(`tsc -p ${project} found ${diagnostics.length} error(s):\n${diagnostics.join("\n")}`);
  }
}
