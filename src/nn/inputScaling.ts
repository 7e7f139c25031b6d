/**
 * Standardization of the classifier's inputs. PMF factors are not standardized, and a small
 * net trained with a fixed learning rate learns faster and more evenly on inputs of unit
 * scale. The scaling is estimated on the training rows only (so no information leaks from
 * validation or test users) and, after training, folded into the first layer: the returned
 * network takes RAW factor vectors, which is what localization needs — the archetypes it
 * finds then live in the recommender's own factor space.
 */

import { columnMoments } from "../util/columnMoments.js";
import { createMlp, type Mlp } from "./mlp.js";

/** Per-input affine scaling: x̃_j = (x_j − mean_j) / scale_j. */
export interface InputScaling {
  /** Per-input mean over the training rows. */
  readonly mean: Float64Array;
  /** Per-input population standard deviation over the training rows; 1 where it is 0. */
  readonly scale: Float64Array;
}

/**
 * Mean and population standard deviation of each input over `rows` of `x`
 * (n × inputSize row-major). A constant input (σ = 0, or no rows) gets scale 1, so it is
 * centred but not blown up by a division by zero.
 */
export function fitInputScaling(
  x: ArrayLike<number>,
  inputSize: number,
  rows: Int32Array,
): InputScaling {
  if (rows.length === 0) {
    return { mean: new Float64Array(inputSize), scale: new Float64Array(inputSize).fill(1) };
  }
  const { mean, variance } = columnMoments(x, inputSize, rows, 0);
  const scale = new Float64Array(inputSize);
  for (let j = 0; j < inputSize; j++) {
    const sd = Math.sqrt(variance[j]);
    scale[j] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** A standardized float64 copy of all n rows of `x` (n × inputSize row-major). */
export function applyInputScaling(
  x: ArrayLike<number>,
  inputSize: number,
  scaling: InputScaling,
): Float64Array {
  const out = new Float64Array(x.length);
  const { mean, scale } = scaling;
  for (let base = 0; base < x.length; base += inputSize) {
    for (let j = 0; j < inputSize; j++) out[base + j] = (x[base + j] - mean[j]) / scale[j];
  }
  return out;
}

/**
 * A network on raw inputs equivalent to `net` on scaled inputs:
 * W1'[h,j] = W1[h,j]/σ_j and b1'[h] = b1[h] − Σ_j W1[h,j]·μ_j/σ_j. The output layer is
 * copied unchanged. `net` is not modified.
 */
export function foldInputScaling(net: Mlp, scaling: InputScaling): Mlp {
  const { inputSize, hiddenSize, outputSize } = net;
  const folded = createMlp(inputSize, hiddenSize, outputSize);
  const { mean, scale } = scaling;
  for (let h = 0; h < hiddenSize; h++) {
    let shift = 0;
    const row = h * inputSize;
    for (let j = 0; j < inputSize; j++) {
      const w = net.w1[row + j] / scale[j];
      folded.w1[row + j] = w;
      shift += w * mean[j];
    }
    folded.b1[h] = net.b1[h] - shift;
  }
  folded.w2.set(net.w2);
  folded.b2.set(net.b2);
  return folded;
}
