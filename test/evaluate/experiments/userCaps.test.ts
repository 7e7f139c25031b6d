import { describe, expect, it } from "vitest";
import type {
  BinaryClassifier,
  ClassifierData,
} from "../../../src/evaluate/classifiers/binaryClassifier.js";
import { createClassifiers } from "../../../src/evaluate/classifiers/createClassifiers.js";
import { logisticClassifier } from "../../../src/evaluate/classifiers/logisticClassifier.js";
import { resolveExperimentConfig } from "../../../src/evaluate/experiments/experimentConfig.js";
import { runSeed } from "../../../src/evaluate/experiments/seedRun.js";
import type { ClassifierName } from "../../../src/evaluate/experiments/types.js";
import { stratifiedSplit } from "../../../src/evaluate/stratifiedSplit.js";
import { createRng } from "../../../src/util/rng.js";

const USERS = 600;
const K = 8;

/** Factors with the label planted in the first two columns, 70% majority. */
function plantedFactors(): { factors: Float32Array; labels: Uint8Array } {
  const rng = createRng(5);
  const labels = new Uint8Array(USERS);
  const factors = new Float32Array(USERS * K);
  for (let u = 0; u < USERS; u++) {
    labels[u] = rng.next() < 0.7 ? 1 : 0;
    for (let j = 0; j < K; j++) factors[u * K + j] = rng.normal() + (j < 2 ? labels[u] : 0);
  }
  return { factors, labels };
}

/** Logistic regression that records the rows each fit was given. */
function recording(name: ClassifierName, superLinear: boolean) {
  const seen: ClassifierData[] = [];
  const inner = logisticClassifier();
  const classifier: BinaryClassifier = {
    name,
    threshold: inner.threshold,
    superLinear,
    fitScore(data, rng) {
      seen.push(data);
      return inner.fitScore(data, rng);
    },
  };
  return { classifier, seen };
}

function runCapped(maxUsers: number, maxSuperLinearTrainUsers: number) {
  const { factors, labels } = plantedFactors();
  const config = resolveExperimentConfig(
    {
      protocol: "quick",
      methods: ["deepunhide", "variance", "random"],
      e2Ns: [4],
      e3N: 4,
      e3Classifiers: ["logistic", "svm-rbf"],
      maxUsers,
      maxSuperLinearTrainUsers,
      classifier: { epochs: 30 },
    },
    K,
  );
  const linear = recording("logistic", false);
  const superLinear = recording("svm-rbf", true);
  const classifiers = new Map<ClassifierName, BinaryClassifier>([
    ["logistic", linear.classifier],
    ["svm-rbf", superLinear.classifier],
  ]);
  runSeed({ factors, users: USERS, k: K, config }, "gender", labels, 11, classifiers);
  return { labels, linear: linear.seen, superLinear: superLinear.seen };
}

const share = (labels: Uint8Array, rows: Int32Array): number =>
  rows.reduce((sum, r) => sum + labels[r], 0) / rows.length;

describe("the experiments' user caps", () => {
  it("leave a seed's split as it was when the data set is under the caps", () => {
    const { labels, linear, superLinear } = runCapped(10_000, 2_000);
    const [train, validation, test] = stratifiedSplit(
      labels,
      [0.7, 0.1, 0.2],
      createRng(11).fork("split"),
    );
    for (const data of [...linear, ...superLinear]) {
      expect(data.train).toEqual(train);
      expect(data.validation).toEqual(validation);
      expect(data.test).toEqual(test);
    }
  });

  it("split a stratified subsample of maxUsers, and give super-linear classifiers a paired subsample of the training users", () => {
    const { labels, linear, superLinear } = runCapped(300, 100);
    const first = linear[0];
    expect(first.train.length + first.validation.length + first.test.length).toBe(300);
    expect(first.train).toHaveLength(210);
    expect(first.test).toHaveLength(60);
    const all = new Set([...first.train, ...first.validation, ...first.test]);
    expect(all.size).toBe(300);
    // Each part keeps the population's class balance (stratified twice).
    expect(
      Math.abs(share(labels, first.train) - share(labels, Int32Array.from(labels.keys()))),
    ).toBeLessThan(0.01);
    // Every method of the seed sees the same users: the comparisons stay paired.
    expect(linear).toHaveLength(3);
    for (const data of linear) expect(data.train).toEqual(first.train);
    expect(superLinear).toHaveLength(3);
    const capped = superLinear[0].train;
    expect(capped).toHaveLength(100);
    const trainSet = new Set(first.train);
    expect([...capped].every((r) => trainSet.has(r))).toBe(true);
    expect(Math.abs(share(labels, capped) - share(labels, first.train))).toBeLessThan(0.01);
    for (const data of superLinear) {
      expect(data.train).toEqual(capped);
      // Scored on every test user of the seed, as the other classifiers are.
      expect(data.test).toEqual(first.test);
    }
  });

  it("caps the RBF SVM and the random forest, whose fits grow faster than linearly, and no other", async () => {
    const classifiers = await createClassifiers();
    const capped = [...classifiers.values()]
      .filter((c) => c.superLinear === true)
      .map((c) => c.name);
    expect(capped.sort()).toEqual(["random-forest", "svm-rbf"]);
  });

  it("are tighter in the quick protocol, and an explicit value wins", () => {
    const full = resolveExperimentConfig({}, K);
    const quick = resolveExperimentConfig({ protocol: "quick" }, K);
    expect([full.maxUsers, full.maxSuperLinearTrainUsers]).toEqual([10_000, 2_000]);
    expect([quick.maxUsers, quick.maxSuperLinearTrainUsers]).toEqual([3_000, 1_000]);
    expect(resolveExperimentConfig({ protocol: "quick", maxUsers: 8_000 }, K).maxUsers).toBe(8_000);
  });
});
