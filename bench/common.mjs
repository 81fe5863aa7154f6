// Shared parts of the benchmark: paths, arguments, the package check, statistics, structural diff, machine facts.
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem, type } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { BODIES, DEFAULT_SEED, describeBody, generateBody } from "./generate.mjs";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = resolve(BENCH_DIR, "..");
export const RESULTS_JSON = join(BENCH_DIR, "results.json");
export const RESULTS_MD = join(BENCH_DIR, "results.md");

/** Parameters of one incident request, the same everywhere. */
export const REQUEST = {
  workspaceId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
  source: "DefenderXDR",
  incidentId: "INC-12345",
  withDetails: true,
};

const USAGE = `usage: node --expose-gc bench/run.mjs [--quick] [--no-browser] [--pkg DIR] [--seed N] [--chromium PATH]
  --quick          a ~30 s run (fewer rounds, shorter budgets)
  --no-browser     skip the headless Chromium part
  --pkg DIR        the built package to measure (default: pkg/ of the repo)
  --seed N         generator seed (default ${DEFAULT_SEED})
  --chromium PATH  Chromium binary (default /usr/bin/chromium, or $CHROMIUM_PATH)`;

export function parseArgs(argv) {
  const args = {
    quick: false,
    browser: true,
    pkgDir: join(REPO_DIR, "pkg"),
    seed: DEFAULT_SEED,
    chromium: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value\n${USAGE}`);
      return argv[++i];
    };
    if (a === "--quick") args.quick = true;
    else if (a === "--no-browser") args.browser = false;
    else if (a === "--pkg") args.pkgDir = resolve(value());
    else if (a === "--seed") args.seed = Number(value());
    else if (a === "--chromium") args.chromium = value();
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument ${a}\n${USAGE}`);
  }
  if (!Number.isInteger(args.seed)) fail("--seed takes an integer");
  return args;
}

/** Print a message for a human and stop. */
export function fail(message, code = 2) {
  console.error(`bench: ${message}`);
  process.exit(code);
}

const t0 = performance.now();
export function log(message) {
  process.stderr.write(`bench [${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
}

/** Stop with a clear message unless `pkgDir` holds a built package with the given entry. */
export function requirePackage(pkgDir, entry = "node.js") {
  const file = join(pkgDir, entry);
  if (!existsSync(file)) {
    fail(
      `no built package: ${file} is missing.\n` +
        `       Build the package first (npm run build), or point --pkg at a built package directory.`,
    );
  }
  return { file, url: pathToFileURL(file).href };
}

export function packageInfo(pkgDir) {
  try {
    const p = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    return { dir: pkgDir, name: p.name ?? null, version: p.version ?? null };
  } catch {
    return { dir: pkgDir, name: null, version: null };
  }
}

/** The benchmark bodies, generated afresh (deterministic for the seed). */
export function makeBodies(seed) {
  const decoder = new TextDecoder();
  return BODIES.map((b) => {
    const bytes = generateBody({ targetBytes: b.targetBytes, seed, escapeNonAscii: b.escapeNonAscii });
    return { ...b, bytes, counts: describeBody(JSON.parse(decoder.decode(bytes))) };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

/** Quartiles with linear interpolation between order statistics (R type 7, numpy's default). */
export function quantiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.ceil(h);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  };
  return { q1: at(0.25), median: at(0.5), q3: at(0.75) };
}

/**
 * Summaries of timing samples (ms per decode, one per round, so `samples[i]` of every method of a body come from
 * the same round): median and quartiles, throughput at the median, and the time relative to the floor (a) and to
 * zod (b) on the same body.
 */
export function summarize(raw, bodies) {
  const out = raw.map((r) => {
    const { q1, median, q3 } = quantiles(r.samples);
    const bytes = bodies.find((b) => b.id === r.body).bytes.length;
    return {
      body: r.body,
      method: r.method,
      iterationsPerSample: r.k,
      samples: r.samples.length,
      medianMs: median,
      q1Ms: q1,
      q3Ms: q3,
      mbPerS: bytes / 1e6 / (median / 1000),
    };
  });
  // Ratios are paired: in each round, this method's sample over the other's sample of the same round (taken moments
  // apart), then the median over rounds. Load that comes and goes during the run cancels out of each pair.
  const samplesOf = (body, method) => raw.find((x) => x.body === body && x.method === method)?.samples;
  const paired = (mine, theirs) => {
    if (!mine || !theirs) return null;
    const n = Math.min(mine.length, theirs.length);
    return quantiles(Array.from({ length: n }, (_, i) => mine[i] / theirs[i]));
  };
  for (const r of out) {
    const mine = samplesOf(r.body, r.method);
    const floor = paired(mine, samplesOf(r.body, "a"));
    const zod = paired(mine, samplesOf(r.body, "b"));
    r.vsFloor = floor?.median ?? null;
    r.vsFloorIqr = floor ? [floor.q1, floor.q3] : null;
    r.vsZod = zod?.median ?? null;
    r.vsZodIqr = zod ? [zod.q1, zod.q3] : null;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Structural comparison

function kind(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function short(v) {
  if (v === undefined) return "(absent)";
  let s;
  try {
    s = typeof v === "bigint" ? `${v}n` : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * Where two values differ, as `[{ path, expected, actual }]` (at most `limit`). Compares JSON structure: kinds,
 * keys, and primitive values with Object.is (so -0 and NaN count); prototypes are ignored, `Map`s and other
 * non-JSON objects show up as a difference of kind.
 */
export function diffValues(expected, actual, limit = 20) {
  const diffs = [];
  const walk = (a, b, path) => {
    if (diffs.length >= limit) return;
    const ka = kind(a);
    const kb = kind(b);
    const plain = (v) => v !== null && typeof v === "object" && !Array.isArray(v) &&
      [Object.prototype, null].includes(Object.getPrototypeOf(v));
    if (ka !== kb || (ka === "object" && plain(a) !== plain(b))) {
      diffs.push({ path, expected: short(a), actual: `${short(b)} (${kb === "object" && !plain(b) ? b.constructor?.name : kb})` });
      return;
    }
    if (ka === "array") {
      if (a.length !== b.length) diffs.push({ path: `${path}.length`, expected: a.length, actual: b.length });
      for (let i = 0; i < Math.min(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`);
    } else if (ka === "object") {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) {
        if (diffs.length >= limit) return;
        const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        if (!(k in b)) diffs.push({ path: p, expected: short(a[k]), actual: "(absent)" });
        else if (!(k in a)) diffs.push({ path: p, expected: "(absent)", actual: short(b[k]) });
        else walk(a[k], b[k], p);
      }
    } else if (!Object.is(a, b)) {
      diffs.push({ path, expected: short(a), actual: short(b) });
    }
  };
  walk(expected, actual, "$");
  return diffs;
}

// ---------------------------------------------------------------------------------------------------------------
// Machine

export function machineInfo() {
  const list = cpus();
  return {
    cpu: list[0]?.model?.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()} ${process.arch}`,
    node: process.version,
    v8: process.versions.v8,
  };
}
