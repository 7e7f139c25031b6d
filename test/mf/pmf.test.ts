import { describe, expect, it } from "vitest";
import type { Ratings } from "../../src/data/dataset.js";
import { ConfigError, TrainingError } from "../../src/errors.js";
import { globalMean, globalMeanRmse, rmse } from "../../src/mf/metrics.js";
import { DEFAULT_PMF_CONFIG, fitPmf, resolvePmfConfig } from "../../src/mf/pmf.js";
import { splitRatings } from "../../src/mf/splitRatings.js";
import { createRng } from "../../src/util/rng.js";
import { plantedRatings } from "./plantedRatings.js";

const USERS = 120;
const ITEMS = 90;
const planted = plantedRatings(USERS, ITEMS, 3, 0.5, 0.1, 11);
const small = { k: 8, epochs: 60, learningRate: 0.02, regularization: 0.02 };

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe("fitPmf", () => {
  it("recovers held-out ratings of a planted low-rank matrix far better than the mean", () => {
    const { train, test } = splitRatings(planted, 0.2, createRng(1));
    const model = fitPmf(train, USERS, ITEMS, small, createRng(2));
    const baseline = globalMeanRmse(test, globalMean(train));
    const testRmse = rmse(test, model);
    // The planted signal has std ≈ √3 ≈ 1.7 and noise 0.1.
    expect(baseline).toBeGreaterThan(1.4);
    expect(testRmse).toBeLessThan(0.15 * baseline);
    expect(model.history).toHaveLength(small.epochs);
    expect(model.history[small.epochs - 1].trainRmse).toBeLessThan(model.history[0].trainRmse / 3);
  });

  it("returns factors of the documented shape and reports every epoch", () => {
    const seen: [number, number][] = [];
    const model = fitPmf(planted, USERS + 5, ITEMS, { k: 3, epochs: 4 }, createRng(3), (e, r) =>
      seen.push([e, r]),
    );
    expect(model.userFactors).toHaveLength((USERS + 5) * 3);
    expect(model.itemFactors).toHaveLength(ITEMS * 3);
    expect(seen).toEqual(model.history.map((h) => [h.epoch, h.trainRmse]));
    expect(seen.map(([e]) => e)).toEqual([1, 2, 3, 4]);
  });

  it("is deterministic per seed and leaves the caller's ratings untouched", () => {
    const copy: Ratings = {
      user: planted.user.slice(),
      item: planted.item.slice(),
      value: planted.value.slice(),
    };
    const a = fitPmf(planted, USERS, ITEMS, { k: 6, epochs: 5 }, createRng(7));
    const b = fitPmf(planted, USERS, ITEMS, { k: 6, epochs: 5 }, createRng(7));
    const c = fitPmf(planted, USERS, ITEMS, { k: 6, epochs: 5 }, createRng(8));
    expect(bytesOf(a.userFactors)).toEqual(bytesOf(b.userFactors));
    expect(bytesOf(a.itemFactors)).toEqual(bytesOf(b.itemFactors));
    expect(a.history).toEqual(b.history);
    expect(bytesOf(a.userFactors)).not.toEqual(bytesOf(c.userFactors));
    expect(planted).toEqual(copy);
  });

  it("throws a TrainingError naming the learning rate when SGD diverges", () => {
    const run = () => fitPmf(planted, USERS, ITEMS, { k: 8, learningRate: 10 }, createRng(1));
    expect(run).toThrow(TrainingError);
    expect(run).toThrow(/learning rate 10\b.*smaller/);
  });

  it("starts near the global mean with init globalMean", () => {
    const model = fitPmf(
      planted,
      USERS,
      ITEMS,
      { k: 16, epochs: 1, init: "globalMean", initScale: 0, learningRate: 1e-9 },
      createRng(1),
    );
    // With no noise and a negligible step, every prediction is the mean.
    expect(rmse(planted, model)).toBeCloseTo(globalMeanRmse(planted, globalMean(planted)), 4);
  });

  it("rejects invalid configuration and indices with ConfigError", () => {
    const bad: object[] = [
      { k: 0 },
      { k: 2.5 },
      { epochs: 0 },
      { learningRate: 0 },
      { learningRate: Number.NaN },
      { regularization: -0.1 },
      { initScale: -1 },
      { init: "uniform", initScale: 0 },
      { init: "gaussian" },
    ];
    for (const config of bad) {
      expect(() => resolvePmfConfig(config), JSON.stringify(config)).toThrow(ConfigError);
    }
    expect(() => fitPmf(planted, USERS - 1, ITEMS, { epochs: 1 }, createRng(1))).toThrow(
      ConfigError,
    );
    expect(() => fitPmf(planted, USERS, ITEMS - 1, { epochs: 1 }, createRng(1))).toThrow(
      ConfigError,
    );
  });

  it("fills unset and undefined fields from the documented defaults", () => {
    expect(resolvePmfConfig(undefined)).toEqual(DEFAULT_PMF_CONFIG);
    expect(resolvePmfConfig({ k: 7, epochs: undefined })).toEqual({ ...DEFAULT_PMF_CONFIG, k: 7 });
    expect(DEFAULT_PMF_CONFIG).toMatchObject({ k: 100, learningRate: 0.01, regularization: 0.1 });
  });
});
