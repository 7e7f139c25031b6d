import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { classifierReport } from "../../../src/evaluate/classifiers/binaryClassifier.js";
import { type LibsvmModule, loadLibsvm } from "../../../src/evaluate/classifiers/libsvm.js";
import {
  fitSvm,
  type SvmKernel,
  svmClassifier,
  svmDecisionValues,
} from "../../../src/evaluate/classifiers/svm.js";
import { createRng } from "../../../src/util/rng.js";
import { plantedData } from "./plantedData.js";

const libsvm: LibsvmModule = await loadLibsvm();

/** `rows` reordered so that its first row has class `first`. */
function withFirstClass(rows: Int32Array, labels: Uint8Array, first: 0 | 1): Int32Array {
  const out = Int32Array.from(rows);
  const at = out.findIndex((row) => labels[row] === first);
  [out[0], out[at]] = [out[at], out[0]];
  return out;
}

describe("svmClassifier on planted data", () => {
  it("both kernels learn a linear rule: AUC > 0.9 and accuracy well above the majority floor", () => {
    for (const kernel of ["linear", "rbf"] as const) {
      const svm = svmClassifier(libsvm, kernel);
      for (const seed of [1, 2]) {
        const data = plantedData("linear", seed);
        const report = classifierReport(svm, data, svm.fitScore(data, createRng(seed)));
        expect(report.auc).toBeGreaterThan(0.9);
        expect(report.accuracy).toBeGreaterThan(report.majorityFloor + 0.15);
      }
    }
  });

  it("the RBF kernel learns XOR (AUC > 0.85) where the linear one cannot (AUC < 0.65)", () => {
    // Few noise features: the RBF width is shared by all of them, and with 18 noise
    // features out of 20 its XOR AUC falls to ~0.7 on 560 training rows.
    const linear = svmClassifier(libsvm, "linear");
    const rbf = svmClassifier(libsvm, "rbf");
    for (const seed of [1, 2, 3]) {
      const data = plantedData("xor", seed, 800, 5);
      const linearAuc = classifierReport(linear, data, linear.fitScore(data, createRng(1))).auc;
      const rbfAuc = classifierReport(rbf, data, rbf.fitScore(data, createRng(1))).auc;
      expect(linearAuc).toBeLessThan(0.65);
      expect(rbfAuc).toBeGreaterThan(0.85);
    }
  });

  it("is deterministic and has threshold 0 (decision values)", () => {
    const svm = svmClassifier(libsvm, "rbf");
    const data = plantedData("linear", 3);
    expect(svm.threshold).toBe(0);
    expect(svm.name).toBe("svm-rbf");
    expect(svmClassifier(libsvm, "linear").name).toBe("svm-linear");
    expect(svm.fitScore(data, createRng(1))).toEqual(svm.fitScore(data, createRng(2)));
  });
});

describe("fitSvm: orientation of the decision values", () => {
  const data = plantedData("linear", 4, 400, 6);

  for (const kernel of ["linear", "rbf"] as SvmKernel[]) {
    it(`${kernel}: positive means class 1 whichever class the first training row has`, () => {
      const scores: Float64Array[] = [];
      for (const first of [0, 1] as const) {
        const train = withFirstClass(data.train, data.labels, first);
        const model = fitSvm(libsvm, data.x, data.width, data.labels, train, kernel);
        const ours = svmDecisionValues(model, data.x, data.test);
        scores.push(ours);

        // libsvm's own labels, from an identical libsvm model on the same scaled rows.
        const scaled = (row: number): Float64Array =>
          Float64Array.from({ length: data.width }, (_, j) => {
            const s = model.scaling!;
            return (data.x[row * data.width + j] - s.mean[j]) / s.scale[j];
          });
        const raw = new libsvm({
          type: libsvm.SVM_TYPES.C_SVC,
          kernel: kernel === "linear" ? libsvm.KERNEL_TYPES.LINEAR : libsvm.KERNEL_TYPES.RBF,
          gamma: kernel === "linear" ? undefined : model.gamma,
          cost: 1,
          tolerance: 1e-3,
          quiet: true,
        });
        raw.train(
          Array.from(train, scaled),
          Array.from(train, (row) => data.labels[row]),
        );
        try {
          // The case this test exists for: libsvm's label order follows the first row.
          expect(raw.getLabels()).toEqual(first === 1 ? [1, 0] : [0, 1]);
          let agree = 0;
          data.test.forEach((row, i) => {
            if ((ours[i] > 0 ? 1 : 0) === raw.predictOne(scaled(row))) agree++;
          });
          expect(agree).toBe(data.test.length);
        } finally {
          raw.free();
        }
      }
      // The same problem in a different row order: the same decision function.
      for (let i = 0; i < scores[0].length; i++) {
        expect(scores[1][i]).toBeCloseTo(scores[0][i], 2);
      }
    });
  }

  it('uses scikit-learn\'s "scale" gamma: 1/width after standardization, 1/(width·Var) without', () => {
    const model = fitSvm(libsvm, data.x, data.width, data.labels, data.train, "rbf");
    expect(model.gamma).toBeCloseTo(1 / data.width, 12);
    const tripled = data.x.map((v) => 3 * v + 1);
    let sum = 0;
    let squares = 0;
    for (const row of data.train) {
      for (let j = 0; j < data.width; j++) sum += tripled[row * data.width + j];
    }
    const count = data.train.length * data.width;
    for (const row of data.train) {
      for (let j = 0; j < data.width; j++) {
        squares += (tripled[row * data.width + j] - sum / count) ** 2;
      }
    }
    const raw = fitSvm(libsvm, tripled, data.width, data.labels, data.train, "rbf", {
      standardize: false,
    });
    expect(raw.gamma).toBeCloseTo(1 / (data.width * (squares / count)), 12);
    expect(raw.gamma).toBeLessThan(model.gamma / 5);
  });

  it("a linear model's weights point along the planted rule", () => {
    const model = fitSvm(libsvm, data.x, data.width, data.labels, data.train, "linear");
    const w = model.weights!;
    for (let j = 0; j < 3; j++) expect(w[j]).toBeGreaterThan(0.5);
    for (let j = 3; j < data.width; j++) expect(Math.abs(w[j])).toBeLessThan(w[0] / 3);
  });

  it("rejects bad settings", () => {
    expect(() => svmClassifier(libsvm, "rbf", { cost: 0 })).toThrow(ConfigError);
    expect(() => svmClassifier(libsvm, "rbf", { gamma: -1 })).toThrow(ConfigError);
  });
});
