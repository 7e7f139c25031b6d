import { beforeAll, describe, expect, it } from "vitest";
import { compareGroupMethods } from "../../src/apply/groupQuality.js";
import { groupRatedMask, recommendForGroup } from "../../src/apply/groupRecommend.js";
import { factorPercentiles, virtualUser } from "../../src/apply/groupVirtualUser.js";
import { scoreItems, topItems } from "../../src/apply/itemScores.js";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

describe("group recommendation on the synthetic dataset", () => {
  let result: PipelineResult;
  beforeAll(() => {
    const { dataset } = generateSynthetic({}, 7);
    result = runPipeline(dataset, { seed: 42, mf: { k: 32, epochs: 20 }, randomDraws: 0 });
  }, 60_000);

  it("gives a group of identical members that member's own top-10 with mean and median", () => {
    const { userFactors, itemFactors, k } = result.mf.model;
    const itemCount = result.dataset.items.ids.length;
    for (const u of [0, 17, 250]) {
      const exclude = groupRatedMask(result.dataset.ratings, Int32Array.of(u), itemCount);
      const own = topItems(
        scoreItems(itemFactors, k, userFactors.subarray(u * k, (u + 1) * k)),
        10,
        exclude,
      );
      const members = Int32Array.of(u, u, u);
      for (const method of ["mean", "median"] as const) {
        const r = recommendForGroup(userFactors, itemFactors, k, members, method, { exclude });
        expect(Array.from(r.items), `${method}, user ${u}`).toEqual(Array.from(own));
      }
      // Vote quantizes each factor to a population percentile, so it cannot return the member's
      // own vector; what holds is that copies of one member vote exactly as that member alone.
      const percentiles = factorPercentiles(userFactors, k);
      expect(virtualUser(userFactors, k, members, "vote", { percentiles })).toEqual(
        virtualUser(userFactors, k, Int32Array.of(u), "vote", { percentiles }),
      );
    }
  });

  it("measures every method on a mixed group (logged for the report)", () => {
    const { userFactors, itemFactors, k } = result.mf.model;
    const members = Int32Array.of(3, 40, 41, 120, 300);
    const exclude = groupRatedMask(
      result.dataset.ratings,
      members,
      result.dataset.items.ids.length,
    );
    const memberExclude = Array.from(members, (u) =>
      groupRatedMask(result.dataset.ratings, Int32Array.of(u), result.dataset.items.ids.length),
    );
    const rows = compareGroupMethods(
      userFactors,
      itemFactors,
      k,
      members,
      { exclude, memberExclude },
      { attributes: Object.values(result.attributes) },
    );
    expect(rows.map((r) => r.method)).toEqual(["mean", "median", "vote", "demographic"]);
    for (const { method, recommendation, quality } of rows) {
      expect(recommendation.items.length).toBe(10);
      console.log(
        `synthetic group of 5, ${method}: mean rating ${quality.mean.meanRating.toFixed(2)} (worst member ${quality.worst.meanRating.toFixed(2)}), min rating ${quality.mean.minRating.toFixed(2)} (worst ${quality.worst.minRating.toFixed(2)}), in own top-50 ${quality.mean.overlap.toFixed(2)} (worst ${quality.worst.overlap.toFixed(2)})`,
      );
    }
  });
});
