import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { binaryClassificationReport } from "../../src/evaluate/metrics.js";
import { stratifiedSplit } from "../../src/evaluate/stratifiedSplit.js";
import {
  DEFAULT_CLASSIFIER_CONFIG,
  type EpochRecord,
  fitClassifier,
} from "../../src/nn/fitClassifier.js";
import { bceLoss } from "../../src/nn/loss.js";
import { predictRows } from "../../src/nn/mlp.js";
import { gather, selectColumns } from "../../src/util/columns.js";
import { createRng } from "../../src/util/rng.js";
import { plantedData } from "./planted.js";

const data = plantedData(1000, 20, 1);
const targets = [data.y1, data.y2];
const strata = Uint8Array.from(data.y1, (v, i) => v * 2 + data.y2[i]);
const [train, validation, test] = stratifiedSplit(strata, [0.7, 0.1, 0.2], createRng(2));
const split = { train, validation };

/**
 * Mean BCE over outputs of the returned (raw-input) net on `rows`, via the public predictor.
 * bceLoss clips probabilities at 1e-7, so it can differ from the logit-based training loss
 * by up to ~1e-7: compare to 6 digits.
 */
function meanBce(fitNet: Parameters<typeof predictRows>[0], rows: Int32Array): number {
  const p = predictRows(fitNet, data.x, rows);
  let sum = 0;
  for (let o = 0; o < 2; o++)
    sum += bceLoss(gather(targets[o], rows), selectColumns(p, rows.length, 2, [o]));
  return sum / 2;
}

describe("fitClassifier on planted data", () => {
  const fit = fitClassifier(data.x, targets, split, undefined, createRng(3));

  it("learns both outputs: balanced accuracy well above 0.5, accuracy above the floor", () => {
    const p = predictRows(fit.net, data.x, test);
    for (let o = 0; o < 2; o++) {
      const report = binaryClassificationReport(
        gather(targets[o], test),
        selectColumns(p, test.length, 2, [o]),
        gather(targets[o], train),
      );
      expect(report.majorityFloor).toBeGreaterThan(0.6);
      expect(report.balancedAccuracy, `output ${o}`).toBeGreaterThan(0.72);
      expect(report.accuracy, `output ${o}`).toBeGreaterThan(report.majorityFloor + 0.08);
      expect(report.auc, `output ${o}`).toBeGreaterThan(0.85);
    }
  });

  it("records a history whose training loss falls", () => {
    const h = fit.history;
    expect(h[0].epoch).toBe(1);
    expect(h[h.length - 1].epoch).toBe(h.length);
    expect(h[h.length - 1].trainLoss).toBeLessThan(h[0].trainLoss - 0.1);
    expect(h[0].trainAccuracy).toHaveLength(2);
    expect(h[0].validationAccuracy).toHaveLength(2);
  });

  it("stops early, patience epochs after the best validation loss, and restores that epoch", () => {
    const h = fit.history;
    expect(h.length).toBeLessThan(DEFAULT_CLASSIFIER_CONFIG.epochs);
    expect(h.length).toBe(fit.bestEpoch + DEFAULT_CLASSIFIER_CONFIG.patience);
    const best = Math.min(...h.map((r) => r.validationLoss));
    expect(h[fit.bestEpoch - 1].validationLoss).toBe(best);
    // The returned net (raw inputs, scaling folded in, dropout off) reproduces the recorded
    // validation loss of the best epoch, and not that of the last one.
    expect(meanBce(fit.net, validation)).toBeCloseTo(best, 6);
    expect(Math.abs(meanBce(fit.net, validation) - h[h.length - 1].validationLoss)).toBeGreaterThan(
      1e-6,
    );
    expect(meanBce(fit.net, train)).toBeCloseTo(h[fit.bestEpoch - 1].trainLoss, 6);
  });

  it("returns the train-row scaling it folded into the net", () => {
    const scaling = fit.inputScaling!;
    let mean5 = 0;
    for (const i of train) mean5 += data.x[i * 20 + 5];
    expect(scaling.mean[5]).toBeCloseTo(mean5 / train.length, 12);
    expect(scaling.scale[1]).toBeGreaterThan(0.5); // column 1 has std ≈ 1.05
    expect(scaling.scale[0]).toBeLessThan(0.1); // column 0 has std ≈ 0.05
  });
});

