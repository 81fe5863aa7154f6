// Bodies for the local ContraForce API (tests/support/mock-api.mjs): fixture files, RFC 7807
// problem documents shaped like the real API's, request ids, and the padded "big" incident.
// Node 20 built-ins only.

import { readFileSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { randomInt } from "node:crypto";
import { join } from "node:path";

export const JSON_TYPE = "application/json; charset=utf-8";
export const PROBLEM_TYPE = "application/problem+json";
export const HTML_TYPE = "text/html; charset=utf-8";

/** Fixture files under status: served verbatim when a fault asks for that status. */
export const STATUS_FIXTURES = Object.freeze({
  400: "problem_400_validation.json",
  401: "problem_401.json",
  403: "problem_403.json",
  404: "problem_404.json",
});

/** Stable API error codes the mock uses per status (the real API documents the first four). */
const CODES = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

const RFC9110 = {
  400: "15.5.1", 401: "15.5.2", 403: "15.5.4", 404: "15.5.5", 405: "15.5.6", 408: "15.5.9",
  409: "15.5.10", 500: "15.6.1", 502: "15.6.3", 503: "15.6.4", 504: "15.6.5",
};

/** Reads fixture files once and keeps them. */
export class Fixtures {
  #dir;
  #cache = new Map();

  constructor(dir) {
    this.#dir = dir;
  }

  /** The file's bytes (throws when the file does not exist). */
  buffer(name) {
    let b = this.#cache.get(name);
    if (!b) {
      b = readFileSync(join(this.#dir, name));
      this.#cache.set(name, b);
    }
    return b;
  }

  text(name) {
    return this.buffer(name).toString("utf8");
  }

  /** A fresh parsed copy, safe to modify. */
  json(name) {
    return JSON.parse(this.text(name));
  }
}

/**
 * Request ids shaped like ASP.NET's TraceIdentifier (`0HNLBAGCRD4RN:00000003`):
 * a random connection-like prefix per server, then a counter.
 */
export function requestIdFactory() {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
  let prefix = "0HN";
  for (let i = 0; i < 10; i++) prefix += alphabet[randomInt(32)];
  let n = 0;
  return () => `${prefix}:${(++n).toString(16).toUpperCase().padStart(8, "0")}`;
}

/** Now, as .NET writes a DateTimeOffset: 7 fractional digits and an explicit offset. */
export function dotnetNow() {
  return new Date().toISOString().replace(/\.(\d{3})Z$/, ".$10000+00:00");
}

/** Shortens caller-supplied text before it goes into a message. */
export function clip(value, max = 100) {
  const s = String(value);
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** The API's stable code for a status. */
export function codeFor(status) {
  return CODES[status] ?? `HTTP_${status}`;
}

/**
 * An ApiProblemDetails document in the real API's member order. `status` is sent as a string,
 * as the published schema allows. Members left undefined are omitted.
 */
export function problem(status, { type, title, detail, instance, code, requestId, target, errors } = {}) {
  const doc = {
    type: type ?? (RFC9110[status] ? `https://tools.ietf.org/html/rfc9110#section-${RFC9110[status]}` : undefined),
    title: title ?? STATUS_CODES[status] ?? "Error",
    status: String(status),
    detail,
    instance,
    code: code ?? codeFor(status),
    requestId,
    timestamp: dotnetNow(),
    target,
    errors,
  };
  for (const key of Object.keys(doc)) if (doc[key] === undefined) delete doc[key];
  return doc;
}

/** A problem document built on a fixture file, with fresh request id and timestamp. */
export function problemFromFixture(fixtures, name, overrides) {
  const doc = { ...fixtures.json(name), ...overrides, timestamp: dotnetNow() };
  for (const key of Object.keys(doc)) if (doc[key] === undefined) delete doc[key];
  return doc;
}

/** The request id a JSON body carries (`requestId`, `meta.requestId`), if any. */
export function bodyRequestId(body) {
  try {
    const doc = JSON.parse(Buffer.isBuffer(body) ? body.toString("utf8") : body);
    const id = doc?.requestId ?? doc?.meta?.requestId;
    return typeof id === "string" && /^[\x21-\x7e]{1,200}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

const DETAIL_MEMBERS = ["investigationDetails", "evidence", "gamebookCatalog"];

/**
 * The incident as `withDetails=false` returns it: the detail members sent as null, as a .NET server
 * does (only the members the fixture has; a fixture without any is returned unchanged).
 */
export function withoutDetails(text) {
  const doc = JSON.parse(text);
  const data = doc?.data;
  if (!data || !DETAIL_MEMBERS.some((k) => k in data)) return text;
  for (const k of DETAIL_MEMBERS) if (k in data) data[k] = null;
  return JSON.stringify(doc);
}

const bigCache = new Map();

/**
 * A valid incident envelope of exactly `bytes` bytes: the given incident JSON with extra evidence rows,
 * then spaces inside the rows array. When `bytes` is smaller than the compact incident, the compact
 * incident is returned as is.
 */
export function bigIncidentBody(incidentText, bytes) {
  const key = `${bytes}:${incidentText.length}`;
  const hit = bigCache.get(key);
  if (hit) return hit;
  const doc = JSON.parse(incidentText);
  doc.data ??= {};
  doc.data.evidence ??= { columns: ["TimeGenerated", "DeviceName", "Note", "Index", "Value", "Flag"], rows: [] };
  const rows = doc.data.evidence.rows ?? [];
  doc.data.evidence.rows = ["\u0000ROWS\u0000"];
  const [head, tail] = JSON.stringify(doc).split(JSON.stringify("\u0000ROWS\u0000"));
  const existing = rows.map((r) => JSON.stringify(r)).join(",");
  let size = Buffer.byteLength(head) + Buffer.byteLength(existing) + Buffer.byteLength(tail);
  if (size >= bytes) return Buffer.from(head + existing + tail);
  const parts = [existing];
  let sep = existing ? "," : "";
  for (let i = 0; ; i++) {
    const row = `${sep}["2026-04-15T19:52:31.0000000+00:00","WS-FIN-0042","padding row",${i},null,true]`;
    if (size + row.length > bytes) break;
    parts.push(row);
    size += row.length;
    sep = ",";
  }
  const body = Buffer.from(head + parts.join("") + " ".repeat(bytes - size) + tail);
  if (bigCache.size > 4) bigCache.clear();
  bigCache.set(key, body);
  return body;
}
