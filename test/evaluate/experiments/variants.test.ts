import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../../src/data/synthetic.js";
import { runClassifierSeed } from "../../../src/evaluate/experiments/classifierSeedRun.js";
import { resolveExperimentConfig } from "../../../src/evaluate/experiments/experimentConfig.js";
import {
  type ExperimentsRun,
  runExperiments,
} from "../../../src/evaluate/experiments/runExperiments.js";
import { runSeed } from "../../../src/evaluate/experiments/seedRun.js";
import { DEEPUNHIDE_VARIANTS } from "../../../src/evaluate/experiments/types.js";
import { type PipelineResult, runPipeline } from "../../../src/pipeline/runPipeline.js";
import { formatNumber } from "../../../src/report/html.js";
import { variantFindings } from "../../../src/report/variantFindings.js";
import { variantsSectionHtml } from "../../../src/report/variantsSection.js";

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

// Issue 7, second round: the stability across classifier seeds on one split and the archetype
// usability check.
describe("classifier-seed stability and archetype usability", () => {
  let pipeline: PipelineResult;
  let run: ExperimentsRun;
  const methods = [
    "deepunhide",
    "deepunhide-per-group",
    "centroid",
    "random",
    "deepunhide-contrast-ig",
    "deepunhide-contrast-ig-ensemble",
    "deepunhide-penalized",
  ] as const;

  beforeAll(async () => {
    const { dataset } = generateSynthetic({}, 7);
    pipeline = runPipeline(dataset, { seed: 42, randomDraws: 0, attributes: ["gender"] });
    run = await runExperiments(pipeline, {
      seeds: 3,
      e1Ns: [1],
      e2Ns: [5],
      e3Classifiers: [],
      ensembleMembers: 3,
      ensembleSampling: "none",
      methods: [...methods],
      workers: 0,
    });
  });

  it("keeps the first seed's split and compares every DeepUnHide ranking over all pairs of classifier seeds", () => {
    const { classifierSeeds } = run.document.attributes.gender.stability;
    expect(classifierSeeds?.splitSeed).toBe(42);
    for (const method of methods) {
      const summary = classifierSeeds?.byMethod[method];
      if (method === "centroid" || method === "random") expect(summary, method).toBeUndefined();
      else expect(summary?.values, method).toHaveLength(3);
    }
  });

  it("the classifier-seed run of the first seed is that paired seed's own run", async () => {
    const context = {
      factors: pipeline.mf.model.userFactors,
      users: pipeline.dataset.users.ids.length,
      k: pipeline.mf.model.k,
      config: resolveExperimentConfig(
        { methods: [...methods], ensembleMembers: 3, ensembleSampling: "none" },
        pipeline.mf.model.k,
      ),
    };
    const labels = pipeline.attributes.gender.labels;
    const paired = runSeed(
      { ...context, config: { ...context.config, e2Ns: [], e3Classifiers: [] } },
      "gender",
      labels,
      42,
      new Map(),
    );
    const fixed = runClassifierSeed(context, "gender", labels, 42, 42);
    for (const method of ["deepunhide", "deepunhide-contrast-ig-ensemble"] as const) {
      expect(fixed.orders[method], method).toEqual(paired.orders[method]);
    }
    // Another classifier seed on the same split moves the paper's archetype ranking.
    const other = runClassifierSeed(context, "gender", labels, 42, 43);
    expect(other.orders.deepunhide).not.toEqual(fixed.orders.deepunhide);
  });

  it("compares every variant with the paper's method and every baseline, paired by seed", () => {
    const { e2 } = run.document.attributes.gender;
    const values = (method: string) =>
      e2.cells.find((c) => c.method === method)?.metrics.balancedAccuracy.values ?? [];
    for (const variant of ["deepunhide-contrast-ig", "deepunhide-penalized"] as const) {
      const rows = e2.variantComparisons?.filter((c) => c.variant === variant) ?? [];
      // deepunhide, deepunhide-per-group, centroid, random × 3 metrics at one N.
      expect(rows).toHaveLength(12);
      expect(rows.some((c) => c.against === "deepunhide-contrast-ig-ensemble")).toBe(false);
      const vsPaper = rows.find(
        (c) => c.against === "deepunhide" && c.metric === "balancedAccuracy",
      );
      const mine = values(variant);
      const paper = values("deepunhide");
      const expected = mine.reduce((s, v, i) => s + v - paper[i], 0) / mine.length;
      expect(vsPaper?.meanDifference).toBeCloseTo(expected, 12);
    }
  });

  it("are reported with both stability measures, their paired differences and the usability check", () => {
    const html = variantsSectionHtml(run.document.attributes);
    const { stability } = run.document.attributes.gender;
    const fixed = stability.classifierSeeds?.byMethod["deepunhide-contrast-ig"]?.mean ?? 0;
    expect(html).toContain('<section id="variants">');
    expect(html).toContain(
      `<td>DeepUnHide contrast IG</td><td class="num">${formatNumber(stability.byMethod?.["deepunhide-contrast-ig"]?.mean ?? 0)}</td><td class="num">${formatNumber(fixed)}</td>`,
    );
    expect(html).toContain("<td>DeepUnHide penalized</td>");
    const paperOnly = {
      gender: {
        ...run.document.attributes.gender,
        e2: { ...run.document.attributes.gender.e2, variantComparisons: undefined },
      },
    };
    expect(variantsSectionHtml(paperOnly)).toBe("");
  });

  it("states each variant's finding in one computed sentence for the summary", () => {
    const lines = variantFindings(run.document.attributes);
    expect(lines).toHaveLength(3);
    const fixed = run.document.attributes.gender.stability.classifierSeeds?.byMethod;
    for (const [i, variant] of [
      "deepunhide-contrast-ig",
      "deepunhide-contrast-ig-ensemble",
      "deepunhide-penalized",
    ].entries()) {
      expect(lines[i]).toContain(
        `gender, ${variant}: top-20 Jaccard across classifier seeds ${(fixed?.[variant as "deepunhide"]?.mean ?? 0).toFixed(2)}`,
      );
      const counts = [...lines[i].matchAll(/wins (\d+), ties (\d+), loses (\d+)/g)];
      expect(counts).toHaveLength(2);
      for (const m of counts) expect(Number(m[1]) + Number(m[2]) + Number(m[3])).toBe(1);
    }
  });

  it("checks the archetypes of the paper's and the penalized localization on the pipeline's network", () => {
    const usability = run.document.attributes.gender.usability ?? [];
    expect(usability.map((u) => u.method)).toEqual(["deepunhide", "deepunhide-penalized"]);
    const paper = usability[0];
    expect(paper.majorityScore).toBe(pipeline.attributes.gender.archetypes.majority.score);
    expect(paper.e4Spearman).toBeCloseTo(run.document.attributes.gender.e4.spearman, 12);
    for (const u of usability) {
      expect(u.ownGroups, u.method).toBe(u.majorityScore > 0.5 && u.minorityScore < 0.5);
    }
    // The planted signal is strong: the penalized archetypes are classified as their groups.
    expect(usability[1].ownGroups).toBe(true);
  });
});
