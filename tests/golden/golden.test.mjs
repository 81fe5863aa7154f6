// Golden TypeScript: the `.d.ts` the build generates is diffed against the committed copy in this directory, so a
// change to the package's public types is always a reviewed change. (Only wasm-bindgen's raw `InitOutput` members,
// renumbered by unrelated Rust changes, are left out of the comparison.)
//   UPDATE_GOLDEN=1 node --test tests/golden/   or   node tests/golden/update.mjs   accepts the new types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { BUILT, GOLDEN, ROOT, UPDATE_COMMAND, comparable, readBuilt } from "./dts.mjs";

/** `diff -u` of two texts, at most `maxLines` lines of it. */
async function unifiedDiff(expected, actual, maxLines = 80) {
  const dir = await mkdtemp(join(tmpdir(), "contraforce-golden-"));
  try {
    await writeFile(join(dir, "golden"), expected);
    await writeFile(join(dir, "built"), actual);
    const labels = ["--label", relative(ROOT, GOLDEN), "--label", relative(ROOT, BUILT)];
    const { stdout, error } = spawnSync("diff", ["-u", ...labels, join(dir, "golden"), join(dir, "built")], { encoding: "utf8" });
    if (error) {
      const a = expected.split("\n");
      const b = actual.split("\n");
      const line = a.findIndex((text, i) => text !== b[i]);
      return `first difference at line ${line + 1}:\n- ${a[line]}\n+ ${b[line]}`;
    }
    const lines = stdout.split("\n");
    return lines.length > maxLines ? [...lines.slice(0, maxLines), `... (${lines.length - maxLines} more lines)`].join("\n") : stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("pkg/contraforce_incident.d.ts matches the committed golden copy", async () => {
  const built = await readBuilt();
  if (process.env.UPDATE_GOLDEN === "1") {
    await writeFile(GOLDEN, built);
    console.log(`UPDATE_GOLDEN=1: wrote ${relative(ROOT, GOLDEN)}`);
    return;
  }
  const golden = await readFile(GOLDEN, "utf8");
  if (comparable(golden) === comparable(built)) return;
  assert.fail(
    `The package's generated TypeScript changed (- golden, + built):\n\n${await unifiedDiff(comparable(golden), comparable(built))}\n\n` +
      `If the change is intended, accept it with:\n  ${UPDATE_COMMAND}\nand commit ${relative(ROOT, GOLDEN)}.`,
  );
});
