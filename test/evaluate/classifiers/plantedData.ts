import type { ClassifierData } from "../../../src/evaluate/classifiers/binaryClassifier.js";
import { stratifiedSplit } from "../../../src/evaluate/stratifiedSplit.js";
import { createRng } from "../../../src/util/rng.js";

/** Which rule plants the label in the first two or three features. */
export type PlantedRule = "linear" | "xor";

/**
 * `users` rows of `width` standard-normal features with a 0/1 label planted by `rule`, split
 * 70/10/20 stratified. linear: 1 when x0 + x1 + x2 + 0.5·noise > −0.5 (≈ 60% ones, a
 * majority floor well below what a linear model reaches). xor: 1 when x0 and x1 have the
 * same sign — no single feature, nor any linear combination, carries the signal.
 */
export function plantedData(
  rule: PlantedRule,
  seed: number,
  users = 800,
  width = 20,
): ClassifierData {
  const rng = createRng(seed);
  const x = new Float64Array(users * width);
  const labels = new Uint8Array(users);
  for (let i = 0; i < users; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) x[base + j] = rng.normal();
    labels[i] =
      rule === "linear"
        ? x[base] + x[base + 1] + x[base + 2] + 0.5 * rng.normal() > -0.5
          ? 1
          : 0
        : x[base] > 0 === x[base + 1] > 0
          ? 1
          : 0;
  }
  const [train, validation, test] = stratifiedSplit(labels, [0.7, 0.1, 0.2], rng.fork("split"));
  return { x, width, labels, train, validation, test };
}
