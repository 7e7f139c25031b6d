import { describe, expect, it } from "vitest";
import { fairnessWeights, weightedUserVector } from "../../src/apply/fairnessWeights.js";
import { scoreItems } from "../../src/apply/itemScores.js";

const profile = {
  proportions: { majority: [0.9, 0.5, 0.2], minority: [0.1, 0.5, 0.8] },
};

describe("fairnessWeights", () => {
  it("is the plain model at alpha 0", () => {
    expect(Array.from(fairnessWeights(profile, "minority", 0))).toEqual([1, 1, 1]);
  });

  it("favours the factors that lean to the chosen group, monotonically in alpha", () => {
    const low = fairnessWeights(profile, "minority", 0.5);
    const high = fairnessWeights(profile, "minority", 2);
    expect(low[2]).toBeGreaterThan(1);
    expect(low[0]).toBeLessThan(1);
    expect(low[1]).toBeCloseTo(1, 12);
    expect(high[2]).toBeGreaterThan(low[2]);
    expect(high[0]).toBeLessThan(low[0]);
    expect(high[2]).toBeCloseTo(Math.exp(2 * 0.6), 12);
  });

  it("mirrors between the groups", () => {
    const toMinority = fairnessWeights(profile, "minority", 1);
    const toMajority = fairnessWeights(profile, "majority", 1);
    for (let j = 0; j < 3; j++) expect(toMinority[j] * toMajority[j]).toBeCloseTo(1, 12);
  });

  it("rejects alpha out of range and bad shares", () => {
    expect(() => fairnessWeights(profile, "minority", -0.1)).toThrow(/alpha/);
    expect(() => fairnessWeights(profile, "minority", 6)).toThrow(/alpha/);
    expect(() => fairnessWeights(profile, "minority", Number.NaN)).toThrow(/alpha/);
    const bad = { proportions: { majority: [0.5], minority: [1.5] } };
    expect(() => fairnessWeights(bad, "minority", 1)).toThrow(/factor 0/);
  });

  it("gives the re-weighted prediction Σ w_j p_j q_ij through scoreItems", () => {
    const weights = fairnessWeights(profile, "minority", 1);
    const user = [0.3, -0.2, 0.7];
    const items = new Float32Array([1, 2, 3, -1, 0.5, 0.25]);
    const scores = scoreItems(items, 3, weightedUserVector(user, weights));
    for (let i = 0; i < 2; i++) {
      let expected = 0;
      for (let j = 0; j < 3; j++) expected += weights[j] * user[j] * items[i * 3 + j];
      expect(scores[i]).toBeCloseTo(expected, 6);
    }
    expect(() => weightedUserVector([1, 2], weights)).toThrow(/2 factors/);
  });
});
