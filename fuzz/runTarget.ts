/**
 * Runs one fuzz target in this process (the parent, run.ts, watches it for hangs and crashes).
 * Usage: `node --import tsx fuzz/runTarget.ts <target> <cases> <seed> [path]`.
 * Prints `progress N` lines while it works and one `result {json}` line at the end.
 */

import fc from "fast-check";
import { isCleanRejection } from "./fuzzTarget.js";
import { FUZZ_TARGETS } from "./targets/index.js";

/** What the child reports to the parent. */
export interface TargetOutcome {
  readonly target: string;
  readonly cases: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly seed: number;
  /** fast-check's failure report (seed, path, shrunk counterexample, error), when one failed. */
  readonly failure?: string;
}

const PROGRESS_EVERY = 25;
const MAX_REPORT = 4000;

async function main(): Promise<void> {
  const [name, casesText, seedText, path] = process.argv.slice(2);
  const target = FUZZ_TARGETS.find((t) => t.name === name);
  if (target === undefined) throw new Error(`unknown fuzz target "${name}"`);
  const cases = Number(casesText);
  const seed = Number(seedText);
  await target.setup?.();
  let run = 0;
  let accepted = 0;
  let rejected = 0;
  let failure: string | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(target.input, async (input) => {
        run++;
        if (run % PROGRESS_EVERY === 0) process.stdout.write(`progress ${run}\n`);
        try {
          await target.run(input);
          accepted++;
        } catch (error) {
          const mustName =
            typeof target.mustName === "function" ? target.mustName(input) : target.mustName;
          if (isCleanRejection(error, mustName)) {
            rejected++;
            return;
          }
          throw error;
        }
      }),
      { numRuns: cases, seed, ...(path !== undefined ? { path } : {}) },
    );
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    const where = cause?.stack?.split("\n").slice(1, 3).join("\n") ?? "";
    const text = `${(error as Error).message}\nerror: ${cause?.name}: ${cause?.message}\n${where}`;
    const half = MAX_REPORT / 2;
    const shown =
      text.length > MAX_REPORT ? `${text.slice(0, half)}\n… (cut) …\n${text.slice(-half)}` : text;
    const replayPath = /path: "([^"]*)"/.exec(text)?.[1];
    failure = `${shown}\nreplay: FUZZ_SEED=${seed} FUZZ_PATH=${replayPath ?? "?"} npm run fuzz -- ${target.name}`;
  }
  const outcome: TargetOutcome = {
    target: target.name,
    cases: failure === undefined ? cases : run,
    accepted,
    rejected,
    seed,
    ...(failure !== undefined ? { failure } : {}),
  };
  process.stdout.write(`result ${JSON.stringify(outcome)}\n`);
}

await main();
