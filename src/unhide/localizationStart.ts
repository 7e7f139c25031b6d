/**
 * Start point of the localization, with detection of the ReLU dead zone: at p = 0 every hidden
 * pre-activation equals its bias, so when all hidden biases are ≤ 0 the whole hidden layer is
 * inactive, ∇h(0) = 0 and no gradient rule can move. A seeded noise start fixes that.
 */

import { TrainingError } from "../errors.js";
import { logitInputGradient, type Mlp, sigmoid } from "../nn/mlp.js";
import type { Rng } from "../util/rng.js";
import type { LocalizationConfig } from "./localizationConfig.js";

/** Where the search actually started. */
export type StartKind = "zeros" | "noise";

/** Outcome of {@link chooseStartPoint}; the start vector itself is written in place. */
export interface StartPoint {
  /** `"noise"` also when a zeros start was replaced by the zero-gradient fallback. */
  readonly startedFrom: StartKind;
  /** Human-readable notes about fallbacks, for the result's `warnings`. */
  readonly warnings: string[];
}

/**
 * Writes a usable start point into `p` (length inputSize) and leaves the logit gradient at it
 * in `gradient`. The configured start is used unless its logit gradient is zero (‖∇z‖ ≤
 * `zeroGradientEpsilon`) and the point is not already within tolerance of the target
 * (`acceptOnTarget`, false for methods that must move anyway). Then up to
 * `maxStartAttempts` uniform noise starts are drawn from `rng`, the half-width starting at
 * `noiseScale` and doubling per attempt, so the start stays as close to the configured one as
 * the network allows.
 *
 * The check is on ∇z rather than on ∇h = h(1 − h)∇z on purpose: a saturated sigmoid is not
 * cured by a new start, a dead ReLU layer is.
 *
 * @throws TrainingError when no attempted start has a non-zero gradient.
 */
export function chooseStartPoint(
  net: Mlp,
  o: number,
  target: 0 | 1,
  config: LocalizationConfig,
  rng: Rng,
  acceptOnTarget: boolean,
  p: Float64Array,
  gradient: Float64Array,
): StartPoint {
  const warnings: string[] = [];
  const eps2 = config.zeroGradientEpsilon * config.zeroGradientEpsilon;
  const usable = (): boolean => {
    const z = logitInputGradient(net, p, o, gradient);
    if (acceptOnTarget && Math.abs(target - sigmoid(z)) < config.tolerance) return true;
    return squaredNorm(gradient) > eps2;
  };

  let scale = config.noiseScale;
  let draws = 0;
  if (config.init === "zeros") {
    p.fill(0);
    if (usable()) return { startedFrom: "zeros", warnings };
    warnings.push(
      `output ${o}: the input gradient is zero at p = 0 (every hidden ReLU unit is inactive ` +
        "there, e.g. all hidden biases ≤ 0); started from seeded uniform noise instead",
    );
  } else {
    fillUniform(p, scale, rng);
    draws++;
    if (usable()) return { startedFrom: "noise", warnings };
    warnings.push(`output ${o}: the input gradient is zero at the noise start; redrawing`);
    scale *= 2;
  }

  for (; draws < config.maxStartAttempts; draws++, scale *= 2) {
    fillUniform(p, scale, rng);
    if (usable()) {
      warnings.push(`output ${o}: noise start with half-width ${scale} has a non-zero gradient`);
      return { startedFrom: "noise", warnings };
    }
  }
  throw new TrainingError(
    `output ${o}: cannot localize an archetype: the gradient of the output with respect to ` +
      `the input is zero at every start tried (${config.init === "zeros" ? "zeros and " : ""}` +
      `${draws} noise draw(s) up to half-width ${draws > 0 ? scale / 2 : 0}), i.e. no hidden ` +
      "ReLU unit is active there; the network looks untrained or degenerate",
  );
}

/** Fills `p` with uniform draws in [−scale, scale). */
function fillUniform(p: Float64Array, scale: number, rng: Rng): void {
  for (let j = 0; j < p.length; j++) p[j] = rng.uniform(-scale, scale);
}

/** Σ v_j². */
export function squaredNorm(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  return s;
}
