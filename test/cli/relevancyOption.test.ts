import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./spawnCli.js";

const fast = ["--k", "20", "--epochs", "8", "--attributes", "gender", "--no-evaluation"];

// Issue 7: the relevancy behind the ranking is a CLI option.
describe("deepunhide run --relevancy", () => {
  it("ranks by the contrast-IG ensemble, reports its uncertainty, and keeps the paper's archetypes", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-rel-"));
    const paper = runCli([
      "run",
      ...fast,
      "--relevancy",
      "paper",
      "--json",
      "--out",
      join(root, "p"),
    ]);
    expect(paper.status, paper.stderr).toBe(0);
    // The default relevancy is the ensemble's; only the number of members is set here.
    const args = ["--relevancy-members", "3"];
    const ensemble = runCli(["run", ...fast, ...args, "--json", "--out", join(root, "e")]);
    expect(ensemble.status, ensemble.stderr).toBe(0);
    const p = JSON.parse(paper.stdout).attributes.gender;
    const e = JSON.parse(ensemble.stdout).attributes.gender;
    expect(p.relevancyMethod).toBe("paper");
    expect(p.relevancyUncertainty).toBeUndefined();
    expect(e.relevancyMethod).toBe("contrast-ig-ensemble");
    expect(e.relevancyUncertainty.members).toBe(3);
    expect(e.archetypes).toEqual(p.archetypes);
    expect(e.relevancy).not.toEqual(p.relevancy);
    expect(e.relevancy[e.ranking[0]]).toBe(1);
    const human = runCli(["run", ...fast, ...args, "--out", join(root, "h")]);
    expect(human.stdout).toMatch(/\(contrast-ig-ensemble, 3 MLNs\)/);
    expect(human.stdout).toMatch(/in the top 20 of \d+(\.\d)?% of the MLNs/);
  });

  it("rejects an unknown relevancy or sampling in one line", () => {
    const bad = runCli(["run", ...fast, "--relevancy", "magic"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^deepunhide: error: option '--relevancy <method>' argument 'magic' is invalid/,
    );
    const sampling = runCli(["run", ...fast, "--ensemble-sampling", "twice"]);
    expect(sampling.status).toBe(1);
    expect(sampling.stderr.split("\n").filter(Boolean)).toHaveLength(1);
  });
});
