import { describe, expect, it } from "vitest";
import { beyondParity } from "../../src/apply/beyondParity.js";
import { allListsExposure, leaningExposure, listExposure } from "../../src/apply/exposure.js";
import {
  fairnessSweep,
  LIST_USER_SAMPLE_SEED,
  resolveFairnessConfig,
} from "../../src/apply/fairnessSweep.js";
import { fairnessWeights } from "../../src/apply/fairnessWeights.js";
import {
  compareGroups,
  groupMeans,
  groupRmse,
  ndcgPerUser,
  predictRatings,
} from "../../src/apply/groupAccuracy.js";
import { itemLeaning } from "../../src/apply/itemLeaning.js";
import { SCORE_BLOCK, scoreItems, scoreItemsBlock, topItems } from "../../src/apply/itemScores.js";
import type { Ratings } from "../../src/data/dataset.js";
import { ConfigError } from "../../src/errors.js";
import { stratifiedSubsample } from "../../src/evaluate/stratifiedSplit.js";
import { createRng } from "../../src/util/rng.js";

const ratings = (rows: [number, number, number][]): Ratings => ({
  user: Int32Array.from(rows, (r) => r[0]),
  item: Int32Array.from(rows, (r) => r[1]),
  value: Float32Array.from(rows, (r) => r[2]),
});

describe("per-group accuracy", () => {
  // User 0 is in the majority (label 1), user 1 in the minority (label 0).
  const held = ratings([
    [0, 0, 4],
    [0, 1, 2],
    [1, 0, 5],
  ]);
  const labels = Uint8Array.of(1, 0);

  it("gives each group's RMSE over its ratings, with Fairlearn's difference and ratio", () => {
    const rmse = groupRmse(held, Float64Array.of(3, 2, 3), labels);
    // Majority errors −1, 0; minority error −2.
    expect(rmse.majority).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(rmse.minority).toBeCloseTo(2, 12);
    expect(rmse.overall).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(rmse.difference).toBeCloseTo(2 - Math.sqrt(0.5), 12);
    expect(rmse.ratio).toBeCloseTo(Math.sqrt(0.5) / 2, 12);
    expect(compareGroups(0.3, 0.3)).toEqual({
      majority: 0.3,
      minority: 0.3,
      difference: 0,
      ratio: 1,
    });
  });

  it("computes NDCG per user over her held-out items with gain 2^r − 1", () => {
    // User 0 rated items 0, 1, 2 with 3, 1, 2; predicted order 1, 0, 2. User 1 has one item.
    const data = ratings([
      [0, 0, 3],
      [0, 1, 1],
      [0, 2, 2],
      [1, 0, 5],
    ]);
    const predicted = Float64Array.of(2, 3, 1, 4);
    const ndcg = ndcgPerUser(data, predicted, 2);
    const dcg = 1 + 7 / Math.log2(3) + 3 / 2;
    const ideal = 7 + 3 / Math.log2(3) + 1 / 2;
    expect(ndcg[0]).toBeCloseTo(dcg / ideal, 12);
    expect(ndcg[1]).toBeNaN();
    const cut = ndcgPerUser(data, predicted, 2, 2);
    expect(cut[0]).toBeCloseTo((1 + 7 / Math.log2(3)) / (7 + 3 / Math.log2(3)), 12);
    // Predicting the ratings themselves ranks perfectly.
    expect(ndcgPerUser(data, Float64Array.from(data.value), 2)[0]).toBeCloseTo(1, 12);
    // Per group, NaN users are skipped: only user 0 (majority) counts.
    const means = groupMeans(ndcg, Uint8Array.of(1, 0));
    expect(means.majority).toBeCloseTo(dcg / ideal, 12);
    expect(means.minority).toBeNaN();
  });

  it("predicts Σ w_j p_uj q_ij, the plain dot product without weights", () => {
    const p = Float32Array.of(1, 2, -1, 0.5);
    const q = Float32Array.of(3, 1, 0, 2);
    const pairs = { user: Int32Array.of(0, 1), item: Int32Array.of(1, 0) };
    expect(Array.from(predictRatings(pairs, p, q, 2))).toEqual([0 + 4, -3 + 0.5]);
    expect(Array.from(predictRatings(pairs, p, q, 2, [2, 0.5]))).toEqual([0 + 2, -6 + 0.25]);
  });
});

