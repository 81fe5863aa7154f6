// Turning results into bench/results.json and bench/results.md, and judging them against the targets of issue 6.
import { writeFileSync } from "node:fs";

import { RESULTS_JSON, RESULTS_MD } from "./common.mjs";

const KiB = 1024;
const MiB = 1024 * 1024;

/** The targets of issue 6. Speed targets are reported, never enforced: speed depends on the machine. */
export const TARGETS = {
  vsFloor: 1.2, // decode time at most 1.2x TextDecoder + JSON.parse, for bodies of 100 KB and more
  wasmGzipBytes: 90 * KiB,
  coldStartMs: 10,
};

function ms(v) {
  if (v == null || !Number.isFinite(v)) return "n/a";
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

function bytes(n) {
  if (n == null) return "n/a";
  if (n >= MiB) return `${(n / MiB).toFixed(2)} MiB`;
  if (n >= KiB) return `${(n / KiB).toFixed(1)} KiB`;
  return `${n} B`;
}

function ratio(v, iqr) {
  if (v == null) return "";
  return iqr && iqr[0] !== iqr[1] ? `${v.toFixed(2)}× (${iqr[0].toFixed(2)}–${iqr[1].toFixed(2)})` : `${v.toFixed(2)}×`;
}

function yes(ok) {
  return ok == null ? "n/a" : ok ? "yes" : "**no**";
}

function methodLabel(results, id) {
  const m = results.methods?.find((x) => x.id === id);
  return m ? `(${id}) ${m.label}` : `(${id})`;
}

function bodyLabel(results, id) {
  const b = results.bodies?.find((x) => x.id === id);
  return b ? `${b.label} (${bytes(b.bytes)})` : id;
}

function throughputTable(results, rows, { zod }) {
  const head = ["body", "method", "median ms", "IQR ms", "MB/s", "vs floor (a)"];
  if (zod) head.push("vs zod (b)");
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i < 2 ? "---" : "---:")).join("|")}|`];
  let previous = null;
  for (const r of rows) {
    const cells = [
      r.body === previous ? "" : bodyLabel(results, r.body),
      methodLabel(results, r.method),
      ms(r.medianMs),
      `${ms(r.q1Ms)}–${ms(r.q3Ms)}`,
      r.mbPerS.toFixed(r.mbPerS >= 100 ? 0 : 1),
      r.method === "a" ? "1" : ratio(r.vsFloor, r.vsFloorIqr),
    ];
    if (zod) cells.push(r.method === "b" ? "1" : ratio(r.vsZod, r.vsZodIqr));
    lines.push(`| ${cells.join(" | ")} |`);
    previous = r.body;
  }
  return lines.join("\n");
}

/** Each target of issue 6 with the measured value and whether it is met (null when not measured). */
export function evaluateTargets(results) {
  const out = [];
  const big = ["100k", "1m", "10m", "1m-escaped"];
  const find = (list, body, method) => list?.find((r) => r.body === body && r.method === method);
  for (const [where, list] of [["Node", results.node?.results], ["Chromium", results.browser?.results]]) {
    if (!list) continue;
    for (const body of big) {
      const r = find(list, body, "c");
      if (!r) continue;
      out.push({
        target: `decode ≤ ${TARGETS.vsFloor}× floor, ${bodyLabel(results, body)}, ${where}`,
        measured: ratio(r.vsFloor),
        met: r.vsFloor <= TARGETS.vsFloor,
      });
    }
  }
  for (const body of results.bodies ?? []) {
    const r = find(results.node?.results, body.id, "c");
    if (!r || r.vsZod == null) continue;
    out.push({ target: `decode faster than zod, ${bodyLabel(results, body.id)}, Node`, measured: ratio(r.vsZod), met: r.vsZod < 1 });
  }
  if (results.wasmSize?.length) {
    const worst = results.wasmSize.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    out.push({ target: `.wasm ≤ ${bytes(TARGETS.wasmGzipBytes)} gzip`, measured: `${bytes(worst.gzip)} (${worst.file})`, met: worst.gzip <= TARGETS.wasmGzipBytes });
  } else if (results.wasmSize) {
    out.push({ target: `.wasm ≤ ${bytes(TARGETS.wasmGzipBytes)} gzip`, measured: "no .wasm found", met: null });
  }
  if (results.coldStart && !results.coldStart.error) {
    out.push({ target: `cold start < ${TARGETS.coldStartMs} ms, Node`, measured: `${ms(results.coldStart.medianMs)} ms`, met: results.coldStart.medianMs < TARGETS.coldStartMs });
  }
  const mem = results.wasmMemory;
  if (mem && !mem.error) {
    const first = mem.afterFirstDecodeBytes;
    const last = mem.afterFurtherDecodesBytes;
    out.push({
      target: "wasm memory after the 10 MB decode ≤ body size",
      measured: first == null ? "n/a (not exposed)" : `${bytes(first)} for a ${bytes(mem.bodyBytes)} body`,
      met: first == null ? null : first <= mem.bodyBytes,
    });
    out.push({
      target: `wasm memory flat over ${mem.furtherDecodes} further decodes`,
      measured: first == null ? "n/a (not exposed)" : `${bytes(first)} → ${bytes(last)}`,
      met: first == null ? null : last <= first,
    });
  }
  return out;
}

export function renderMarkdown(results) {
  const m = results.machine ?? {};
  const parts = [];
  parts.push("# Benchmark results");
  parts.push("");
  const browserVersion = results.browser?.chromium ? ` · ${results.browser.chromium}` : "";
  parts.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os} · Node ${m.node} (V8 ${m.v8})${browserVersion} · ` +
      `${results.date?.slice(0, 10)}  `,
  );
  const pkg = results.package ?? {};
  parts.push(
    `Package: ${pkg.name ?? "?"} ${pkg.version ?? ""} · ${results.mode} run, seed ${results.seed}` +
      (results.node ? `, ${results.node.rounds} interleaved rounds in ${results.node.timingSeconds} s` : ""),
  );
  parts.push("");
  parts.push("Times are per decode of the whole body: median and interquartile range over rounds. MB/s is 10⁶ bytes/s at the " +
    "median. The “vs” columns are time relative to the floor (a) or to zod (b) on the same bytes, lower is faster: in each " +
    "round, this method's sample over the other's sample of the same round; median (and quartiles) over rounds.");

  const eq = results.equivalence ?? [];
  if (eq.length) {
    parts.push("");
    const bad = eq.filter((e) => !e.equal || !e.clientEqual || e.error);
    if (bad.length === 0) {
      parts.push("Same values: zod (b), `decodeIncidentResponse` (c) and `getIncident` (d) gave deep-equal results on every body.");
    } else {
      parts.push("**Results differ** (so the comparison is not like with like):");
      parts.push("");
      for (const e of bad) {
        if (e.error) parts.push(`- ${bodyLabel(results, e.body)}: ${e.error}`);
        for (const d of e.differences) parts.push(`- ${bodyLabel(results, e.body)} \`${d.path}\`: zod ${d.expected}, decoder ${d.actual}`);
        for (const d of e.clientDifferences ?? []) parts.push(`- ${bodyLabel(results, e.body)} \`${d.path}\`: decoder ${d.expected}, client ${d.actual}`);
      }
    }
  }

  if (results.node?.results?.length) {
    parts.push("", "## Decode in Node", "");
    parts.push(throughputTable(results, results.node.results, { zod: true }));
  }

  const br = results.browser;
  if (br?.results?.length) {
    parts.push("", "## Decode in headless Chromium", "");
    parts.push(`${br.chromium ?? "Chromium"}, ${br.rounds} interleaved rounds in ${br.timingSeconds} s` +
      (br.sameAsNode == null ? "." : br.sameAsNode ? "; decoded values identical to Node's." : "; **decoded values differ from Node's**."));
    parts.push("");
    parts.push(throughputTable(results, br.results, { zod: false }));
  } else if (br?.skipped) {
    parts.push("", `Headless Chromium: skipped (${br.skipped}).`);
  } else if (br?.error) {
    parts.push("", "## Decode in headless Chromium", "", "Failed:", "", "```", br.error, "```");
  }

  parts.push("", "## Start-up, size, memory", "", "| measure | value |", "|---|---|");
  const cs = results.coldStart;
  if (cs?.error) parts.push(`| cold start | failed: ${cs.error.split("\n")[0]} |`);
  else if (cs) {
    parts.push(`| cold start: fresh \`node\`, import \`pkg/node.js\` → first decoded 6 KB body (median of ${cs.runs}) | ` +
      `${ms(cs.medianMs)} ms (IQR ${ms(cs.q1Ms)}–${ms(cs.q3Ms)}); ${ms(cs.processStartToResultMedianMs)} ms from process start |`);
  }
  for (const w of results.wasmSize ?? []) {
    parts.push(`| \`${w.file}\` size | ${bytes(w.raw)} raw · ${bytes(w.gzip)} gzip -9 · ${bytes(w.brotli)} brotli -q 11 |`);
  }
  if (results.wasmSize && results.wasmSize.length === 0) parts.push("| .wasm size | no .wasm file in the package |");
  const mem = results.wasmMemory;
  if (mem?.error) parts.push(`| wasm memory | failed: ${mem.error.split("\n")[0]} |`);
  else if (mem) {
    if (mem.afterFirstDecodeBytes == null) {
      parts.push("| wasm linear memory | n/a (the package exports neither `wasmMemoryBytes()` nor the wasm memory) |");
    } else {
      parts.push(`| wasm linear memory after import (fresh process) | ${bytes(mem.afterImportBytes)} via \`${mem.source}\` |`);
      parts.push(`| … after decoding the 10 MB body (${bytes(mem.bodyBytes)}) | ${bytes(mem.afterFirstDecodeBytes)} |`);
      parts.push(`| … after ${mem.furtherDecodes} further decodes | ${bytes(mem.afterFurtherDecodesBytes)} ` +
        `(${mem.series.map((s) => `${s.furtherDecodes}: ${bytes(s.bytes)}`).join(", ")}) |`);
      if (mem.benchProcessBytes != null) parts.push(`| … in the bench process, after all timing rounds | ${bytes(mem.benchProcessBytes)} |`);
    }
  }
  const rss = results.peakRss;
  if (rss) {
    if (rss.decoderChildBytes != null) {
      parts.push(`| peak RSS, fresh process decoding the 10 MB body ${rss.repeats + 1}× with the package | ${bytes(rss.decoderChildBytes)} |`);
      parts.push(`| peak RSS, fresh process doing the same with TextDecoder + JSON.parse | ${bytes(rss.floorChildBytes)} |`);
    }
    parts.push(`| peak RSS of the bench process (all bodies, zod, package) | ${bytes(rss.benchProcessBytes)} |`);
  }

  const targets = evaluateTargets(results);
  if (targets.length) {
    parts.push("", "## Targets (issue 6)", "", "| target | measured | met |", "|---|---:|---|");
    for (const t of targets) parts.push(`| ${t.target} | ${t.measured} | ${yes(t.met)} |`);
  }

  if (results.bodies?.length) {
    parts.push("", "## Bodies", "", "| body | bytes | incident entities | investigation entities | alerts | comments | evidence rows | playbooks |", "|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const b of results.bodies) {
      const c = b.counts ?? {};
      parts.push(`| ${b.label} | ${b.bytes} | ${c.incidentEntities} | ${c.investigationEntities} | ${c.alerts} | ${c.comments} | ${c.evidenceRows} | ${c.playbooks} |`);
    }
  }
  return `${parts.join("\n")}\n`;
}

export function writeResults(results) {
  results.targets = evaluateTargets(results);
  writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(RESULTS_MD, renderMarkdown(results));
}

export function printSummary(results) {
  process.stdout.write(`\n${renderMarkdown(results)}`);
}
