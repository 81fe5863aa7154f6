// Deterministic generator of realistic "Get incident by id" response bodies for the benchmark.
//
//   import { generateBody, BODIES } from "./generate.mjs";
//   const bytes = generateBody({ targetBytes: 100 * 1024, seed: 42, escapeNonAscii: false });
//
// CLI: `node bench/generate.mjs [--seed N] [--out DIR]` writes every body of BODIES into bench/out/.
//
// The same seed always gives the same bytes (own PRNG, fixed clock, no Math.random, no Date.now). Bodies grow by
// adding whole records in a fixed rotation (incident entities, investigation entities, alerts, comments, evidence
// rows, playbooks) until the serialised size reaches the target, so every size has every kind of record.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import {
  EVIDENCE_COLUMNS, alert, comment, evidenceRow, gamebook, incident, incidentEntity, intOrString, investigationEntity,
  playbook,
} from "./gen-records.mjs";
import { BASE_MS, ENTITY_TYPES, Rng, SOURCES, isoParts, mulberry32, pad } from "./gen-strings.mjs";

export const DEFAULT_SEED = 20260415;

const KiB = 1024;
const MiB = 1024 * 1024;

/** The bodies the benchmark runs on, smallest first. Sizes are binary: 1 MB here is 1 MiB. */
export const BODIES = [
  { id: "6k", label: "6 KB", targetBytes: 6 * KiB, escapeNonAscii: false },
  { id: "100k", label: "100 KB", targetBytes: 100 * KiB, escapeNonAscii: false },
  { id: "1m", label: "1 MB", targetBytes: 1 * MiB, escapeNonAscii: false },
  { id: "10m", label: "10 MB", targetBytes: 10 * MiB, escapeNonAscii: false },
  { id: "1m-escaped", label: "1 MB \\u-escaped", targetBytes: 1 * MiB, escapeNonAscii: true },
];

// ---------------------------------------------------------------------------------------------------------------
// Serialisation

/**
 * JSON as System.Text.Json writes it with its default encoder: every non-ASCII UTF-16 unit as `\uXXXX` (upper-case
 * hex, surrogate pairs as two escapes), and the HTML-sensitive characters `"<>&'+\`` escaped too.
 */
