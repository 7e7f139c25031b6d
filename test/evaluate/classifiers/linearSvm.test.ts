import { describe, expect, it } from "vitest";
import { classifierReport } from "../../../src/evaluate/classifiers/binaryClassifier.js";
import { loadLibsvm } from "../../../src/evaluate/classifiers/libsvm.js";
import {
  fitLinearSvm,
  linearSvmClassifier,
  linearSvmDecisionValues,
} from "../../../src/evaluate/classifiers/linearSvm.js";
import { fitSvm, svmDecisionValues } from "../../../src/evaluate/classifiers/svm.js";
import { spearman } from "../../../src/evaluate/spearman.js";
import { applyInputScaling } from "../../../src/nn/inputScaling.js";
import { createRng } from "../../../src/util/rng.js";
import { plantedData } from "./plantedData.js";

describe("fitLinearSvm (dual coordinate descent)", () => {
  it("minimizes the primal objective: the default stop is within 1% of a long run, which no small move improves", () => {
    const data = plantedData("linear", 3);
    const solve = (config: { tolerance?: number; maxEpochs?: number }) =>
      fitLinearSvm(data.x, data.width, data.labels, data.train, createRng(1), config);
    const quick = solve({});
    const long = solve({ tolerance: 1e-9, maxEpochs: 5000 });
    expect(quick.converged).toBe(true);
    expect(long.epochs).toBeGreaterThan(quick.epochs);
    const z = applyInputScaling(data.x, data.width, long.scaling);
    // ½‖(w, b)‖² + C Σ hinge: the problem the solver states (bias regularized, C = 1).
    const primal = (w: Float64Array, b: number) => {
      let value = 0.5 * b * b;
      for (const wj of w) value += 0.5 * wj * wj;
      for (const row of data.train) {
        let m = b;
        for (let j = 0; j < data.width; j++) m += w[j] * z[row * data.width + j];
        value += Math.max(0, 1 - (data.labels[row] === 1 ? 1 : -1) * m);
      }
      return value;
    };
    const best = primal(long.weights, long.bias);
    expect(primal(quick.weights, quick.bias)).toBeLessThan(1.01 * best);
    const rng = createRng(5);
    for (let trial = 0; trial < 30; trial++) {
      const w = long.weights.map((wj) => wj + 0.01 * rng.normal());
      const b = long.bias + 0.01 * rng.normal();
      expect(primal(w, b)).toBeGreaterThan(best - 1e-4 * best);
    }
  });

  it("ranks test users like LIBSVM's linear kernel and learns a linear rule", async () => {
    const libsvm = await loadLibsvm();
    for (const seed of [1, 2]) {
      const data = plantedData("linear", seed);
      const ours = linearSvmDecisionValues(
        fitLinearSvm(data.x, data.width, data.labels, data.train, createRng(seed)),
        data.x,
        data.test,
      );
      const theirs = svmDecisionValues(
        fitSvm(libsvm, data.x, data.width, data.labels, data.train, "linear"),
        data.x,
        data.test,
      );
      expect(spearman(ours, theirs)).toBeGreaterThan(0.98);
      const svm = linearSvmClassifier();
      const report = classifierReport(svm, data, svm.fitScore(data, createRng(seed)));
      expect(report.auc).toBeGreaterThan(0.9);
      expect(report.accuracy).toBeGreaterThan(report.majorityFloor + 0.15);
    }
  });

  it("cannot learn XOR, and is deterministic per seed", () => {
    const data = plantedData("xor", 1, 800, 5);
    const svm = linearSvmClassifier();
    const scores = svm.fitScore(data, createRng(4));
    expect(classifierReport(svm, data, scores).auc).toBeLessThan(0.65);
    expect(svm.fitScore(data, createRng(4))).toEqual(scores);
  });
});
