import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../../src/data/synthetic.js";
import {
  type ExperimentsRun,
  runExperiments,
} from "../../../src/evaluate/experiments/runExperiments.js";
import { PAPER_RANKING_METHODS } from "../../../src/evaluate/experiments/types.js";
import { pairedComparison } from "../../../src/evaluate/statistics.js";
import { type PipelineResult, runPipeline } from "../../../src/pipeline/runPipeline.js";

// The synthetic data plant the demographic signal, so the outcome at small N is predictable.
describe("runExperiments on the synthetic dataset", () => {
  let pipeline: PipelineResult;
  let run: ExperimentsRun;

  beforeAll(async () => {
    const { dataset } = generateSynthetic({}, 7);
    pipeline = runPipeline(dataset, { seed: 42, randomDraws: 0, attributes: ["gender"] });
    run = await runExperiments(pipeline, {
      seeds: 8,
      e1Ns: [1, 5, 20],
      e2Ns: [5, 40],
      e3Classifiers: ["logistic", "random-forest"],
      workers: 2,
    });
  });

  it("finds the planted signal: at N = 5 every ranking beats random on average, the supervised ones by a clear interval", () => {
    const e2 = run.document.attributes.gender.e2;
    const cell = (method: string) => {
      const found = e2.cells.find((c) => c.method === method && c.n === 5);
      if (found === undefined) throw new Error(`no cell for ${method}`);
      return found.metrics.balancedAccuracy;
    };
    const random = cell("random");
    for (const method of PAPER_RANKING_METHODS.filter((m) => m !== "random")) {
      expect(cell(method).mean, method).toBeGreaterThan(random.mean);
    }
    for (const method of ["entropy", "centroid", "variance"]) {
      expect(
        pairedComparison(cell(method).values, random.values, "random", "balancedAccuracy").verdict,
        method,
      ).toBe("wins");
    }
  });

  it("reports every cell over the paired seeds, the all-factor accuracy and the majority floor", () => {
    const { e2, e3 } = run.document.attributes.gender;
    expect(run.document.seeds).toEqual([42, 43, 44, 45, 46, 47, 48, 49]);
    expect(e2.cells).toHaveLength(2 * 9);
    for (const c of e2.cells) expect(c.metrics.accuracy.values).toHaveLength(8);
    expect(e2.allFactors.balancedAccuracy.mean).toBeGreaterThan(0.85);
    expect(e2.allFactors.accuracy.mean).toBeGreaterThan(e2.majorityFloor.mean);
    // DeepUnHide against the 8 others, for 3 metrics, at 2 Ns.
    expect(e2.comparisons).toHaveLength(8 * 3 * 2);
    for (const c of e2.comparisons) {
      expect(c.ciLow).toBeLessThanOrEqual(c.meanDifference);
      expect(c.ciHigh).toBeGreaterThanOrEqual(c.meanDifference);
      expect(c.verdict).toBe(c.ciLow > 0 ? "wins" : c.ciHigh < 0 ? "loses" : "ties");
    }
    expect(e3.cells).toHaveLength(2 * 9);
    for (const c of e3.cells)
      expect(c.metrics.auc.mean, `${c.classifier} ${c.method}`).toBeGreaterThan(0.8);
  });

  it("classifies the archetypes (E1) with the original network as their own groups", () => {
    const rows = run.document.attributes.gender.e1.rows.filter(
      (r) => r.method === "deepunhide" && r.mode === "zeroed",
    );
    expect(rows.map((r) => r.n)).toEqual([1, 5, 20]);
    const last = rows[rows.length - 1];
    expect(last.majorityCorrect && last.minorityCorrect).toBe(true);
  });

  it("lists E4 items by weight among items with ≥ 75 ratings, with their real minority share, and measures stability", () => {
    const { e4, stability } = run.document.attributes.gender;
    console.log(
      `synthetic E4: Spearman(w_m − w_M, female share) = ${e4.spearman.toFixed(3)} over ${e4.eligibleItems} items`,
    );
    for (const list of [e4.minorityItems, e4.majorityItems]) {
      expect(list).toHaveLength(10);
      for (let i = 1; i < list.length; i++)
        expect(list[i - 1].weight).toBeGreaterThanOrEqual(list[i].weight);
      for (const item of list) {
        expect(item.ratings).toBeGreaterThanOrEqual(75);
        expect(item.minorityShare).toBeGreaterThanOrEqual(0);
        expect(item.minorityShare).toBeLessThanOrEqual(1);
      }
    }
    expect(e4.eligibleItems).toBeGreaterThan(100);
    expect(Math.abs(e4.spearman)).toBeLessThanOrEqual(1);
    expect(e4.datasetMinorityShare).toBeGreaterThan(0.15);
    expect(e4.datasetMinorityShare).toBeLessThan(0.4);
    expect(stability.deepunhide.values).toHaveLength((8 * 7) / 2);
    expect(stability.random.mean).toBeGreaterThan(0);
    console.log(
      `synthetic stability: top-20 Jaccard ${stability.deepunhide.mean.toFixed(3)} vs random ${stability.random.mean.toFixed(3)}`,
    );
  });
});
