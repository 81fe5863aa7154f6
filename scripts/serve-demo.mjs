#!/usr/bin/env node
// The demo page's static server: `www/` at `/`, the built package (`pkg/`) at `/pkg/`, and `/config.json`
// telling the page where the local API lives. Loopback only, GET/HEAD only, no directory traversal.
//
//   import { startDemoServer } from "./scripts/serve-demo.mjs";
//   const demo = await startDemoServer({ apiBaseUrl: "http://127.0.0.1:8787/api/v2" });
//   console.log(demo.url); ... await demo.close();
//
//   node scripts/serve-demo.mjs [--api URL] [--port N] [--host 127.0.0.1] [--pkg DIR]

import { createServer } from "node:http";
import { realpath, stat, readFile } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_API_BASE_URL = "http://127.0.0.1:8787/api/v2";

const MIME_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".cjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

// The page renders attacker-influenced data; the policy is a second line of defence behind textContent.
// 'wasm-unsafe-eval' lets the package compile its .wasm; connect-src is open because the user picks the API.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'none'",
  "connect-src 'self' http: https: data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** True for the host names and addresses this server may bind to. */
function isLoopbackHost(host) {
  if (host === "localhost") return true;
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare) === 4) return bare.startsWith("127.");
  if (isIP(bare) === 6) return bare === "::1";
  return false;
}

/** Checks that the API base URL is an absolute http(s) URL; returns it without trailing slashes. */
function normaliseApiBaseUrl(apiBaseUrl) {
  let parsed;
  try {
    parsed = new URL(apiBaseUrl);
  } catch {
    throw new TypeError(`apiBaseUrl must be an absolute URL, got ${JSON.stringify(apiBaseUrl)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`apiBaseUrl must use http: or https:, got ${parsed.protocol}`);
  }
  if (parsed.username || parsed.password) {
    throw new TypeError("apiBaseUrl must not carry credentials");
  }
  return parsed.href.replace(/\/+$/, "");
}

/**
 * Maps a request path to a file under one of the roots, or returns null (404) / "bad" (400).
 * Every segment is percent-decoded once and checked: `.`, `..`, empty-after-decoding separators,
 * backslashes and NUL are refused, so `/..%2f..%2fetc/passwd` and friends never leave the root.
 */
function resolveRequestPath(rawPath, roots) {
  const segments = rawPath.split("/").slice(1);
  const decoded = [];
  for (const segment of segments) {
    let value;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return "bad";
    }
    if (value === "." || value === ".." || /[/\\\0]/.test(value)) return "bad";
    decoded.push(value);
  }
  let root = roots.www;
  let rest = decoded;
  if (decoded[0] === "pkg") {
    root = roots.pkg;
    rest = decoded.slice(1);
  }
  const relative = rest.filter((s) => s !== "");
  const wantsDirectory = rest.length === 0 || rest[rest.length - 1] === "";
  const file = path.join(root, ...relative, ...(wantsDirectory ? ["index.html"] : []));
  if (file !== root && !file.startsWith(root + path.sep)) return "bad";
  return { root, file };
}

async function readInside(root, file) {
  // Resolve symlinks on both sides so a link inside www/ cannot point the server outside it.
  let realRoot;
  let realFile;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(file);
  } catch {
    return null;
  }
  if (realFile !== realRoot && !realFile.startsWith(realRoot + path.sep)) return null;
  const info = await stat(realFile);
  if (!info.isFile()) return null;
  return readFile(realFile);
}

function send(res, status, headers, body, isHead) {
  res.writeHead(status, {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(isHead ? undefined : body);
}

function sendText(res, status, text, isHead) {
  send(res, status, { "Content-Type": "text/plain; charset=utf-8" }, `${text}\n`, isHead);
}

/**
 * Starts the demo server.
 * @param {{ port?: number, host?: string, apiBaseUrl?: string, pkgDir?: string, wwwDir?: string }} [options]
 *   `pkgDir` (default: the repo's `pkg/`) is what `/pkg/` serves; point it at `www/dev-stub` to work on the page
 *   before the package is built.
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startDemoServer({
  port = 0,
  host = "127.0.0.1",
  apiBaseUrl = DEFAULT_API_BASE_URL,
  pkgDir = path.join(REPO_ROOT, "pkg"),
  wwwDir = path.join(REPO_ROOT, "www"),
} = {}) {
  if (!isLoopbackHost(host)) {
    throw new Error(`the demo server listens on loopback only (127.0.0.0/8, ::1, localhost), not ${host}`);
  }
  const roots = { www: path.resolve(wwwDir), pkg: path.resolve(pkgDir) };
  const config = JSON.stringify({ apiBaseUrl: normaliseApiBaseUrl(apiBaseUrl) }, null, 2);

  const server = createServer(async (req, res) => {
    const isHead = req.method === "HEAD";
    try {
      if (req.method !== "GET" && !isHead) {
        send(res, 405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }, "Method Not Allowed\n", isHead);
        return;
      }
      const rawPath = (req.url ?? "/").split(/[?#]/, 1)[0];
      if (!rawPath.startsWith("/")) {
        sendText(res, 400, "Bad Request", isHead);
        return;
      }
      if (rawPath === "/config.json") {
        send(res, 200, { "Content-Type": MIME_TYPES[".json"] }, config, isHead);
        return;
      }
      const target = resolveRequestPath(rawPath, roots);
      if (target === "bad") {
        sendText(res, 400, "Bad Request", isHead);
        return;
      }
      const body = await readInside(target.root, target.file);
      if (body === null) {
        sendText(res, 404, "Not Found", isHead);
        return;
      }
      const type = MIME_TYPES[path.extname(target.file).toLowerCase()] ?? "application/octet-stream";
      const headers = { "Content-Type": type };
      if (type.startsWith("text/html")) headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY;
      send(res, 200, headers, body, isHead);
    } catch {
      if (!res.headersSent) sendText(res, 500, "Internal Server Error", isHead);
      else res.destroy();
    }
  });

  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address();
  const shownHost = isIP(address.address) === 6 ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}/`;

  let closing = null;
  function close() {
    closing ??= new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  }

  return { url, close };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--api":
        options.apiBaseUrl = value();
        break;
      case "--port":
        options.port = Number(value());
        break;
      case "--host":
        options.host = value();
        break;
      case "--pkg":
        options.pkgDir = path.resolve(value());
        break;
      case "-h":
      case "--help":
        options.help = true;
        break;
      default:
        throw new Error(`unknown argument ${arg} (try --help)`);
    }
  }
  return options;
}

async function main() {
  const { help, ...options } = parseArgs(process.argv.slice(2));
  if (help) {
    process.stdout.write(
      "usage: node scripts/serve-demo.mjs [--api URL] [--port N] [--host 127.0.0.1] [--pkg DIR]\n" +
        `  --api   the API base URL the page's Sample button uses (default ${DEFAULT_API_BASE_URL})\n` +
        "  --port  port to listen on (default: any free port)\n" +
        "  --pkg   directory served at /pkg/ (default: the repo's pkg/)\n",
    );
    return;
  }
  const demo = await startDemoServer(options);
  process.stdout.write(`Demo page: ${demo.url}\n`);
  const stop = () => demo.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error) => {
    process.stderr.write(`serve-demo: ${error.message}\n`);
    process.exit(1);
  });
}