describe("Beyond-Parity", () => {
  // Users 0, 1 minority (label 0); 2, 3 majority. Columns: user, item, rating; predictions apart.
  const held = ratings([
    [0, 0, 4],
    [1, 0, 2],
    [2, 0, 3],
    [0, 1, 5],
    [2, 1, 1],
    [3, 1, 3],
    [3, 2, 4],
  ]);
  const predicted = Float64Array.of(3, 2, 4, 5, 2, 3, 4);
  const labels = Uint8Array.of(0, 0, 1, 1);

  it("matches the hand computation of value, absolute, under, over and non-parity", () => {
    // Item 0: minority error E[y] − E[r] = 2.5 − 3 = −0.5, majority 4 − 3 = +1.
    // Item 1: minority 0, majority 2.5 − 2 = +0.5. Item 2: majority only, left out.
    const bp = beyondParity(held, predicted, labels, 3);
    expect(bp.items).toBe(2);
    expect(bp.value).toBeCloseTo((1.5 + 0.5) / 2, 12);
    expect(bp.absolute).toBeCloseTo((0.5 + 0.5) / 2, 12);
    expect(bp.under).toBeCloseTo((0.5 + 0) / 2, 12);
    expect(bp.over).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(bp.nonParity).toBeCloseTo(Math.abs(10 / 3 - 13 / 4), 12);
  });

  it("is zero for a predictor that is exact for everyone", () => {
    const bp = beyondParity(held, Float64Array.from(held.value), labels, 3);
    expect([bp.value, bp.absolute, bp.under, bp.over]).toEqual([0, 0, 0, 0]);
  });

  it("rejects predictions that do not match the ratings", () => {
    expect(() => beyondParity(held, new Float64Array(2), labels, 3)).toThrow(ConfigError);
  });
});

describe("item leaning", () => {
  it("leans an item to the group that likes it more than it likes items in general", () => {
    // User 0 minority, user 1 majority; both means are 3.
    const data = ratings([
      [0, 0, 5],
      [0, 1, 1],
      [1, 0, 3],
      [1, 1, 3],
      [1, 2, 3],
    ]);
    const leaning = itemLeaning(data, Uint8Array.of(0, 1), 3, 1);
    expect(Array.from(leaning.leaning)).toEqual([-1, 1, 0]);
    expect(leaning.gap[0]).toBeCloseTo(2, 12);
    expect(leaning.gap[1]).toBeCloseTo(-2, 12);
    expect(leaning.gap[2]).toBeNaN();
    expect([leaning.minorityItems, leaning.majorityItems]).toEqual([1, 1]);
    // Two ratings per group required: nothing is classified.
    expect(Array.from(itemLeaning(data, Uint8Array.of(0, 1), 3, 2).leaning)).toEqual([0, 0, 0]);
  });

  it("does not lean items to a group only because it rates everything higher", () => {
    const data = ratings([
      [0, 0, 5],
      [0, 1, 4],
      [1, 0, 4],
      [1, 1, 3],
    ]);
    expect(Array.from(itemLeaning(data, Uint8Array.of(0, 1), 2, 1).leaning)).toEqual([0, 0]);
  });
});

