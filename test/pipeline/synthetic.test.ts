import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";
import { buildResultsDocument } from "../../src/report/resultsDocument.js";

// The built-in default dataset, where the demographic signal is planted: the method must find it.
describe("runPipeline on the default synthetic dataset", () => {
  const { dataset } = generateSynthetic({}, 7);
  let result: PipelineResult;

  beforeAll(() => {
    result = runPipeline(dataset, { seed: 42 });
  });

  it("learns factors that predict ratings far better than the global mean", () => {
    expect(result.mf.rmse.test).toBeLessThan(0.85 * result.mf.rmse.globalMean);
  });

  it("classifies gender from the factors with balanced accuracy ≥ 0.85 and beats the majority floor", () => {
    const test = result.attributes.gender.classifier.test;
    expect(test.balancedAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(test.accuracy).toBeGreaterThan(test.majorityFloor);
    expect(test.auc).toBeGreaterThan(0.9);
  });

  it("finds archetypes that the classifier puts in their own group, for gender and age", () => {
    for (const name of ["gender", "age"]) {
      const { majority, minority } = result.attributes[name].archetypes;
      expect(majority.score, `${name} majority`).toBeGreaterThan(0.9);
      expect(minority.score, `${name} minority`).toBeLessThan(0.1);
    }
  });

  it("keeps ≥ 90% of the all-factor balanced accuracy with the top-10 relevant factors alone", () => {
    const gender = result.attributes.gender;
    expect(gender.topN.n).toBe(10);
    expect(gender.topN.retainedBalancedAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("gives relevancy in [0, 1] with a maximum of 1, and proportions that add up to 1", () => {
    const { relevancy, majorityShare, minorityShare, ranking, selected } =
      result.attributes.gender.profile;
    expect(relevancy.length).toBe(100);
    expect(Math.max(...relevancy)).toBeCloseTo(1, 12);
    expect(Math.min(...relevancy)).toBeGreaterThanOrEqual(0);
    for (let j = 0; j < 100; j++) expect(majorityShare[j] + minorityShare[j]).toBeCloseTo(1, 12);
    for (let r = 1; r < ranking.length; r++)
      expect(relevancy[ranking[r - 1]]).toBeGreaterThanOrEqual(relevancy[ranking[r]]);
    for (const j of selected) expect(relevancy[j]).toBeGreaterThanOrEqual(0.5);
  });

  it("gives a byte-identical results document apart from timings for the same seed", () => {
    const again = runPipeline(dataset, { seed: 42 });
    const strip = (r: PipelineResult) =>
      JSON.stringify({ ...buildResultsDocument(r), timings: null });
    expect(strip(again)).toBe(strip(result));
    const other = runPipeline(dataset, { seed: 43, attributes: ["gender"] });
    expect(other.attributes.gender.archetypes.majority.vector).not.toEqual(
      result.attributes.gender.archetypes.majority.vector,
    );
  });
});
