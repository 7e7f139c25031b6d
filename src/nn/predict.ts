/**
 * Prediction helpers over the trained MLN (dropout off), for evaluation on subsets of users.
 */

import { forwardOne, type Mlp, sigmoid } from "./mlp.js";

/**
 * Sigmoid outputs for the given `rows` of `x` (n × inputSize row-major), dropout off.
 * Returns rows.length × outputSize probabilities, row-major, in the order of `rows`.
 */
export function predictRows(net: Mlp, x: ArrayLike<number>, rows: Int32Array): Float64Array {
  const { inputSize, hiddenSize, outputSize } = net;
  const out = new Float64Array(rows.length * outputSize);
  const hidden = new Float64Array(hiddenSize);
  const logits = new Float64Array(outputSize);
  const row = new Float64Array(inputSize);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * inputSize;
    for (let j = 0; j < inputSize; j++) row[j] = x[base + j];
    forwardOne(net, row, hidden, logits);
    for (let o = 0; o < outputSize; o++) out[r * outputSize + o] = sigmoid(logits[o]);
  }
  return out;
}

/** Column `o` of a row-major matrix with `columns` columns (e.g. one output's scores). */
export function outputColumn(matrix: Float64Array, columns: number, o: number): Float64Array {
  const n = matrix.length / columns;
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) out[r] = matrix[r * columns + o];
  return out;
}

/**
 * 0/1 class predictions from row-major probabilities: 1 where the probability is strictly
 * greater than `threshold` (Keras' binary-accuracy rule), same layout as the input.
 */
export function predictClasses(probabilities: Float64Array, threshold = 0.5): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = probabilities[i] > threshold ? 1 : 0;
  return out;
}

/** Picks `labels[rows[r]]` for every r: the labels of a subset of users. */
export function selectLabels(labels: Uint8Array, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) out[r] = labels[rows[r]];
  return out;
}