export function escapeLikeDotNet(json) {
  return json
    .replace(/\\"|\\\\/g, (m) => (m === '\\"' ? "\\u0022" : m))
    .replace(/[<>&'+`\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

const encoder = new TextEncoder();

function serializer(escapeNonAscii) {
  return escapeNonAscii ? (v) => escapeLikeDotNet(JSON.stringify(v)) : (v) => JSON.stringify(v);
}

function byteLength(s) {
  return Buffer.byteLength(s, "utf8");
}

// ---------------------------------------------------------------------------------------------------------------
// Body

/** The body as a JS value, with the bookkeeping needed to grow it. */
function buildBody({ targetBytes, seed, escapeNonAscii }) {
  const rng = new Rng(seed);
  const source = rng.pick(SOURCES.slice(0, 2));
  const ctx = {
    source,
    subscription: rng.guid(),
    tenantId: rng.guid(),
    workspaceId: rng.guid(),
    workspaceName: `law-${rng.pick(["contoso", "fabrikam", "northwind"])}-prod-${rng.int(10)}`,
    incidentGuid: rng.guid(),
    number: rng.range(1000, 99999),
    title: rng.pick([
      "Multi-stage incident involving Initial access & Execution on multiple endpoints reported by multiple sources",
      "Verdächtige Anmeldungen und Massen-Download – mehrere Benutzer betroffen",
      "Ransomware activity on one endpoint (\"svchost.exe\" from C:\\ProgramData)",
      "メールによるフィッシング攻撃 – 複数のユーザー",
    ]),
  };

  const incidentEntities = [];
  const invEntities = [];
  const alerts = [];
  const comments = [];
  const rows = [];
  // A small body is a small incident: no repeated incident in the details, one gamebook instead of three.
  const small = targetBytes < 16 * KiB;
  const top = incident(rng, ctx, incidentEntities);
  const detailIncident = small ? rng.missing() : incident(rng, ctx, rng.missing());
  const gamebooks = [
    small ? null : gamebook(rng, ctx, "AI recommended response"),
    small ? null : gamebook(rng, ctx, "Service provider: contain & notify"),
    gamebook(rng, ctx, "Último gamebook ejecutado"),
  ];
  const body = {
    data: {
      source,
      incident: top,
      investigationDetails: { entities: invEntities, alerts, incident: detailIncident, incidentComment: comments },
      evidence: { columns: EVIDENCE_COLUMNS, rows },
      gamebookCatalog: {
        recommended: small ? rng.missing() : { aiGamebook: gamebooks[0], serviceProviderGamebook: gamebooks[1] },
        lastGamebook: gamebooks[2],
        isPreviousRunAvailable: true,
        isRecommendedAvailable: !small,
        aiRecommendedAvailable: !small,
        serviceProviderRecommendedAvailable: !small && rng.chance(0.7),
      },
    },
    meta: {
      requestId: `00-${rng.hex(32)}-${rng.hex(16)}-00`,
      timestamp: `${isoParts(BASE_MS)}.${pad(rng.int(10_000_000), 7)}+00:00`,
    },
  };

  const serialize = serializer(escapeNonAscii);
  // The counts are not known until the end: reserve their widest form now so the size estimate holds.
  top.alertsCount = "0000000";
  if (detailIncident) detailIncident.alertsCount = "0000000";
  let size = byteLength(serialize(body));
  const add = (list, item) => {
    size += byteLength(serialize(item)) + (list.length > 0 ? 1 : 0);
    list.push(item);
  };

  // One rotation adds a bit of everything; it repeats until the body reaches its target size.
  let typeIndex = rng.int(ENTITY_TYPES.length);
  let cycle = 0;
  let sequence = 0;
  do {
    add(incidentEntities, incidentEntity(rng, ENTITY_TYPES[typeIndex++ % ENTITY_TYPES.length]));
    if (size >= targetBytes) break;
    add(invEntities, investigationEntity(rng, ENTITY_TYPES[typeIndex++ % ENTITY_TYPES.length]));
    if (size >= targetBytes) break;
    if (cycle % 3 === 0) {
      const owners = gamebooks.filter(Boolean);
      add(owners[sequence % owners.length].playbooks, playbook(rng, sequence + 1));
      sequence++;
    }
    if (size >= targetBytes) break;
    add(alerts, alert(rng));
    if (size >= targetBytes) break;
    add(rows, evidenceRow(rng));
    if (size >= targetBytes) break;
    if (cycle % 2 === 0) add(comments, comment(rng));
    cycle++;
  } while (size < targetBytes);

  top.alertsCount = intOrString(rng, alerts.length);
  if (detailIncident) detailIncident.alertsCount = intOrString(rng, alerts.length);
  return { body, serialize };
}

export { mulberry32 };

/**
 * A response body of about `targetBytes` bytes (UTF-8), the same bytes for the same arguments.
 * @param {{ targetBytes: number, seed?: number, escapeNonAscii?: boolean }} options
 * @returns {Uint8Array}
 */
export function generateBody({ targetBytes, seed = DEFAULT_SEED, escapeNonAscii = false }) {
  if (!Number.isFinite(targetBytes) || targetBytes <= 0) throw new RangeError("targetBytes must be a positive number");
  const { body, serialize } = buildBody({ targetBytes, seed: seed >>> 0, escapeNonAscii });
  return encoder.encode(serialize(body));
}

/** Counts of the records in a decoded body, for the report. */
export function describeBody(value) {
  const d = value?.data ?? {};
  const inv = d.investigationDetails ?? {};
  const gc = d.gamebookCatalog ?? {};
  const gamebooks = [gc.recommended?.aiGamebook, gc.recommended?.serviceProviderGamebook, gc.lastGamebook];
  const entityTypes = new Set([...(d.incident?.entities ?? []), ...(inv.entities ?? [])].map((e) => e.type));
  return {
    incidentEntities: d.incident?.entities?.length ?? 0,
    investigationEntities: inv.entities?.length ?? 0,
    entityTypes: entityTypes.size,
    alerts: inv.alerts?.length ?? 0,
    comments: inv.incidentComment?.length ?? 0,
    evidenceRows: d.evidence?.rows?.length ?? 0,
    playbooks: gamebooks.reduce((n, g) => n + (g?.playbooks?.length ?? 0), 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const args = { seed: DEFAULT_SEED, out: resolve(dirname(fileURLToPath(import.meta.url)), "out") };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--seed") args.seed = Number(argv[++i]);
    else if (argv[i] === "--out") args.out = resolve(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (usage: node bench/generate.mjs [--seed N] [--out DIR])`);
  }
  if (!Number.isInteger(args.seed)) throw new Error("--seed takes an integer");
  return args;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { seed, out } = parseArgs(process.argv.slice(2));
  mkdirSync(out, { recursive: true });
  for (const b of BODIES) {
    const bytes = generateBody({ targetBytes: b.targetBytes, seed, escapeNonAscii: b.escapeNonAscii });
    const file = join(out, `incident-${b.id}.json`);
    writeFileSync(file, bytes);
    const counts = describeBody(JSON.parse(new TextDecoder().decode(bytes)));
    console.log(`${file}: ${bytes.length} bytes (target ${b.targetBytes}), ${JSON.stringify(counts)}`);
  }
}
