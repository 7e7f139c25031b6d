// Fairness and the E4 item lists against what the synthetic generator planted.
import { beforeAll, describe, expect, it } from "vitest";
import { fairnessInput } from "../../src/apply/fairnessInput.js";
import { type FairnessSweep, fairnessSweep } from "../../src/apply/fairnessSweep.js";
import { itemLeaning } from "../../src/apply/itemLeaning.js";
import { generateSynthetic, type SyntheticTruth } from "../../src/data/synthetic.js";
import { runE4 } from "../../src/evaluate/experiments/e4.js";
import { type LoadedModel, modelFromPipeline } from "../../src/io/modelFolder.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

const ALPHAS = [0, 0.25, 0.5, 1, 1.5, 2];
// The shift's α is in mean user norms, so parity comes early: a finer grid near 0.
const SHIFT_ALPHAS = [0, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2];

/**
 * Checks that the share of exposure of the items leaning to the favoured group rises with α,
 * and that its distance to parity falls at every step until parity is crossed (after which
 * it keeps rising, past parity: a monotone lever cannot stop there by itself).
 */
function expectMonotoneTowardParity(
  sweep: FairnessSweep,
  side: "minorityLeaning" | "majorityLeaning",
  label: string,
): void {
  const sets = sweep.rows.map((r) => r.exposure.allLists[side]);
  const parity = sets[0].itemShare;
  expect(sets[0].exposureShare, `${label} starts below parity`).toBeLessThan(parity);
  for (let s = 1; s < sets.length; s++) {
    expect(sets[s].exposureShare, `${label} α = ${sweep.rows[s].alpha}`).toBeGreaterThanOrEqual(
      sets[s - 1].exposureShare,
    );
    if (sets[s - 1].exposureShare < parity) {
      // Before the crossing: strictly closer, or at / past parity.
      const before = parity - sets[s - 1].exposureShare;
      const after = Math.abs(parity - sets[s].exposureShare);
      expect(
        after < before || sets[s].exposureShare >= parity,
        `${label} α = ${sweep.rows[s].alpha}`,
      ).toBe(true);
    }
  }
  expect(sets[sets.length - 1].exposureShare, `${label} reaches parity`).toBeGreaterThanOrEqual(
    parity,
  );
}

