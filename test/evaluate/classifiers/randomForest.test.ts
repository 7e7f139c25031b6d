import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { classifierReport } from "../../../src/evaluate/classifiers/binaryClassifier.js";
import {
  fitRandomForest,
  predictRandomForest,
  type RandomForest,
  randomForestClassifier,
} from "../../../src/evaluate/classifiers/randomForest.js";
import { createRng } from "../../../src/util/rng.js";
import { plantedData } from "./plantedData.js";

const all = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** Depth of the deepest leaf of tree t. */
function treeDepth(forest: RandomForest, node: number): number {
  if (forest.feature[node] < 0) return 0;
  return 1 + Math.max(treeDepth(forest, forest.left[node]), treeDepth(forest, forest.right[node]));
}

/** The leaf a row of x ends in. */
function leafOf(forest: RandomForest, root: number, x: Float64Array, row: number): number {
  let node = root;
  while (forest.feature[node] >= 0) {
    const v = x[row * forest.width + forest.feature[node]];
    node = v <= forest.threshold[node] ? forest.left[node] : forest.right[node];
  }
  return node;
}

describe("fitRandomForest: one tree", () => {
  it("splits one separable feature at the midpoint of the gap between the classes, then stops", () => {
    // Class 0 up to 0.3, class 1 from 0.5: the only zero-impurity split is between them.
    const x = Float64Array.from([0.5, -1, 0.3, 2, 0.1, 0.9, -0.2, 0.6]);
    const labels = Uint8Array.from(x, (v) => (v > 0.4 ? 1 : 0));
    const forest = fitRandomForest(
      x,
      1,
      labels,
      all(8),
      { trees: 1, bootstrap: false },
      createRng(1),
    );
    expect(forest.feature.length).toBe(3);
    const root = forest.roots[0];
    expect(forest.feature[root]).toBe(0);
    expect(forest.threshold[root]).toBeCloseTo(0.4, 15);
    expect(forest.value[forest.left[root]]).toBe(0);
    expect(forest.value[forest.right[root]]).toBe(1);
    expect(forest.feature[forest.left[root]]).toBe(-1);
    expect(forest.feature[forest.right[root]]).toBe(-1);
  });

  it("grown fully on distinct rows with every feature tried, it fits the training labels exactly", () => {
    const data = plantedData("xor", 4, 300, 5);
    const forest = fitRandomForest(
      data.x,
      data.width,
      data.labels,
      data.train,
      { trees: 1, bootstrap: false, maxFeatures: data.width },
      createRng(2),
    );
    const scores = predictRandomForest(forest, data.x, data.train);
    scores.forEach((s, i) => {
      expect(s).toBe(data.labels[data.train[i]]);
    });
  });

  it("respects maxDepth and minSamplesLeaf", () => {
    const data = plantedData("linear", 5, 400, 6);
    const shallow = fitRandomForest(
      data.x,
      6,
      data.labels,
      data.train,
      { trees: 5, maxDepth: 2 },
      createRng(3),
    );
    for (const root of shallow.roots) expect(treeDepth(shallow, root)).toBeLessThanOrEqual(2);
    const stump = fitRandomForest(
      data.x,
      6,
      data.labels,
      data.train,
      { trees: 1, maxDepth: 0, bootstrap: false },
      createRng(3),
    );
    let positives = 0;
    for (const row of data.train) positives += data.labels[row];
    expect(stump.feature.length).toBe(1);
    expect(stump.value[0]).toBeCloseTo(positives / data.train.length, 15);

    const leafy = fitRandomForest(
      data.x,
      6,
      data.labels,
      data.train,
      { trees: 1, bootstrap: false, minSamplesLeaf: 7 },
      createRng(3),
    );
    const counts = new Map<number, number>();
    for (const row of data.train) {
      const leaf = leafOf(leafy, leafy.roots[0], data.x, row);
      counts.set(leaf, (counts.get(leaf) ?? 0) + 1);
    }
    expect(counts.size).toBeGreaterThan(3);
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(7);
  });
});

describe("fitRandomForest: the forest", () => {
  const data = plantedData("linear", 6, 500, 10);
  const growForest = (seed: number, trees = 20) =>
    fitRandomForest(data.x, data.width, data.labels, data.train, { trees }, createRng(seed));

  it("is deterministic per seed and differs across seeds", () => {
    const a = growForest(7);
    const b = growForest(7);
    const c = growForest(8);
    expect(b.feature).toEqual(a.feature);
    expect(b.threshold).toEqual(a.threshold);
    expect(predictRandomForest(b, data.x, data.test)).toEqual(
      predictRandomForest(a, data.x, data.test),
    );
    expect(c.threshold).not.toEqual(a.threshold);
    expect(predictRandomForest(c, data.x, data.test)).not.toEqual(
      predictRandomForest(a, data.x, data.test),
    );
  });

  it("grows tree t the same whatever the number of trees", () => {
    const small = growForest(9, 5);
    const large = growForest(9, 12);
    const used = small.feature.length;
    expect(large.feature.subarray(0, used)).toEqual(small.feature);
    expect(large.threshold.subarray(0, used)).toEqual(small.threshold);
    expect(large.roots.subarray(0, 5)).toEqual(small.roots);
  });

  it("gives probabilities in [0, 1] that are not all alike", () => {
    const scores = predictRandomForest(growForest(10), data.x, data.test);
    for (const s of scores) {
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(new Set(scores).size).toBeGreaterThan(10);
  });

  it("rejects bad settings and non-finite inputs", () => {
    expect(() =>
      fitRandomForest(data.x, 10, data.labels, data.train, { trees: 0 }, createRng(1)),
    ).toThrow(ConfigError);
    expect(() =>
      fitRandomForest(data.x, 10, data.labels, data.train, { maxFeatures: 1.5 }, createRng(1)),
    ).toThrow(ConfigError);
    const x = Float64Array.from(data.x);
    x[data.train[3] * 10 + 2] = Number.NaN;
    expect(() => fitRandomForest(x, 10, data.labels, data.train, {}, createRng(1))).toThrow(
      ConfigError,
    );
  });
});

describe("randomForestClassifier", () => {
  it("learns a linear rule and an XOR rule (AUC > 0.85, above the majority floor)", () => {
    const forest = randomForestClassifier();
    for (const rule of ["linear", "xor"] as const) {
      for (const seed of [1, 2]) {
        const data = rule === "linear" ? plantedData(rule, seed) : plantedData(rule, seed, 800, 5);
        const report = classifierReport(forest, data, forest.fitScore(data, createRng(seed)));
        expect(report.auc).toBeGreaterThan(0.85);
        expect(report.accuracy).toBeGreaterThan(report.majorityFloor + 0.1);
      }
    }
  });
});
