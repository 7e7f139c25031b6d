/**
 * Runs one fuzz target in this process (the parent, run.ts, watches it for hangs and crashes).
 * Usage: `node --import tsx fuzz/runTarget.ts <target> <cases> <seed> [path]`.
 * Prints `progress N` lines while it works and one `result {json}` line at the end.
 */

import { runCases } from "./runCases.js";
import { FUZZ_TARGETS } from "./targets/index.js";

const PROGRESS_EVERY = 25;

const [name, casesText, seedText, path] = process.argv.slice(2);
const target = FUZZ_TARGETS.find((t) => t.name === name);
if (target === undefined) throw new Error(`unknown fuzz target "${name}"`);
const outcome = await runCases(target, Number(casesText), Number(seedText), path, (n) => {
  if (n % PROGRESS_EVERY === 0) process.stdout.write(`progress ${n}\n`);
});
process.stdout.write(`result ${JSON.stringify(outcome)}\n`);
