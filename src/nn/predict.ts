/**
 * Prediction helpers over the trained MLN (dropout off), for evaluation on subsets of users.
 */

/**
 * 0/1 class predictions from row-major probabilities: 1 where the probability is strictly
 * greater than `threshold` (Keras' binary-accuracy rule), same layout as the input.
 */
export function predictClasses(probabilities: Float64Array, threshold = 0.5): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let i = 0; i < probabilities.length; i++) out[i] = probabilities[i] > threshold ? 1 : 0;
  return out;
}
