/**
 * Inverted dropout (as in Keras): during training each hidden activation is zeroed with
 * probability `rate` and the survivors are scaled by 1/(1−rate), so that the expected
 * activation is unchanged and prediction simply uses the network with dropout off.
 */

import type { Rng } from "../util/rng.js";

/**
 * Fills `mask` with per-activation multipliers: 0 with probability `rate`, else
 * 1/(1−rate). The caller multiplies the post-ReLU hidden activations by it.
 */
export function sampleDropoutMask(mask: Float64Array, rate: number, rng: Rng): void {
  const keep = 1 / (1 - rate);
  rng.fill(mask); // the same draws as rng.next() per element, in order
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i] < rate ? 0 : keep;
}
