/**
 * Runs the cases of one fuzz target and judges each (see fuzzTarget.ts). Split from
 * runTarget.ts, the child-process entry, so the harness itself can be tested.
 */

import fc from "fast-check";
import { type FuzzTarget, isCleanRejection } from "./fuzzTarget.js";

/** What one target's run found. */
export interface TargetOutcome {
  readonly target: string;
  readonly cases: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly seed: number;
  /** fast-check's failure report (seed, path, shrunk counterexample, error) and a replay command. */
  readonly failure?: string;
}

const MAX_REPORT = 4000;

/**
 * Runs `cases` cases of `target` from `seed` (or replays one failure with `path`), calling
 * `onCase` with the case number before each.
 */
export async function runCases<T>(
  target: FuzzTarget<T>,
  cases: number,
  seed: number,
  path?: string,
  onCase: (n: number) => void = () => {},
): Promise<TargetOutcome> {
  await target.setup?.();
  let run = 0;
  let accepted = 0;
  let rejected = 0;
  let failure: string | undefined;
  try {
    await fc.assert(
      fc.asyncProperty(target.input, async (input) => {
        run++;
        onCase(run);
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
  return {
    target: target.name,
    cases: failure === undefined ? cases : run,
    accepted,
    rejected,
    seed,
    ...(failure !== undefined ? { failure } : {}),
  };
}
