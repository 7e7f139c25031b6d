import { describe, expect, it } from "vitest";
import type { Ratings } from "../../src/data/dataset.js";
import type { FactorModel } from "../../src/mf/factorModel.js";
import {
  globalMean,
  globalMeanRmse,
  predictRating,
  rmse,
  rmseOfFactors,
} from "../../src/mf/metrics.js";

// P = [[1, 2], [0, -1]], Q = [[3, 0], [1, 1], [2, 2]]
const model: FactorModel = {
  k: 2,
  userCount: 2,
  itemCount: 3,
  userFactors: Float32Array.of(1, 2, 0, -1),
  itemFactors: Float32Array.of(3, 0, 1, 1, 2, 2),
};
// Predictions: (0,0) = 3, (0,2) = 6, (1,1) = −1.
const ratings: Ratings = {
  user: Int32Array.of(0, 0, 1),
  item: Int32Array.of(0, 2, 1),
  value: Float32Array.of(4, 6, 1),
};

describe("metrics", () => {
  it("predicts p_u · q_i", () => {
    expect(predictRating(model, 0, 0)).toBe(3);
    expect(predictRating(model, 0, 2)).toBe(6);
    expect(predictRating(model, 1, 1)).toBe(-1);
    expect(() => predictRating(model, 2, 0)).toThrow(RangeError);
    expect(() => predictRating(model, 0, -1)).toThrow(RangeError);
  });

  it("computes RMSE of the model and of the global mean", () => {
    // Errors 1, 0, 2 → √(5/3).
    expect(rmse(ratings, model)).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(rmseOfFactors(ratings, model.userFactors, model.itemFactors, 2, 2, 3)).toBeCloseTo(
      Math.sqrt(5 / 3),
      12,
    );
    expect(globalMean(ratings)).toBeCloseTo(11 / 3, 12);
    // Deviations from 11/3: 1/3, 7/3, −8/3 → √((1 + 49 + 64) / 27).
    expect(globalMeanRmse(ratings, 11 / 3)).toBeCloseTo(Math.sqrt(114 / 27), 12);
  });

  it("rejects ratings outside the model and handles empty input", () => {
    const outside: Ratings = {
      user: Int32Array.of(0),
      item: Int32Array.of(3),
      value: Float32Array.of(1),
    };
    expect(() => rmse(outside, model)).toThrow(RangeError);
    const empty: Ratings = {
      user: new Int32Array(0),
      item: new Int32Array(0),
      value: new Float32Array(0),
    };
    expect(globalMean(empty)).toBe(0);
    expect(rmse(empty, model)).toBeNaN();
    expect(globalMeanRmse(empty, 3)).toBeNaN();
  });
});
