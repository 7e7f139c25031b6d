/**
 * Fault injection: `deepunhide run` killed with SIGKILL at random moments, half of them inside
 * the write phase (triggered by the temporary output folder appearing). Afterwards, once the
 * next writer's recovery has run, the output folder holds one complete run (the previous or
 * the new one, never a mix) or nothing, and a half-written model folder never loads.
 */

import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelFormatError } from "../../src/errors.js";
import { recoverInterruptedReplace } from "../../src/io/atomic.js";
import { loadModelFolder } from "../../src/io/modelFolder.js";
import { createRng } from "../../src/util/rng.js";
import { killedCli } from "./killedCli.js";
import { runCli } from "./spawnCli.js";

const RUN = ["run", "--no-evaluation", "--k", "8", "--epochs", "3", "--quiet"];
const TRIALS = 8;

/** Seed of the complete run in `out` (results.json and model agree), or undefined if none. */
async function completeRunSeed(out: string): Promise<number | undefined> {
  const entries = await readdir(out).catch(() => undefined);
  if (entries === undefined) return undefined;
  const results = JSON.parse(await readFile(join(out, "results.json"), "utf8"));
  const model = await loadModelFolder(join(out, "model"));
  expect(model.manifest.config.seed).toBe(results.config.seed);
  return results.config.seed as number;
}

describe("a run killed mid-way", () => {
  it("leaves the previous complete output or the new one, never half of one", async () => {
    const parent = await mkdtemp(join(tmpdir(), "du-kill-"));
    const out = join(parent, "out");
    const first = runCli([...RUN, "--seed", "1", "--out", out]);
    expect(first.status, first.stderr).toBe(0);
    expect(await completeRunSeed(out)).toBe(1);

    const rng = createRng(20261204);
    const outcomes: Record<string, number> = {};
    let previous = 1;
    for (let trial = 0; trial < TRIALS; trial++) {
      const seed = 100 + trial;
      const when = trial % 2 === 0 ? "write" : Math.floor(rng.next() * 6000);
      const outcome = await killedCli(
        [...RUN, "--seed", String(seed), "--out", out],
        out,
        when,
        150,
      );
      for (const entry of await readdir(parent)) {
        if (entry === "out") continue;
        // A killed writer's leftovers: a model folder in them loads only if it is complete.
        await loadModelFolder(join(parent, entry, "model")).catch((error: unknown) =>
          expect(error).toBeInstanceOf(ModelFormatError),
        );
      }
      await recoverInterruptedReplace(out);
      expect((await readdir(parent)).filter((entry) => entry !== "out")).toEqual([]);
      const found = await completeRunSeed(out);
      expect([previous, seed]).toContain(found);
      const key = `${outcome}, ${found === seed ? "new" : "previous"} output`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      previous = found ?? previous;
    }
    console.log(`killed-run trials (${TRIALS}): ${JSON.stringify(outcomes)}`);
  }, 240_000);
});
