// The decode benchmark in headless Chromium: (a) TextDecoder + JSON.parse against (c) decodeIncidentResponse, through
// bench/page.html and the browser entry pkg/index.js, served on 127.0.0.1.
//
// run.mjs calls runBrowserBench() after the Node part; `node bench/browser.mjs [--quick] [--pkg DIR]` runs it alone
// and merges its results into bench/results.json and results.md.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

import { BENCH_DIR, RESULTS_JSON, log, machineInfo, makeBodies, parseArgs, requirePackage, summarize } from "./common.mjs";
import { printSummary, writeResults } from "./report.mjs";
import { CHROMIUM_ARGS } from "../tests/support/chromium.mjs";

export const BENCH_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // Lets the page collect garbage between samples, as the Node benchmark does.
  "--js-flags=--expose-gc",
];

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".ts": "text/plain; charset=utf-8",
};

/** Serves the page, the package directory and the bodies, cross-origin isolated (finer performance.now()). */
function serve(pkgDir, bodies) {
  const root = resolve(pkgDir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const headers = {
      "cache-control": "no-store",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    };
    let body = null;
    let type = "application/octet-stream";
    if (path === "/" || path === "/page.html") {
      body = readFileSync(join(BENCH_DIR, "page.html"));
      type = CONTENT_TYPES[".html"];
    } else if (path.startsWith("/bodies/")) {
      body = bodies.find((b) => `/bodies/${b.id}.json` === path)?.bytes ?? null;
      type = CONTENT_TYPES[".json"];
    } else if (path.startsWith("/pkg/")) {
      const file = resolve(root, `.${path.slice("/pkg".length)}`);
      if ((file === root || file.startsWith(root + sep)) && existsSync(file)) {
        try {
          body = readFileSync(file);
          type = CONTENT_TYPES[extname(file)] ?? type;
        } catch {
          body = null; // a directory
        }
      }
    }
    if (body == null) {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { ...headers, "content-type": type, "content-length": body.length }).end(body);
  });
  return new Promise((ok, ko) => {
    server.once("error", ko);
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

function chromiumVersion(executable) {
  try {
    const out = execFileSync(executable, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.match(/(Chromium|Google Chrome|Chrome)\D*\d+(\.\d+)+/)?.[0] ?? null;
  } catch {
    return null;
  }
}

/** FNV-1a fingerprint, the same as page.html's. */
function fingerprint(value) {
  const s = JSON.stringify(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return `${s.length}:${h.toString(16)}`;
}

/**
 * Runs the browser benchmark and returns its part of results.json.
 * @param {{ pkgDir: string, bodies: Array, quick: boolean, chromium: string, nodeDecode?: Function }} options
 */
export async function runBrowserBench({ pkgDir, bodies, quick, chromium, nodeDecode }) {
  if (!existsSync(join(pkgDir, "index.js"))) throw new Error(`no browser entry: ${join(pkgDir, "index.js")} is missing`);
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium} (use --chromium PATH or $CHROMIUM_PATH, or --no-browser)`);
  const { chromium: launcher } = await import("playwright-core");
  const plan = quick
    ? { warmMs: 50, warmMin: 2, sampleMs: 4, budgetS: 5, minRounds: 5, maxRounds: 400 }
    : { warmMs: 300, warmMin: 3, sampleMs: 10, budgetS: 35, minRounds: 10, maxRounds: 2000 };

  const server = await serve(pkgDir, bodies);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), "contraforce-bench-chromium-"));
  let context;
  try {
    log(`browser: launching ${chromium}`);
    context = await launcher.launchPersistentContext(userDataDir, {
      executablePath: chromium,
      headless: true,
      args: BENCH_CHROMIUM_ARGS,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") pageErrors.push(m.text());
    });
    await page.goto(`${origin}/page.html`);
    try {
      await page.evaluate(() => window.benchReady);
    } catch (e) {
      throw new Error(`the page could not load pkg/index.js: ${e.message}\n${pageErrors.join("\n")}`);
    }
    log(`browser: timing for about ${plan.budgetS} s`);
    const config = { ...plan, bodies: bodies.map((b) => ({ id: b.id, url: `/bodies/${b.id}.json` })) };
    const out = await page.evaluate((c) => window.runBench(c), config);
    const raw = Object.entries(out.samples).map(([key, samples]) => {
      const [body, method] = key.split("/");
      return { body, method, k: out.perSample[body], samples };
    });
    let sameAsNode = null;
    const mismatched = [];
    if (nodeDecode) {
      for (const b of bodies) {
        let expected;
        try {
          expected = fingerprint(nodeDecode(b.bytes));
        } catch {
          continue;
        }
        if (expected !== out.fingerprints[b.id]) mismatched.push(b.id);
      }
      sameAsNode = mismatched.length === 0;
    }
    return {
      chromium: chromiumVersion(chromium),
      userAgent: out.userAgent,
      crossOriginIsolated: out.crossOriginIsolated,
      gcExposed: out.gcExposed,
      rounds: out.rounds,
      timingSeconds: Math.round(out.timingSeconds * 10) / 10,
      sameAsNode,
      bodiesDifferingFromNode: mismatched,
      results: summarize(raw, bodies),
    };
  } finally {
    await context?.close().catch(() => {});
    server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CLI: the browser part alone, merged into the existing results.

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  requirePackage(args.pkgDir, "index.js");
  const { url } = requirePackage(args.pkgDir, "node.js");
  const { decodeIncidentResponse } = await import(url);
  const bodies = makeBodies(args.seed);
  let results = {};
  try {
    results = JSON.parse(readFileSync(RESULTS_JSON, "utf8"));
  } catch {
    // no earlier run: the report will have the browser part only
  }
  results.bodies ??= bodies.map((b) => ({ id: b.id, label: b.label, bytes: b.bytes.length, escapedNonAscii: b.escapeNonAscii, counts: b.counts }));
  results.methods ??= [
    { id: "a", label: "TextDecoder + JSON.parse (floor)" },
    { id: "c", label: "decodeIncidentResponse(bytes)" },
  ];
  results.date ??= new Date().toISOString();
  results.machine ??= machineInfo();
  results.mode ??= args.quick ? "quick" : "full";
  results.seed ??= args.seed;
  let code = 0;
  try {
    results.browser = await runBrowserBench({ pkgDir: args.pkgDir, bodies, quick: args.quick, chromium: args.chromium, nodeDecode: decodeIncidentResponse });
  } catch (e) {
    results.browser = { error: String(e?.stack || e).slice(0, 2000) };
    log(`browser part failed: ${results.browser.error}`);
    code = 1;
  }
  writeResults(results);
  printSummary(results);
  process.exit(code);
}