describe("scoreItemsBlock", () => {
  it("gives every vector of the block exactly scoreItems' scores", () => {
    const rng = createRng(12);
    const k = 13;
    const items = 37;
    const itemFactors = Float32Array.from({ length: items * k }, () => rng.normal());
    const vectors = Float64Array.from({ length: SCORE_BLOCK * k }, () => rng.normal());
    const scores = new Float64Array(SCORE_BLOCK * items);
    scoreItemsBlock(Float64Array.from(itemFactors), k, vectors, scores);
    for (let b = 0; b < SCORE_BLOCK; b++) {
      const one = scoreItems(itemFactors, k, vectors.subarray(b * k, (b + 1) * k));
      expect(scores.subarray(b * items, (b + 1) * items)).toEqual(one);
    }
    expect(() =>
      scoreItemsBlock(Float64Array.from(itemFactors), k, vectors.subarray(k), scores),
    ).toThrow(ConfigError);
  });
});

describe("exposure", () => {
  it("weights positions by 1/log2(1 + rank), per group of users, skipping excluded items", () => {
    // k = 1: user 0 likes high item values, user 1 low ones.
    const users = Float32Array.of(1, -1);
    const items = Float32Array.of(3, 2, 1);
    const labels = Uint8Array.of(0, 1);
    const second = 1 / Math.log2(3);
    const plain = listExposure(users, items, 1, labels, { top: 2 });
    expect(Array.from(plain.minorityUsers)).toEqual([1, second, 0]);
    expect(Array.from(plain.majorityUsers)).toEqual([0, second, 1]);
    const exclude = { indptr: Int32Array.of(0, 1, 1), indices: Int32Array.of(0) };
    const skipped = listExposure(users, items, 1, labels, { top: 2, exclude });
    expect(Array.from(skipped.minorityUsers)).toEqual([0, 1, second]);
    // A negative weight reverses every user's order.
    const reversed = listExposure(users, items, 1, labels, { top: 2, weights: [-1] });
    expect(Array.from(reversed.minorityUsers)).toEqual([0, second, 1]);
  });

  it("ranks by scoreItems and topItems user by user, whatever the block boundaries", () => {
    const rng = createRng(13);
    const k = 5;
    const userCount = 2 * SCORE_BLOCK + 3;
    const itemCount = 30;
    const userFactors = Float32Array.from({ length: userCount * k }, () => rng.normal());
    const itemFactors = Float32Array.from({ length: itemCount * k }, () => rng.normal());
    const labels = Uint8Array.from({ length: userCount }, (_, u) => u % 2);
    const weights = Float64Array.from({ length: k }, () => 0.5 + rng.next());
    const got = listExposure(userFactors, itemFactors, k, labels, { top: 4, weights });
    const expected = [new Float64Array(itemCount), new Float64Array(itemCount)];
    for (let u = 0; u < userCount; u++) {
      const vector = Float64Array.from(
        { length: k },
        (_, j) => weights[j] * userFactors[u * k + j],
      );
      const list = topItems(scoreItems(itemFactors, k, vector), 4);
      list.forEach((item, rank) => {
        expected[labels[u]][item] += 1 / Math.log2(2 + rank);
      });
    }
    expect(got.minorityUsers).toEqual(expected[0]);
    expect(got.majorityUsers).toEqual(expected[1]);
  });

  it("counts only the given users' lists, and rejects a row outside the matrix", () => {
    const users = Float32Array.of(1, -1, 2);
    const items = Float32Array.of(3, 2, 1);
    const labels = Uint8Array.of(0, 1, 0);
    const some = listExposure(users, items, 1, labels, { top: 1, users: Int32Array.of(2, 1) });
    expect(Array.from(some.minorityUsers)).toEqual([1, 0, 0]);
    expect(Array.from(some.majorityUsers)).toEqual([0, 0, 1]);
    expect(() => listExposure(users, items, 1, labels, { users: Int32Array.of(3) })).toThrow(
      /user row 3 is outside 0..2/,
    );
  });

  it("compares the leaning items' share of exposure with their share of the leaning items", () => {
    const shares = leaningExposure(Float64Array.of(3, 1, 2, 10), Int8Array.of(-1, 1, -1, 0));
    expect(shares.minorityLeaning.items).toBe(2);
    expect(shares.minorityLeaning.itemShare).toBeCloseTo(2 / 3, 12);
    expect(shares.minorityLeaning.exposureShare).toBeCloseTo(5 / 6, 12);
    expect(shares.minorityLeaning.ratio).toBeCloseTo(1.25, 12);
    expect(shares.majorityLeaning.ratio).toBeCloseTo(0.5, 12);
  });
});

