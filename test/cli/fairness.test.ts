import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import { writeSmallModel } from "../apply/smallModel.js";
import { runCli } from "./spawnCli.js";

describe("deepunhide fairness", () => {
  let dir: string;
  let result: PipelineResult;

  beforeAll(async () => {
    ({ dir, result } = await writeSmallModel());
  }, 60_000);

  const ageSweep = (alphas: string) => [
    "fairness",
    "--model",
    dir,
    "--attribute",
    "age",
    "--alphas",
    alphas,
    "--json",
  ];

  it("prints one row per α, the plain held-out model at α = 0, as JSON and as a table", () => {
    const run = runCli(ageSweep("0,1,2.5"));
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.attribute).toBe("age");
    expect(document.groups).toEqual({ majority: "young", minority: "senior" });
    expect(document.config.group).toBe("minority");
    expect(document.rows.map((r: { alpha: number }) => r.alpha)).toEqual([0, 1, 2.5]);
    expect(document.rows[0].rmse.overall).toBeCloseTo(result.mf.rmse.test, 10);
    expect(document.heldOut.ratings).toBe(result.mf.testRatings);
    for (const row of document.rows) {
      for (const lists of ["allLists", "minorityLists", "majorityLists"]) {
        const e = row.exposure[lists];
        expect(e.minorityLeaning.exposureShare + e.majorityLeaning.exposureShare).toBeCloseTo(
          1,
          10,
        );
      }
      expect(row.rmse.difference).toBeCloseTo(Math.abs(row.rmse.majority - row.rmse.minority), 12);
    }
    const text = runCli(["fairness", "--model", dir, "--group", "majority"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Re-weighting toward the male factors \(gender\)/);
    expect(text.stdout.split("\n").filter((l) => /^ {2}[0-9]/.test(l))).toHaveLength(4);
  });

  it("runs the archetype shift with --method shift: the plain model at α = 0, Beyond-Parity value unchanged", () => {
    const args = ageSweep("0,0.5,2");
    const paper = runCli(args);
    const shift = runCli([...args, "--method", "shift"]);
    expect(shift.status, shift.stderr).toBe(0);
    const [p, s] = [JSON.parse(paper.stdout), JSON.parse(shift.stdout)];
    expect(p.config.method).toBe("reweight");
    expect(s.config.method).toBe("shift");
    expect(s.rows[0]).toEqual(p.rows[0]);
    for (const row of s.rows) {
      expect(row.beyondParity.value).toBeCloseTo(s.rows[0].beyondParity.value, 9);
    }
    // A lever that changed nothing would leave the RMSE where it was.
    expect(s.rows[2].rmse.overall).not.toBeCloseTo(s.rows[0].rmse.overall, 6);
    const text = runCli(["fairness", "--model", dir, "--method", "shift"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /^Shifting every user toward the female archetype \(gender, beyond the paper\)/,
    );
  });

  it("ends α out of range, a bad list, an unknown attribute or group in one line", () => {
    const cases: [string[], RegExp][] = [
      [["--alphas", "0,6"], /alpha must be a number in \[0, 5\], got 6/],
      [["--alphas", "-0.5"], /alpha must be a number in \[0, 5\]/],
      [["--alphas", "0,x"], /--alphas must be comma-separated numbers/],
      [["--attribute", "height"], /unknown attribute "height"/],
      [["--group", "everyone"], /Allowed choices/],
      [["--method", "tilt"], /Allowed choices are reweight, shift/],
    ];
    for (const [args, pattern] of cases) {
      const run = runCli(["fairness", "--model", dir, ...args]);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("says how to get held-out data from a folder written before it existed", async () => {
    const manifestPath = join(dir, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    for (const name of ["held-out-user.npy", "held-out-item.npy", "held-out-value.npy"]) {
      delete manifest.files[name];
      await rm(join(dir, name));
    }
    await writeFile(manifestPath, JSON.stringify(manifest));
    const run = runCli(["fairness", "--model", dir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/has no held-out ratings .* rerun deepunhide run/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
  });
});
