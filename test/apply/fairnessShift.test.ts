// The archetype shift against exact identities: r̂' = r̂ + α·s·q_i·d̂, a unit contrast, a planted norm.
import { describe, expect, it } from "vitest";
import {
  archetypeDirection,
  archetypeShift,
  meanUserNorm,
  shiftedUserFactors,
} from "../../src/apply/fairnessShift.js";
import { resolveFairnessConfig } from "../../src/apply/fairnessSweep.js";
import { predictRatings } from "../../src/apply/groupAccuracy.js";
import { ConfigError } from "../../src/errors.js";
import { createRng } from "../../src/util/rng.js";

const k = 6;
const rng = createRng(11);
const draw = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const profile = { archetypes: { majority: draw(k), minority: draw(k) } };

describe("archetype shift", () => {
  it("points from the other group's archetype to the favoured one's, with unit length", () => {
    const toMinority = archetypeDirection(profile, "minority");
    const toMajority = archetypeDirection(profile, "majority");
    const gap = profile.archetypes.minority.map((m, j) => m - profile.archetypes.majority[j]);
    const gapNorm = Math.hypot(...gap);
    for (let j = 0; j < k; j++) {
      expect(toMinority[j]).toBeCloseTo(gap[j] / gapNorm, 12);
      expect(toMajority[j]).toBeCloseTo(-toMinority[j], 12);
    }
    expect(Math.hypot(...toMinority)).toBeCloseTo(1, 12);
  });

  it("measures the mean user norm on planted rows", () => {
    // Rows of norm 5 (3, 4), 13 (5, 12) and 0.
    expect(meanUserNorm([3, 4, 5, 12, 0, 0], 2)).toBeCloseTo(6, 12);
  });

  it("adds α·s·q_i·d̂ to every prediction, linearly in α", () => {
    const users = 5;
    const items = 7;
    const userFactors = draw(users * k);
    const itemFactors = draw(items * k);
    const pairs = {
      user: Int32Array.from({ length: users * items }, (_, r) => Math.floor(r / items)),
      item: Int32Array.from({ length: users * items }, (_, r) => r % items),
    };
    const plain = predictRatings(pairs, userFactors, itemFactors, k);
    const scale = meanUserNorm(userFactors, k);
    const direction = archetypeDirection(profile, "minority");
    for (const alpha of [0, 0.3, 1, 2.5]) {
      const shift = archetypeShift(profile, "minority", alpha, scale);
      const shifted = predictRatings(
        pairs,
        shiftedUserFactors(userFactors, k, shift),
        itemFactors,
        k,
      );
      for (let r = 0; r < plain.length; r++) {
        let along = 0;
        for (let j = 0; j < k; j++) along += itemFactors[pairs.item[r] * k + j] * direction[j];
        expect(shifted[r]).toBeCloseTo(plain[r] + alpha * scale * along, 10);
      }
    }
  });

  it("refuses equal archetypes, a bad α or scale, a shift of the wrong length", () => {
    const same = { archetypes: { majority: [1, 2], minority: [1, 2] } };
    expect(() => archetypeDirection(same, "minority")).toThrow(ConfigError);
    expect(() => archetypeShift(profile, "minority", -1, 1)).toThrow(ConfigError);
    expect(() => archetypeShift(profile, "minority", 1, Number.NaN)).toThrow(ConfigError);
    expect(() => shiftedUserFactors([1, 2, 3, 4], 2, [1])).toThrow(ConfigError);
  });

  it("keeps the paper's re-weighting as the default method and rejects unknown ones", () => {
    expect(resolveFairnessConfig().method).toBe("reweight");
    expect(() => resolveFairnessConfig({ method: "tilt" as never })).toThrow(ConfigError);
  });
});