describe("fairness on the synthetic dataset (planted item leanings)", () => {
  let result: PipelineResult;
  let truth: SyntheticTruth;
  let model: LoadedModel;
  const sweeps: Record<string, FairnessSweep> = {};
  const shiftSweeps: Record<string, FairnessSweep> = {};
  const shiftToMajority: Record<string, FairnessSweep> = {};

  beforeAll(() => {
    const generated = generateSynthetic({}, 7);
    truth = generated.truth;
    result = runPipeline(generated.dataset, { seed: 42, randomDraws: 0 });
    model = modelFromPipeline(result);
    for (const attribute of ["gender", "age"]) {
      sweeps[attribute] = fairnessSweep(fairnessInput(model, attribute, "synthetic"), {
        alphas: ALPHAS,
      });
      const input = fairnessInput(model, attribute, "synthetic");
      shiftSweeps[attribute] = fairnessSweep(input, { alphas: SHIFT_ALPHAS, method: "shift" });
      shiftToMajority[attribute] = fairnessSweep(input, {
        alphas: SHIFT_ALPHAS,
        method: "shift",
        group: "majority",
      });
    }
  }, 240_000);

  it("lists mostly items built to lean to the minority at the top of E4's minority list", () => {
    for (const [attribute, classes] of [
      ["gender", truth.itemGenderClass],
      ["age", truth.itemAgeClass],
    ] as const) {
      const a = result.attributes[attribute];
      const e4 = runE4({
        dataset: result.dataset,
        itemFactors: result.mf.model.itemFactors,
        normalizedMajority: a.profile.normalizedMajority,
        normalizedMinority: a.profile.normalizedMinority,
        labels: a.labels,
      });
      const index = (id: string) => result.dataset.items.index.get(id) as number;
      const built = e4.minorityItems.filter((item) => classes[index(item.item)] === -1).length;
      // One in five items is built to lean to the minority; the list must beat that clearly.
      expect(built, attribute).toBeGreaterThanOrEqual(7);
    }
  });

  it("is the plain held-out model at α = 0", () => {
    for (const sweep of Object.values(sweeps)) {
      expect(sweep.rows[0].rmse.overall).toBeCloseTo(result.mf.rmse.test, 10);
      expect(sweep.heldOut.ratings).toBe(result.mf.testRatings);
    }
  });

  it("classifies items by rating gaps that agree with the planted leanings", () => {
    for (const [attribute, classes] of [
      ["gender", truth.itemGenderClass],
      ["age", truth.itemAgeClass],
    ] as const) {
      const input = fairnessInput(model, attribute, "synthetic");
      const { leaning } = itemLeaning(input.ratings, input.labels, classes.length);
      let agree = 0;
      let disagree = 0;
      for (let i = 0; i < classes.length; i++) {
        if (leaning[i] === 0 || classes[i] === 0) continue;
        if (leaning[i] === classes[i]) agree++;
        else disagree++;
      }
      // Built classes: −1 minority, 1 majority, the same coding as the leaning.
      expect(agree, attribute).toBeGreaterThan(3 * disagree);
    }
  });

  // The issue asks that a larger α move the minority-leaning items' exposure monotonically
  // toward parity. With the paper's multiplicative weights it does not: on this dataset
  // (seed 7, α = 0, 0.25, 0.5, 1, 1.5, 2) the female-leaning items' share of exposure falls
  // 35.8% → 31.4% (parity 51.9%), and the senior-leaning items' share rises 43.0% → 69.0%,
  // crossing parity (46.9%) before α = 0.5. Scaling factor j by w_j amplifies each user's own
  // coordinate on it, whatever her group; it does not move users toward the minority. Kept
  // as an expected failure so that a change that makes it hold is noticed.
  it.fails("moves the minority-leaning items' exposure monotonically toward parity", () => {
    for (const sweep of Object.values(sweeps)) {
      const distances = sweep.rows.map((r) => {
        const e = r.exposure.allLists.minorityLeaning;
        return Math.abs(e.exposureShare - e.itemShare);
      });
      for (let s = 1; s < distances.length; s++) {
        expect(distances[s]).toBeLessThanOrEqual(distances[s - 1]);
      }
    }
  });

  it("moves the minority-leaning items' exposure monotonically toward parity with the archetype shift", () => {
    for (const [attribute, sweep] of Object.entries(shiftSweeps)) {
      expectMonotoneTowardParity(sweep, "minorityLeaning", attribute);
    }
  });

  it("moves the majority-leaning items' share up instead when the shift favours the majority", () => {
    for (const [attribute, sweep] of Object.entries(shiftToMajority)) {
      const shares = sweep.rows.map((r) => r.exposure.allLists.majorityLeaning.exposureShare);
      for (let s = 1; s < shares.length; s++) {
        expect(shares[s], `${attribute} α = ${sweep.rows[s].alpha}`).toBeGreaterThanOrEqual(
          shares[s - 1],
        );
      }
      expect(shares[shares.length - 1], attribute).toBeGreaterThan(shares[0]);
    }
  });

  it("leaves Beyond-Parity value unfairness exactly unchanged under the shift", () => {
    // The shift adds q_i·(α·s·d̂) to every user's prediction of item i, the same for both
    // groups, so each item's gap between the groups' errors cannot change.
    for (const [attribute, sweep] of Object.entries(shiftSweeps)) {
      for (const row of sweep.rows) {
        expect(row.beyondParity.value, `${attribute} α = ${row.alpha}`).toBeCloseTo(
          sweep.rows[0].beyondParity.value,
          9,
        );
      }
    }
  });

  it("is the plain held-out model at α = 0 with the shift too", () => {
    for (const [attribute, sweep] of Object.entries(shiftSweeps)) {
      expect(sweep.rows[0], attribute).toEqual(sweeps[attribute].rows[0]);
    }
  });
});
