import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import {
  type BinaryClassifier,
  classifierReport,
} from "../../../src/evaluate/classifiers/binaryClassifier.js";
import { createClassifiers } from "../../../src/evaluate/classifiers/createClassifiers.js";
import { E3_CLASSIFIERS } from "../../../src/evaluate/experiments/types.js";
import { createRng } from "../../../src/util/rng.js";
import { plantedData } from "./plantedData.js";

const classifiers = await createClassifiers({ mln: { epochs: 300 } });
const data = plantedData("linear", 21);

describe("createClassifiers", () => {
  it("builds the MLN and every E3 classifier, each under its own name", () => {
    expect([...classifiers.keys()].sort()).toEqual([...E3_CLASSIFIERS, "mln"].sort());
    for (const [name, classifier] of classifiers) expect(classifier.name).toBe(name);
  });

  it("thresholds probabilities at 0.5 and SVM decision values at 0", () => {
    const thresholds = Object.fromEntries([...classifiers].map(([name, c]) => [name, c.threshold]));
    expect(thresholds).toEqual({
      mln: 0.5,
      logistic: 0.5,
      "svm-linear": 0,
      "svm-rbf": 0,
      "random-forest": 0.5,
    });
  });

  it("rejects invalid settings before any fit", async () => {
    await expect(createClassifiers({ randomForest: { trees: 0 } })).rejects.toThrow(ConfigError);
    await expect(createClassifiers({ svm: { cost: -1 } })).rejects.toThrow(ConfigError);
  });
});

describe.each([...classifiers.values()].map((c): [string, BinaryClassifier] => [c.name, c]))(
  "%s on a planted linear rule",
  (_name, classifier) => {
    const scores = classifier.fitScore(data, createRng(5));
    const report = classifierReport(classifier, data, scores);

    it("scores every test row, reproducibly for a seed", () => {
      expect(scores.length).toBe(data.test.length);
      expect(classifier.fitScore(data, createRng(5))).toEqual(scores);
    });

    it("beats the majority floor clearly, with AUC > 0.85", () => {
      expect(report.auc).toBeGreaterThan(0.85);
      expect(report.accuracy).toBeGreaterThan(report.majorityFloor + 0.15);
      expect(report.balancedAccuracy).toBeGreaterThan(0.75);
    });

    it("returns probabilities in [0, 1] where its threshold is 0.5", () => {
      if (classifier.threshold !== 0.5) return;
      for (const s of scores) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }
    });

    it("refuses a training set with one class", () => {
      const ones = data.train.filter((row) => data.labels[row] === 1);
      expect(() => classifier.fitScore({ ...data, train: ones }, createRng(5))).toThrow(
        ConfigError,
      );
    });
  },
);
