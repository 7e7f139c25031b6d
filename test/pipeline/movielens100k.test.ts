import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMovieLens100k } from "../../src/data/movielens100k.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

const dataRoot = process.env.DEEPUNHIDE_DATA;

// Real MovieLens 100K, read from DEEPUNHIDE_DATA (CI sets it to ../shared/data).
describe.skipIf(dataRoot === undefined)("runPipeline on real MovieLens 100K", () => {
  let result: PipelineResult;

  beforeAll(async () => {
    const dataset = await loadMovieLens100k(join(dataRoot as string, "ml-100k"));
    result = runPipeline(dataset, { seed: 42 });
  });

  it("has a PMF test RMSE at least 15% below the global-mean RMSE", () => {
    const { rmse } = result.mf;
    console.log(
      `ML-100K PMF RMSE: test ${rmse.test.toFixed(4)}, train ${rmse.train.toFixed(4)}, global mean ${rmse.globalMean.toFixed(4)}`,
    );
    expect(rmse.test).toBeLessThanOrEqual(0.85 * rmse.globalMean);
  });

  it("reports each classifier beside its majority floor, balanced accuracy and AUC", () => {
    for (const name of ["gender", "age"]) {
      const t = result.attributes[name].classifier.test;
      console.log(
        `ML-100K ${name} classifier (test, n=${t.n}): accuracy ${t.accuracy.toFixed(3)} vs majority floor ${t.majorityFloor.toFixed(3)}, balanced accuracy ${t.balancedAccuracy.toFixed(3)}, AUC ${t.auc.toFixed(3)}`,
      );
      expect(t.n).toBeGreaterThan(180);
      expect(t.majorityFloor).toBeGreaterThan(0.65);
      // The factors carry some demographic signal: the classifier ranks users better than chance.
      expect(t.auc).toBeGreaterThan(0.55);
    }
  });

  it("finds archetypes the classifier puts in their own group, for gender and for age", () => {
    for (const name of ["gender", "age"]) {
      const { majority, minority } = result.attributes[name].archetypes;
      console.log(
        `ML-100K ${name} archetypes: majority ${majority.score.toFixed(4)}, minority ${minority.score.toFixed(4)}`,
      );
      expect(majority.score).toBeGreaterThan(0.9);
      expect(minority.score).toBeLessThan(0.1);
    }
  });
});
