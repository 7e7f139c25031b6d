/**
 * Settings of the gradient localization (paper §2.2–2.4) and their defaults. The defaults
 * implement the paper's formula p ← p + η(t − h(p))∇h(p); the Keras snippet of the paper is
 * available as a named variant only, because it climbs the loss instead of descending it.
 */

import { ConfigError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";

/**
 * How the archetype is searched for.
 * - `"paper"`: the paper's update rule p ← p + η(t − h(p))∇h(p), i.e. gradient DESCENT on
 *   F_t(p) = ½(t − h(p))². This is the default.
 * - `"keras-snippet"`: the paper's Algorithm 1 taken literally: the RMS-normalised gradient of
 *   ½(t − h)² is ADDED to the input (step 0.1, 20 iterations). That is gradient ASCENT on the
 *   loss, so it walks away from the target and yields swapped archetypes (the "majority"
 *   archetype is scored as minority and vice versa). Kept only to reproduce the snippet.
 */
export type LocalizationMethod = "paper" | "keras-snippet";

/**
 * Start point of the search: the zero vector (paper's second option, and the one its snippet
 * uses) or seeded uniform noise in [−noiseScale, noiseScale) (paper's first option).
 */
export type LocalizationInit = "zeros" | "noise";

/** Every knob of {@link localizeArchetype}. See {@link DEFAULT_LOCALIZATION_CONFIG}. */
export interface LocalizationConfig {
  /** Update rule; `"paper"` unless you are reproducing the paper's snippet. */
  readonly method: LocalizationMethod;
  /** Start point. */
  readonly init: LocalizationInit;
  /**
   * Half-width of the uniform noise used by `init: "noise"` and by the first zero-gradient
   * fallback start; later fallback attempts double it.
   */
  readonly noiseScale: number;
  /** Step η of the paper's rule (raw gradient). Ignored by `"keras-snippet"`. */
  readonly eta: number;
  /** Upper bound on the number of updates of the paper's rule. Ignored by `"keras-snippet"`. */
  readonly maxIterations: number;
  /** The paper's rule stops once |t − h(p)| < tolerance. Must lie in (0, 0.5). */
  readonly tolerance: number;
  /**
   * Replace the paper's raw step by an RMS-normalised one, as in Keras' recipe:
   * p ← p + normalizedStep · d / (√mean(d²) + 1e-5) with d = (t − h)∇h. The direction is the
   * paper's; only the length changes, which removes the vanishing step near saturation and
   * the dependence on the scale of the network's weights.
   */
  readonly normalizeGradient: boolean;
  /** Per-coordinate RMS step length when `normalizeGradient` is on (Keras' snippet uses 0.1). */
  readonly normalizedStep: number;
  /** Record h(p) at every visited point in the result's `trace`. */
  readonly recordTrace: boolean;
  /** How many noise starts to try when the start point has a zero input gradient. */
  readonly maxStartAttempts: number;
  /** ‖∇z‖₂ at or below this counts as a zero gradient (dead ReLU layer). */
  readonly zeroGradientEpsilon: number;
}

/**
 * Defaults, and why:
 * - `method: "paper"`, `init: "zeros"`: the paper's formula from the paper's (and snippet's)
 *   start point. Zeros keep the input directions the network ignores at exactly 0, so they do
 *   not add noise to the relevancy of §2.3.
 * - `eta: 1`, `tolerance: 0.001`, `maxIterations: 50000`: the paper's step shrinks as
 *   (t − h)·h(1 − h) when h saturates. In continuous time, for t = 1, 1 − h decays like
 *   1/√(2η‖∇z‖²·n) after n steps, so |t − h| < 0.001 takes about 5·10⁵/(η‖∇z‖²) iterations
 *   at worst; trained MLNs here have ‖∇z‖² large enough that it takes a few thousand
 *   (ML-100K and the synthetic data: 1 to ~15,000 iterations, a few ms to ~50 ms at K = 100;
 *   about 3 ms per 1000 iterations). A run that hits the cap keeps its last point, which the
 *   same law puts well past the acceptance check (majority > 0.9, minority < 0.1).
 *   The tolerance is tight on purpose: a real classifier often scores the zero start itself
 *   above 0.99 (the majority prior), and with a looser tolerance the search would not move,
 *   leaving the archetype at the start vector (seen with 0.01 on ML-100K-like data).
 *   η = 1 keeps each step at most 0.15‖∇z‖ long (0.15 ≈ max |t − h|h(1 − h)), small against
 *   typical factor values, so the piecewise-linear ReLU landscape is not overshot.
 * - `noiseScale: 0.1`: small against typical factor values, so a noise start is close to the
 *   zero start; `maxStartAttempts: 8` lets the fallback grow it up to 12.8 before giving up.
 * - `normalizeGradient: false`, `normalizedStep: 0.1`: the raw rule is the paper's; 0.1 is the
 *   snippet's step.
 */
export const DEFAULT_LOCALIZATION_CONFIG: LocalizationConfig = Object.freeze({
  method: "paper",
  init: "zeros",
  noiseScale: 0.1,
  eta: 1,
  maxIterations: 50_000,
  tolerance: 0.001,
  normalizeGradient: false,
  normalizedStep: 0.1,
  recordTrace: false,
  maxStartAttempts: 8,
  zeroGradientEpsilon: 1e-12,
});

/** Constants of the paper's Algorithm 1 (Keras snippet), used by `method: "keras-snippet"`. */
export const KERAS_SNIPPET = Object.freeze({
  /** `input_factors += gradient_value * 0.1` */
  step: 0.1,
  /** `for i in range(20)` */
  iterations: 20,
  /** `K.sqrt(K.mean(K.square(gradient))) + 1e-5` */
  epsilon: 1e-5,
});

/**
 * Merges overrides into {@link DEFAULT_LOCALIZATION_CONFIG} and validates the result.
 * @throws ConfigError naming the first invalid field.
 */
export function resolveLocalizationConfig(
  overrides: Partial<LocalizationConfig> = {},
): LocalizationConfig {
  const c = withDefaults(DEFAULT_LOCALIZATION_CONFIG, overrides);
  if (c.method !== "paper" && c.method !== "keras-snippet") {
    throw new ConfigError(
      `localization method must be "paper" or "keras-snippet", got "${c.method}"`,
    );
  }
  if (c.init !== "zeros" && c.init !== "noise") {
    throw new ConfigError(`localization init must be "zeros" or "noise", got "${c.init}"`);
  }
  requirePositive("noiseScale", c.noiseScale);
  requirePositive("eta", c.eta);
  requirePositive("normalizedStep", c.normalizedStep);
  if (!Number.isInteger(c.maxIterations) || c.maxIterations < 0) {
    throw new ConfigError(
      `localization maxIterations must be an integer ≥ 0, got ${c.maxIterations}`,
    );
  }
  if (!Number.isInteger(c.maxStartAttempts) || c.maxStartAttempts < 0) {
    throw new ConfigError(
      `localization maxStartAttempts must be an integer ≥ 0, got ${c.maxStartAttempts}`,
    );
  }
  // Tolerance ≥ 0.5 would accept a point the classifier assigns to the other group.
  if (!(c.tolerance > 0 && c.tolerance < 0.5)) {
    throw new ConfigError(`localization tolerance must lie in (0, 0.5), got ${c.tolerance}`);
  }
  if (!(c.zeroGradientEpsilon >= 0 && Number.isFinite(c.zeroGradientEpsilon))) {
    throw new ConfigError(
      `localization zeroGradientEpsilon must be a finite number ≥ 0, got ${c.zeroGradientEpsilon}`,
    );
  }
  return c;
}

function requirePositive(name: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new ConfigError(`localization ${name} must be a finite number > 0, got ${value}`);
  }
}
