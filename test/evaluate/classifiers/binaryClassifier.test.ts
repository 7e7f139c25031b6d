import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import {
  type BinaryClassifier,
  type ClassifierData,
  checkClassifierData,
  classifierReport,
} from "../../../src/evaluate/classifiers/binaryClassifier.js";

const data: ClassifierData = {
  x: new Float64Array(12),
  width: 2,
  labels: Uint8Array.from([1, 0, 1, 0, 1, 1]),
  train: Int32Array.from([0, 1]),
  validation: Int32Array.from([]),
  test: Int32Array.from([2, 3, 4, 5]),
};

describe("checkClassifierData", () => {
  it("accepts consistent data", () => {
    expect(() => checkClassifierData(data)).not.toThrow();
  });

  it("rejects a feature matrix of the wrong size, rows out of range and one-class training", () => {
    expect(() => checkClassifierData({ ...data, width: 3 })).toThrow(ConfigError);
    expect(() => checkClassifierData({ ...data, test: Int32Array.from([6]) })).toThrow(ConfigError);
    expect(() => checkClassifierData({ ...data, validation: Int32Array.from([-1]) })).toThrow(
      ConfigError,
    );
    expect(() => checkClassifierData({ ...data, train: Int32Array.from([0, 2]) })).toThrow(
      /only class 1/,
    );
  });
});

describe("classifierReport", () => {
  it("thresholds at the classifier's own threshold", () => {
    // Decision values: the sign is the prediction. At 0.5, the 0.3 would count as class 0.
    const scores = Float64Array.from([0.3, -2, 1.5, -0.1]);
    const svmLike = { name: "svm-linear", threshold: 0 } as BinaryClassifier;
    const probabilityLike = { name: "logistic", threshold: 0.5 } as BinaryClassifier;
    const atZero = classifierReport(svmLike, data, scores);
    expect(atZero.accuracy).toBe(0.75); // test labels 1 0 1 1: only -0.1 (label 1) is wrong
    expect(atZero.n).toBe(4);
    expect(atZero.majorityFloor).toBe(0.75); // training majority tie → class 1
    expect(classifierReport(probabilityLike, data, scores).accuracy).toBe(0.5);
  });
});