describe("fairness sweep above maxListUsers", () => {
  const rng = createRng(5);
  const userCount = 300;
  const itemCount = 40;
  const k = 4;
  const userFactors = Float32Array.from({ length: userCount * k }, () => rng.normal());
  const itemFactors = Float32Array.from({ length: itemCount * k }, () => rng.normal());
  const labels = Uint8Array.from({ length: userCount }, (_, u) => (u % 4 === 0 ? 0 : 1));
  const rows: [number, number, number][] = [];
  for (let u = 0; u < userCount; u++) {
    for (let i = u % 7; i < itemCount; i += 7) rows.push([u, i, 1 + ((u * 3 + i) % 5)]);
  }
  const all = ratings(rows);
  const input = {
    userFactors,
    itemFactors,
    k,
    shares: {
      proportions: {
        majority: Float64Array.of(0.7, 0.2, 0.5, 0.9),
        minority: Float64Array.of(0.3, 0.8, 0.5, 0.1),
      },
    },
    labels,
    heldOut: all,
    ratings: all,
  };
  const alphas = [0, 1, 2];

  it("measures exposure on one stratified sample of users at every α, and accuracy on every rating", () => {
    const whole = fairnessSweep(input, { alphas, minGroupRatings: 1 });
    const capped = fairnessSweep(input, { alphas, minGroupRatings: 1, maxListUsers: 100 });
    expect(whole.listUsers).toEqual({ measured: 300, of: 300 });
    expect(capped.listUsers).toEqual({ measured: 100, of: 300 });
    const sample = stratifiedSubsample(
      labels,
      Int32Array.from({ length: userCount }, (_, u) => u),
      100,
      createRng(LIST_USER_SAMPLE_SEED),
    );
    expect(sample.filter((u) => labels[u] === 0).length).toBe(25);
    capped.rows.forEach((row, a) => {
      expect(row.rmse).toEqual(whole.rows[a].rmse);
      expect(row.beyondParity).toEqual(whole.rows[a].beyondParity);
      const weights = fairnessWeights(input.shares, "minority", alphas[a]);
      const direct = listExposure(userFactors, itemFactors, k, labels, {
        weights,
        users: sample,
      });
      const leaning = itemLeaning(all, labels, itemCount, 1).leaning;
      expect(row.exposure.allLists).toEqual(leaningExposure(allListsExposure(direct), leaning));
      expect(row.exposure.minorityLists).toEqual(leaningExposure(direct.minorityUsers, leaning));
      // Every sampled minority user has a full top-10 list: 25 lists' worth of exposure.
      const listWeight = Array.from({ length: 10 }, (_, r) => 1 / Math.log2(2 + r));
      expect(direct.minorityUsers.reduce((sum, x) => sum + x, 0)).toBeCloseTo(
        25 * listWeight.reduce((sum, x) => sum + x, 0),
        9,
      );
    });
  });
});

describe("fairness config", () => {
  it("rejects alpha out of range, no alpha and a bad group", () => {
    expect(() => resolveFairnessConfig({ alphas: [0, 6] })).toThrow(
      /alpha must be a number in \[0, 5\]/,
    );
    expect(() => resolveFairnessConfig({ alphas: [-1] })).toThrow(ConfigError);
    expect(() => resolveFairnessConfig({ alphas: [] })).toThrow(/at least one alpha/);
    expect(() => resolveFairnessConfig({ group: "everyone" as unknown as "minority" })).toThrow(
      /group/,
    );
    expect(resolveFairnessConfig({}).alphas).toEqual([0, 0.5, 1, 2]);
  });
});
