import { describe, expect, it } from "vitest";
import {
  accuracy,
  balancedAccuracy,
  binaryClassificationReport,
  majorityFloor,
  rocAuc,
} from "../../src/evaluate/metrics.js";
import { createRng } from "../../src/util/rng.js";

const u8 = (a: number[]) => Uint8Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

/** O(n²) definition of the AUC: P(score+ > score−) + ½P(tie). */
function pairwiseAuc(labels: Uint8Array, scores: Float64Array): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let k = 0; k < labels.length; k++) {
      if (labels[k] !== 0) continue;
      pairs++;
      if (scores[i] > scores[k]) sum += 1;
      else if (scores[i] === scores[k]) sum += 0.5;
    }
  }
  return sum / pairs;
}

describe("accuracy and balanced accuracy", () => {
  it("match hand-computed values", () => {
    // predictions at 0.5: 1 1 0 0 1 0 ; labels 1 0 1 0 1 1
    const labels = u8([1, 0, 1, 0, 1, 1]);
    const scores = f64([0.9, 0.6, 0.4, 0.2, 0.7, 0.1]);
    expect(accuracy(labels, scores)).toBeCloseTo(3 / 6, 15);
    // recall of 1: 2/4, recall of 0: 1/2
    expect(balancedAccuracy(labels, scores)).toBeCloseTo((2 / 4 + 1 / 2) / 2, 15);
  });

  it("counts a score equal to the threshold as a negative prediction", () => {
    expect(accuracy(u8([0, 1]), f64([0.5, 0.5]))).toBe(0.5);
    expect(accuracy(u8([0]), f64([0.5]))).toBe(1);
    expect(accuracy(u8([1]), f64([0.7]), 0.8)).toBe(0);
  });

  it("gives 0.5 balanced accuracy to a constant predictor whatever the imbalance", () => {
    const labels = u8([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    const always = f64(new Array(10).fill(0.9));
    expect(accuracy(labels, always)).toBeCloseTo(0.7, 15);
    expect(balancedAccuracy(labels, always)).toBe(0.5);
  });

  it("uses the present class's recall when one class is absent", () => {
    expect(balancedAccuracy(u8([1, 1, 1, 1]), f64([0.9, 0.9, 0.1, 0.9]))).toBe(0.75);
    expect(Number.isNaN(balancedAccuracy(u8([]), f64([])))).toBe(true);
  });

  it("rejects mismatched lengths", () => {
    expect(() => accuracy(u8([1, 0]), f64([0.1]))).toThrow(RangeError);
  });
});

describe("rocAuc", () => {
  it("averages ties: hand-computed example", () => {
    // pos 0.8, 0.3, 0.5 vs neg 0.8, 0.1: pairs 0.5 + 1 + 0 + 1 + 0 + 1 = 3.5 of 6
    const labels = u8([1, 0, 1, 0, 1]);
    const scores = f64([0.8, 0.8, 0.3, 0.1, 0.5]);
    expect(rocAuc(labels, scores)).toBeCloseTo(3.5 / 6, 15);
  });

  it("is 1 for a perfect ranking, 0 for an inverted one, 0.5 for constant scores", () => {
    const labels = u8([0, 0, 1, 1, 1]);
    expect(rocAuc(labels, f64([0.1, 0.2, 0.3, 0.4, 0.9]))).toBe(1);
    expect(rocAuc(labels, f64([0.9, 0.8, 0.3, 0.2, 0.1]))).toBe(0);
    expect(rocAuc(labels, f64([0.4, 0.4, 0.4, 0.4, 0.4]))).toBe(0.5);
  });

  it("does not depend on the threshold or a monotone transform of the scores", () => {
    const labels = u8([1, 0, 1, 1, 0, 0, 1]);
    const scores = f64([0.2, 0.1, 0.7, 0.4, 0.6, 0.3, 0.9]);
    const logits = scores.map((s) => Math.log(s / (1 - s)) * 3 - 7);
    expect(rocAuc(labels, logits)).toBeCloseTo(rocAuc(labels, scores), 15);
  });

  it("matches the pairwise definition on random data with many ties", () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(60);
      const labels = new Uint8Array(n);
      const scores = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = rng.next() < 0.65 ? 1 : 0;
        scores[i] = rng.int(6) / 5; // few distinct values: lots of ties
      }
      labels[0] = 1;
      labels[1] = 0;
      expect(rocAuc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
    }
  });

  it("is NaN when a class is absent or a score is NaN", () => {
    expect(Number.isNaN(rocAuc(u8([1, 1]), f64([0.1, 0.2])))).toBe(true);
    expect(Number.isNaN(rocAuc(u8([0, 0]), f64([0.1, 0.2])))).toBe(true);
    expect(Number.isNaN(rocAuc(u8([0, 1]), f64([Number.NaN, 0.2])))).toBe(true);
  });
});

describe("majorityFloor", () => {
  it("takes the majority class from the training labels, not the evaluated ones", () => {
    const train = u8([1, 1, 1, 0]); // majority 1
    const evaluated = u8([0, 0, 0, 1]); // here 0 is the majority
    expect(majorityFloor(evaluated, train)).toBe(0.25);
    expect(majorityFloor(evaluated, u8([0, 0, 1]))).toBe(0.75);
  });

  it("breaks a training tie towards class 1", () => {
    expect(majorityFloor(u8([1, 0, 0]), u8([1, 0]))).toBeCloseTo(1 / 3, 15);
  });
});

describe("binaryClassificationReport", () => {
  it("gathers the metrics and the predicted and actual positive rates", () => {
    const labels = u8([1, 0, 1, 0, 1, 1]);
    const scores = f64([0.9, 0.6, 0.4, 0.2, 0.7, 0.1]);
    const report = binaryClassificationReport(labels, scores, u8([0, 0, 1]));
    expect(report).toEqual({
      n: 6,
      accuracy: accuracy(labels, scores),
      balancedAccuracy: balancedAccuracy(labels, scores),
      auc: rocAuc(labels, scores),
      majorityFloor: 2 / 6,
      positiveRate: 3 / 6,
      labelPositiveRate: 4 / 6,
    });
    const strict = binaryClassificationReport(labels, scores, u8([1]), 0.65);
    expect(strict.positiveRate).toBeCloseTo(2 / 6, 15);
    expect(strict.accuracy).toBeCloseTo(4 / 6, 15);
  });
});
