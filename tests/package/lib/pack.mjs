// Packs pkg/ with `npm pack` and creates throwaway consumer projects that install only that tarball, as a user's
// project would. Nothing here touches the repo's own node_modules or asks a registry for anything.
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The built package: pkg/, or another build of it named by CONTRAFORCE_PKG_DIR. */
export const PKG_DIR = process.env.CONTRAFORCE_PKG_DIR ?? join(ROOT, "pkg");
export const CONSUMERS_DIR = fileURLToPath(new URL("../consumers/", import.meta.url));
export const PACKAGE_NAME = "contraforce-incident";

const execFileAsync = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a command to completion; rejects with its output when it fails or outlives `timeoutMs` (then it is killed).
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
export async function run(command, args, { cwd, env = process.env, timeoutMs = 120_000 } = {}) {
  try {
    return await execFileAsync(command, args, { cwd, env, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 << 20 });
  } catch (error) {
    const output = `${error.stdout ?? ""}\n${error.stderr ?? ""}`.trim();
    const why = error.killed ? `killed after ${timeoutMs} ms` : `exit ${error.code ?? error.signal}`;
    const tail = output.split("\n").slice(-40).join("\n");
    throw Object.assign(new Error(`${command} ${args.join(" ")} (in ${cwd}) failed: ${why}\n${tail}`), { output });
  }
}

/**
 * The environment for npm: none of the `npm_*` variables an enclosing `npm test` exports (a leaked
 * `npm_config_prefix` would make `npm install` write into the repo), no update check, no audit, no fund.
 */
export function npmEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== "INIT_CWD"));
  return { ...env, npm_config_update_notifier: "false", npm_config_audit: "false", npm_config_fund: "false" };
}

/**
 * Copies pkg/ to `dest`, retrying while someone else rebuilds it (the build deletes pkg/ first): a copy counts
 * only if no file of pkg/ changed while it was made. Fails with the command to run when pkg/ is not there at all.
 */
export async function snapshotPkg(dest, { attempts = 90 } = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await rm(dest, { recursive: true, force: true });
      const before = await fingerprint(PKG_DIR);
      const manifest = JSON.parse(await readFile(join(PKG_DIR, "package.json"), "utf8"));
      await cp(PKG_DIR, dest, { recursive: true });
      if ((await fingerprint(PKG_DIR)) !== before) throw Object.assign(new Error("pkg/ changed during the copy"), { code: "ENOENT" });
      const copied = new Set(await readdir(dest));
      const missing = [...manifest.files, "package.json"].filter((file) => !copied.has(file));
      if (missing.length) throw Object.assign(new Error(`pkg/ lacks ${missing.join(", ")}`), { code: "ENOENT" });
      return manifest;
    } catch (error) {
      if (attempt >= attempts || (error.code !== "ENOENT" && !(error instanceof SyntaxError))) {
        const hint = existsSync(PKG_DIR) ? "" : " (pkg/ is missing: run `node scripts/build.mjs` first)";
        throw new Error(`cannot copy pkg/${hint}: ${error.message}`);
      }
      await sleep(1000); // pkg/ is being rebuilt: wait for it
    }
  }
}

/** Names, sizes and modification times of a directory's files. */
async function fingerprint(dir) {
  const names = (await readdir(dir)).sort();
  const stats = await Promise.all(names.map((name) => stat(join(dir, name))));
  return JSON.stringify(names.map((name, i) => [name, stats[i].size, stats[i].mtimeMs]));
}

/**
 * `npm pack` of a snapshot of pkg/, into `workDir`.
 * @returns {Promise<{ tarball: string, files: string[], manifest: object }>} files: the paths inside the tarball
 */
export async function packTarball(workDir) {
  const snapshot = join(workDir, "pkg-snapshot");
  const manifest = await snapshotPkg(snapshot);
  const { stdout } = await run("npm", ["pack", snapshot, "--pack-destination", workDir, "--json", "--ignore-scripts"],
    { cwd: workDir, env: npmEnv() });
  const [packed] = JSON.parse(stdout);
  return { tarball: join(workDir, packed.filename), files: packed.files.map((file) => file.path).sort(), manifest };
}

/**
 * A throwaway project in `workDir/name`: a package.json, the given consumer files, and the tarball installed with
 * `npm install --offline` (the package has no dependencies, so a registry is never needed, and never asked).
 * @param {Record<string, string>} files project path -> path under tests/package/consumers/
 */
export async function createConsumer(workDir, name, tarball, files) {
  const dir = join(workDir, name);
  await mkdir(dir, { recursive: true });
  const manifest = { name: `consumer-${name}`, version: "0.0.0", private: true, type: "module" };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [to, from] of Object.entries(files)) {
    await mkdir(join(dir, to, ".."), { recursive: true });
    await cp(join(CONSUMERS_DIR, from), join(dir, to));
  }
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball],
    { cwd: dir, env: npmEnv(), timeoutMs: 60_000 });
  return dir;
}

/** The installed package inside a consumer project. */
export const installedPackage = (consumerDir) => join(consumerDir, "node_modules", PACKAGE_NAME);
