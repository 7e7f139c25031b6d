/**
 * Attribution-style relevancy over real users: instead of one synthetic archetype per group,
 * the input gradient of the classifier's logit is averaged over the training users (an
 * "expected gradient" in the spirit of SmoothGrad / expected gradients), then put in the units
 * of each factor's spread. A factor is relevant when moving real users along it moves the
 * classifier's output, on average, in one direction.
 */

import { ConfigError } from "../errors.js";
import { logitInputGradient, type Mlp } from "../nn/mlp.js";
import { maxNormalize, requireScale } from "./scaledRelevancy.js";

/**
 * How per-user gradients are pooled:
 * - `"mean"`: |mean_i ∂z/∂x_j(x_i)| (a consistent direction over users; for a linear logit it
 *   is |w_j|);
 * - `"mean-abs"`: mean_i |∂z/∂x_j(x_i)| (also counts effects whose sign varies over users).
 */
export type GradientPooling = "mean" | "mean-abs";

/** Input of {@link gradientRelevancy}. */
export interface GradientRelevancyInput {
  /** The trained classifier (taking raw factors). */
  readonly net: Mlp;
  /** Output (attribute) whose logit is differentiated. */
  readonly output: number;
  /** Users × k row-major factor matrix. */
  readonly x: ArrayLike<number>;
  /** The users the gradients are averaged over (the training users). */
  readonly rows: Int32Array;
  /** Per-factor scale (the users' standard deviation); unit scale when omitted. */
  readonly scale?: ArrayLike<number>;
  /** Default `"mean"`. */
  readonly pooling?: GradientPooling;
}

/**
 * relevancy_j = pooled ∂z_o/∂x_j over `rows` × scale_j, divided by its max (in [0, 1]).
 * @throws ConfigError for an empty row set, a bad output index, a row out of range or a bad
 * scale.
 */
export function gradientRelevancy(input: GradientRelevancyInput): Float64Array {
  const { net, output, x, rows, scale, pooling = "mean" } = input;
  const k = net.inputSize;
  if (!Number.isInteger(output) || output < 0 || output >= net.outputSize) {
    throw new ConfigError(
      `output index must be an integer in [0, ${net.outputSize}), got ${output}`,
    );
  }
  if (rows.length === 0) throw new ConfigError("gradientRelevancy needs at least one row");
  if (pooling !== "mean" && pooling !== "mean-abs") {
    throw new ConfigError(`gradient pooling must be "mean" or "mean-abs", got "${pooling}"`);
  }
  if (scale !== undefined) requireScale(scale, k);
  const users = x.length / k;
  const point = new Float64Array(k);
  const gradient = new Float64Array(k);
  const sum = new Float64Array(k);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    requireRow("gradientRelevancy", row, users);
    for (let j = 0; j < k; j++) point[j] = x[row * k + j];
    logitInputGradient(net, point, output, gradient);
    if (pooling === "mean") for (let j = 0; j < k; j++) sum[j] += gradient[j];
    else for (let j = 0; j < k; j++) sum[j] += Math.abs(gradient[j]);
  }
  for (let j = 0; j < k; j++) {
    sum[j] = (Math.abs(sum[j]) / rows.length) * (scale === undefined ? 1 : scale[j]);
  }
  return maxNormalize(sum);
}

/** @throws ConfigError unless `row` is an integer in [0, users). */
export function requireRow(who: string, row: number, users: number): void {
  if (!(Number.isInteger(row) && row >= 0 && row < users)) {
    throw new ConfigError(`${who}: row ${row} is outside 0..${users - 1}`);
  }
}
