#!/usr/bin/env node
// Copies the freshly built pkg/contraforce_incident.d.ts over the committed golden copy, after a change to the
// package's TypeScript that is meant. Review the diff (`git diff tests/golden/`) before committing it.
//   node scripts/build.mjs && node tests/golden/update.mjs
import { writeFile } from "node:fs/promises";
import { relative } from "node:path";
import { BUILT, GOLDEN, ROOT, readBuilt } from "./dts.mjs";

await writeFile(GOLDEN, await readBuilt());
console.log(`${relative(ROOT, GOLDEN)} updated from ${relative(ROOT, BUILT)}`);