describe("fitClassifier mechanics", () => {
  const quick = { epochs: 8 };

  it("is deterministic: the same seed gives byte-identical weights and history", () => {
    const a = fitClassifier(data.x, targets, split, quick, createRng(42));
    const b = fitClassifier(data.x, targets, split, quick, createRng(42));
    const c = fitClassifier(data.x, targets, split, quick, createRng(43));
    for (const key of ["w1", "b1", "w2", "b2"] as const) {
      expect(Buffer.from(a.net[key].buffer).equals(Buffer.from(b.net[key].buffer))).toBe(true);
    }
    expect(a.history).toEqual(b.history);
    expect(Buffer.from(a.net.w1.buffer).equals(Buffer.from(c.net.w1.buffer))).toBe(false);
  });

  it("trains the same weights whether or not it tracks training metrics", () => {
    const tracked = fitClassifier(data.x, targets, split, quick, createRng(9));
    const untracked = fitClassifier(
      data.x,
      targets,
      split,
      { ...quick, trackTrainingMetrics: false },
      createRng(9),
    );
    expect(untracked.net).toEqual(tracked.net);
    expect(untracked.history.map((h) => h.validationLoss)).toEqual(
      tracked.history.map((h) => h.validationLoss),
    );
    expect(untracked.history.every((h) => Number.isNaN(h.trainLoss))).toBe(true);
  });

  it("accepts Float32Array inputs", () => {
    const f32 = fitClassifier(Float32Array.from(data.x), targets, split, quick, createRng(1));
    expect(f32.net.w1.every(Number.isFinite)).toBe(true);
    expect(f32.history).toHaveLength(8);
  });

  it("calls onEpoch with every record, in order", () => {
    const seen: EpochRecord[] = [];
    const fit = fitClassifier(data.x, targets, split, quick, createRng(1), (r) => seen.push(r));
    expect(seen).toEqual(fit.history);
  });

  it("without validation rows runs every epoch and returns the last weights", () => {
    const fit = fitClassifier(
      data.x,
      targets,
      { train, validation: new Int32Array(0) },
      quick,
      createRng(1),
    );
    expect(fit.history).toHaveLength(8);
    expect(fit.bestEpoch).toBe(8);
    expect(Number.isNaN(fit.history[7].validationLoss)).toBe(true);
    expect(meanBce(fit.net, train)).toBeCloseTo(fit.history[7].trainLoss, 6);
  });

  it("without standardization returns the net as trained and a null scaling", () => {
    const fit = fitClassifier(
      data.x,
      targets,
      split,
      { ...quick, standardize: false },
      createRng(1),
    );
    expect(fit.inputScaling).toBeNull();
    expect(meanBce(fit.net, train)).toBeCloseTo(fit.history[fit.bestEpoch - 1].trainLoss, 6);
  });

  it("dropout off during training changes the weights (dropout is really applied)", () => {
    const on = fitClassifier(data.x, targets, split, quick, createRng(5));
    const off = fitClassifier(data.x, targets, split, { ...quick, dropout: 0 }, createRng(5));
    expect(Buffer.from(on.net.w1.buffer).equals(Buffer.from(off.net.w1.buffer))).toBe(false);
  });

  it("rejects invalid configuration and inputs", () => {
    const rng = createRng(1);
    expect(() => fitClassifier(data.x, targets, split, { dropout: 1 }, rng)).toThrow(ConfigError);
    expect(() => fitClassifier(data.x, targets, split, { hiddenSize: 0 }, rng)).toThrow(
      ConfigError,
    );
    expect(() => fitClassifier(data.x, targets, split, { batchSize: 2.5 }, rng)).toThrow(
      ConfigError,
    );
    expect(() => fitClassifier(data.x.subarray(1), targets, split, quick, rng)).toThrow(
      /not a multiple/,
    );
    expect(() =>
      fitClassifier(data.x, targets, { train: Int32Array.from([5000]), validation }, quick, rng),
    ).toThrow(/train row 5000 is outside/);
  });
});
