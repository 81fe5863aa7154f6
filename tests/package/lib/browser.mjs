// Serves a consumer's build output on 127.0.0.1 and loads it in headless Chromium (playwright-core driving
// /usr/bin/chromium, fresh profile, no background networking), collecting what the page reports and logs.
import http from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { tmpdir } from "node:os";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../../support/chromium.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
};

/**
 * A static server for `dir`, plus `GET /consumer-config.json` answering `config`.
 * @returns {Promise<{ url: string, requests: { path: string, status: number }[], close: () => Promise<void> }>}
 */
export async function serveDir(dir, config) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let status = 200;
    try {
      if (path === "/consumer-config.json") {
        res.writeHead(200, { "Content-Type": TYPES[".json"], "Cache-Control": "no-store" });
        res.end(JSON.stringify(config));
        return;
      }
      const file = normalize(join(dir, path.endsWith("/") ? `${path}index.html` : path));
      if (!file.startsWith(dir.endsWith(sep) ? dir : `${dir}${sep}`)) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      const body = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
      res.end(body);
    } catch {
      status = 404;
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    } finally {
      requests.push({ path, status });
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Headless Chromium with a fresh profile; `close()` also removes the profile. */
export async function launchChromium() {
  const userDataDir = await mkdtemp(join(tmpdir(), "contraforce-package-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url`, waits until the consumer reports (`window.__consumerResult` or `window.__consumerError`).
 * Console errors whose location contains one of `expectedFailures` (a lookup meant to 404, which Chromium logs)
 * are left out of `consoleErrors`.
 */
export async function runPage(context, url, { expectedFailures = [], timeoutMs = 60_000 } = {}) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location()?.url ?? "";
    if (!expectedFailures.some((id) => where.includes(id))) consoleErrors.push(`${message.text()} (${where})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  try {
    await page.goto(url, { timeout: timeoutMs });
    await page.waitForFunction(() => window.__consumerResult !== undefined || window.__consumerError !== undefined,
      undefined, { timeout: timeoutMs });
    const { result, error } = await page.evaluate(() => ({ result: window.__consumerResult, error: window.__consumerError }));
    const dom = await page.locator("#result").getAttribute("data-state");
    return { result, error, dom, consoleErrors };
  } finally {
    await page.close();
  }
}
