// Copies the latest bench/results.md tables into the README's performance section (between the bench markers),
// keeping the section's own prose: `node scripts/lib/readme-bench.mjs` after `npm run bench`.
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const results = readFileSync(new URL("bench/results.md", root), "utf8");
const readme = readFileSync(new URL("README.md", root), "utf8");

const machine = /^Machine: (.+?)\s*$/m.exec(results)?.[1];
if (!machine) throw new Error("bench/results.md has no Machine line: run `npm run bench` first");
const section = (title) => {
  const match = new RegExp(`^## ${title}\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, "m").exec(results);
  if (!match) throw new Error(`bench/results.md has no "## ${title}" section`);
  return `#### ${title}\n${match[1].trimEnd()}\n`;
};
const tables = ["Decode in Node", "Decode in headless Chromium", "Start-up, size, memory"].map(section).join("\n");

const start = readme.indexOf("<!-- bench:start -->");
const end = readme.indexOf("<!-- bench:end -->");
const firstTable = readme.indexOf("#### Decode in Node", start);
if (start < 0 || end < 0 || firstTable < 0 || firstTable > end) throw new Error("README.md lacks the bench markers");
const prose = readme.slice(start, firstTable).replace(/^(Measured by `npm run bench` .*? on ).+$/m, `$1${machine}`);
writeFileSync(new URL("README.md", root), `${readme.slice(0, start)}${prose}${tables}${readme.slice(end)}`);
console.log("README.md performance section updated from bench/results.md");
