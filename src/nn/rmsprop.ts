/**
 * RMSprop as the paper's Keras had it (Keras 2 and tf.keras 2.x `RMSprop`, no momentum, not
 * centered): v ← ρv + (1−ρ)g², w ← w − lr·g / (√v + ε), with v starting at zero. The paper's
 * snippet uses the Keras 2 backend API (`K.gradients`), so that is the version reproduced.
 * Keras 3 moved ε under the root, lr·g / √(v + ε); the two differ only where (1−ρ)g² is not
 * large against ε (|g| ≲ 1e-3 at the default ε). The defaults below are Keras' defaults.
 */

import { createMlp, type Mlp } from "./mlp.js";

/** RMSprop hyper-parameters. */
export interface RmspropConfig {
  /** Step size (Keras default 1e-3). */
  readonly learningRate: number;
  /** Decay of the running mean of squared gradients (Keras default 0.9). */
  readonly rho: number;
  /** Added to √v so that parameters with tiny gradients do not take huge steps (Keras 1e-7). */
  readonly epsilon: number;
}

/** Keras' RMSprop defaults. */
export const DEFAULT_RMSPROP_CONFIG: RmspropConfig = {
  learningRate: 1e-3,
  rho: 0.9,
  epsilon: 1e-7,
};

/**
 * One RMSprop update of a flat parameter array in place. `meanSquare` is the running mean
 * of squared gradients (same length, updated in place).
 */
export function rmspropUpdate(
  params: Float64Array,
  gradient: Float64Array,
  meanSquare: Float64Array,
  config: RmspropConfig,
): void {
  const { learningRate, rho, epsilon } = config;
  for (let i = 0; i < params.length; i++) {
    const g = gradient[i];
    const v = rho * meanSquare[i] + (1 - rho) * g * g;
    meanSquare[i] = v;
    params[i] -= (learningRate * g) / (Math.sqrt(v) + epsilon);
  }
}

/**
 * Optimizer state for a network: one running mean of squared gradients per parameter,
 * stored in an all-zero {@link Mlp} of the same shape (reusing the layout keeps the four
 * tensors aligned with the weights they belong to).
 */
export function createRmspropState(net: Mlp): Mlp {
  return createMlp(net.inputSize, net.hiddenSize, net.outputSize);
}

/** Applies one RMSprop update to every parameter of `net` given its `gradient`. */
export function rmspropStep(net: Mlp, gradient: Mlp, state: Mlp, config: RmspropConfig): void {
  rmspropUpdate(net.w1, gradient.w1, state.w1, config);
  rmspropUpdate(net.b1, gradient.b1, state.b1, config);
  rmspropUpdate(net.w2, gradient.w2, state.w2, config);
  rmspropUpdate(net.b2, gradient.b2, state.b2, config);
}
