import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../../src/data/synthetic.js";
import {
  type ExperimentsRun,
  runExperiments,
} from "../../../src/evaluate/experiments/runExperiments.js";
import { DEEPUNHIDE_VARIANTS } from "../../../src/evaluate/experiments/types.js";
import { type PipelineResult, runPipeline } from "../../../src/pipeline/runPipeline.js";

// The DeepUnHide relevancy variants of issue 7 are opt-in rankings of the same harness.
describe("DeepUnHide variants in the experiments", () => {
  let pipeline: PipelineResult;
  let withVariants: ExperimentsRun;
  let paperOnly: ExperimentsRun;
  const common = { seeds: 3, e1Ns: [1], e2Ns: [5], e3Classifiers: [], ensembleMembers: 3 };

  beforeAll(async () => {
    const { dataset } = generateSynthetic({}, 7);
    pipeline = runPipeline(dataset, { seed: 42, randomDraws: 0, attributes: ["gender"] });
    withVariants = await runExperiments(pipeline, {
      ...common,
      methods: ["deepunhide", "centroid", "random", ...DEEPUNHIDE_VARIANTS],
      workers: 2,
    });
    paperOnly = await runExperiments(pipeline, {
      ...common,
      methods: ["deepunhide", "centroid", "random"],
      workers: 0,
    });
  });

  it("are not in the default method set, and leave the paper's method and the baselines unchanged", () => {
    const cells = (run: ExperimentsRun, method: string) =>
      run.document.attributes.gender.e2.cells.find((c) => c.method === method)?.metrics;
    for (const method of ["deepunhide", "centroid", "random"]) {
      expect(cells(withVariants, method), method).toEqual(cells(paperOnly, method));
    }
    expect(withVariants.document.attributes.gender.stability.deepunhide).toEqual(
      paperOnly.document.attributes.gender.stability.deepunhide,
    );
  });

  it("get an E2 cell, a comparison and a stability summary each, and stay out of E1", () => {
    const { e1, e2, stability } = withVariants.document.attributes.gender;
    for (const method of DEEPUNHIDE_VARIANTS) {
      const cell = e2.cells.find((c) => c.method === method);
      expect(cell?.metrics.balancedAccuracy.values, method).toHaveLength(3);
      expect(e2.comparisons.filter((c) => c.against === method)).toHaveLength(3);
      expect(stability.byMethod?.[method]?.values, method).toHaveLength(3);
      expect(e1.rows.some((r) => r.method === method)).toBe(false);
    }
    // Random orders overlap by chance only; the stability of a fixed ranking is what it is.
    expect(stability.byMethod?.random?.mean).toBeLessThan(0.4);
  });

  it("gradient relevancy finds the planted signal on average: it beats random at N = 5", () => {
    const cell = (method: string) =>
      withVariants.document.attributes.gender.e2.cells.find((c) => c.method === method)?.metrics
        .balancedAccuracy.mean ?? Number.NaN;
    console.log(
      `synthetic E2 at N = 5 (3 seeds): ${["deepunhide", "centroid", "random", ...DEEPUNHIDE_VARIANTS].map((m) => `${m} ${cell(m).toFixed(3)}`).join(", ")}`,
    );
    for (const method of ["deepunhide-gradient", "deepunhide-gradient-ensemble"])
      expect(cell(method), method).toBeGreaterThan(cell("random"));
  });
});
