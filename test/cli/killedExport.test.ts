/**
 * Fault injection for the factor export: `deepunhide export` killed with SIGKILL at random
 * moments (half of them once its temporary folder appears). Afterwards, once the next writer's
 * recovery has run, the output holds one complete export (the previous or the new one), which
 * imports back to exactly that model's factors.
 */

import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recoverInterruptedReplace } from "../../src/io/atomic.js";
import { importFactors } from "../../src/io/importFactors.js";
import { loadModelFolder } from "../../src/io/modelFolder.js";
import { createRng } from "../../src/util/rng.js";
import { killedCli } from "./killedCli.js";
import { runCli } from "./spawnCli.js";

const TRIALS = 8;
const SMALL = ["--no-evaluation", "--k", "8", "--epochs", "3", "--quiet", "--relevancy", "paper"];

describe("a factor export killed mid-way", () => {
  it("leaves the previous complete export or the new one", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-kill-export-"));
    const models: Record<string, Float32Array> = {};
    for (const seed of ["1", "2"]) {
      const run = runCli(["run", ...SMALL, "--seed", seed, "--out", join(root, `run-${seed}`)]);
      expect(run.status, run.stderr).toBe(0);
      models[seed] = (await loadModelFolder(join(root, `run-${seed}`, "model"))).userFactors;
    }
    const parent = join(root, "exports");
    const out = join(parent, "out");
    const first = runCli([
      "export",
      "--model",
      join(root, "run-1", "model"),
      "--format",
      "spark",
      "--out",
      out,
    ]);
    expect(first.status, first.stderr).toBe(0);

    const rng = createRng(4);
    const outcomes: Record<string, number> = {};
    for (let trial = 0; trial < TRIALS; trial++) {
      const source = trial % 2 === 0 ? "2" : "1";
      const when = trial % 2 === 0 ? "write" : Math.floor(rng.next() * 2500);
      const outcome = await killedCli(
        [
          "export",
          "--model",
          join(root, `run-${source}`, "model"),
          "--format",
          "spark",
          "--out",
          out,
        ],
        out,
        when,
        60,
      );
      await recoverInterruptedReplace(out);
      expect((await readdir(parent)).filter((entry) => entry !== "out")).toEqual([]);
      const back = await importFactors(out, { format: "spark" });
      const which = Object.entries(models).find(([, factors]) =>
        factors.every((v, i) => Object.is(v, back.factors.userFactors[i])),
      )?.[0];
      expect(which, `trial ${trial}`).toBeDefined();
      const key = `${outcome}, ${which === source ? "new" : "previous"} export`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
    console.log(`killed-export trials (${TRIALS}): ${JSON.stringify(outcomes)}`);
  }, 240_000);
});
