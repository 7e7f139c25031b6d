/**
 * Prediction helpers over the trained MLN (dropout off), for evaluation on subsets of users.
 */

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
