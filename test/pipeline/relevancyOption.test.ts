import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { ConfigError } from "../../src/errors.js";
import { resolveRunConfig } from "../../src/pipeline/runConfig.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";
import { buildResultsDocument } from "../../src/report/resultsDocument.js";

// Issue 7: the relevancy handed downstream is an option; the paper's profile stays available.
describe("runPipeline with relevancy contrast-ig-ensemble", () => {
  const { dataset } = generateSynthetic({ users: 400, items: 500, ratings: 30_000 }, 7);
  const common = { seed: 5, randomDraws: 0, mf: { k: 30, epochs: 15 }, attributes: ["gender"] };
  let paper: PipelineResult;
  let ensemble: PipelineResult;

  beforeAll(() => {
    paper = runPipeline(dataset, { ...common, relevancy: "paper" });
    ensemble = runPipeline(dataset, {
      ...common,
      relevancy: "contrast-ig-ensemble",
      relevancyMembers: 4,
    });
  });

  it("leaves the network, the archetypes and the paper's profile unchanged", () => {
    const p = paper.attributes.gender;
    const e = ensemble.attributes.gender;
    expect(Array.from(e.archetypes.majority.vector)).toEqual(
      Array.from(p.archetypes.majority.vector),
    );
    expect(Array.from(e.paperProfile.relevancy)).toEqual(Array.from(p.profile.relevancy));
    expect(p.paperProfile).toBe(p.profile);
    expect(Array.from(e.profile.majorityShare)).toEqual(Array.from(p.profile.majorityShare));
    expect(p.relevancyUncertainty).toBeUndefined();
  });

  it("ranks and selects by the ensemble's relevancy, with its spread and top-20 agreement", () => {
    const e = ensemble.attributes.gender;
    const u = e.relevancyUncertainty;
    expect(u?.members).toBe(4);
    expect(Array.from(e.profile.relevancy)).toEqual(Array.from(u?.relevancy ?? []));
    expect(Array.from(e.profile.relevancy)).not.toEqual(Array.from(e.paperProfile.relevancy));
    for (let r = 1; r < e.profile.ranking.length; r++) {
      expect(e.profile.relevancy[e.profile.ranking[r - 1]]).toBeGreaterThanOrEqual(
        e.profile.relevancy[e.profile.ranking[r]],
      );
    }
    for (const j of e.profile.selected) expect(e.profile.relevancy[j]).toBeGreaterThanOrEqual(0.5);
    // Each of 4 members puts 20 factors in its top 20: the shares add up to 20.
    expect(Array.from(u?.topShare ?? []).reduce((s, x) => s + x, 0)).toBeCloseTo(20, 9);
    const document = buildResultsDocument(ensemble).attributes.gender;
    expect(document.relevancyMethod).toBe("contrast-ig-ensemble");
    expect(document.relevancyUncertainty?.std).toHaveLength(30);
  });

  it("is deterministic per seed and rejects an unknown method", () => {
    const again = runPipeline(dataset, {
      ...common,
      relevancy: "contrast-ig-ensemble",
      relevancyMembers: 4,
    });
    expect(Array.from(again.attributes.gender.profile.relevancy)).toEqual(
      Array.from(ensemble.attributes.gender.profile.relevancy),
    );
    expect(() => resolveRunConfig({ relevancy: "magic" as "paper" })).toThrow(ConfigError);
    expect(() => resolveRunConfig({ relevancyMembers: 0 })).toThrow(ConfigError);
    expect(() => resolveRunConfig({ relevancyMaxUsers: 5 })).toThrow(/relevancyMaxUsers/);
  });

  it("trains the extra members on a subsample only above relevancyMaxUsers", () => {
    const options = { ...common, relevancy: "contrast-ig-ensemble" as const, relevancyMembers: 4 };
    const roomy = runPipeline(dataset, { ...options, relevancyMaxUsers: 400 });
    const capped = runPipeline(dataset, { ...options, relevancyMaxUsers: 120 });
    const relevancy = (r: PipelineResult) => Array.from(r.attributes.gender.profile.relevancy);
    expect(relevancy(roomy)).toEqual(relevancy(ensemble));
    expect(relevancy(capped)).not.toEqual(relevancy(ensemble));
    // The pipeline's own network, and so the paper's profile, never sees the cap.
    expect(Array.from(capped.attributes.gender.paperProfile.relevancy)).toEqual(
      Array.from(ensemble.attributes.gender.paperProfile.relevancy),
    );
  });
});
