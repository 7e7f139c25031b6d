/**
 * Gradient localization (paper §2.2–2.4): with the MLN frozen, search the input vector p whose
 * output h(p) = σ(z_o(p)) reaches a target t, i.e. the "archetypal" user factors of a group.
 */

import { ConfigError, TrainingError } from "../errors.js";
import { logitInputGradient, type Mlp, sigmoid } from "../nn/mlp.js";
import { createRng, type Rng } from "../util/rng.js";
import {
  KERAS_SNIPPET,
  type LocalizationConfig,
  resolveLocalizationConfig,
} from "./localizationConfig.js";
import { chooseStartPoint, type StartKind, squaredNorm } from "./localizationStart.js";

export {
  DEFAULT_LOCALIZATION_CONFIG,
  KERAS_SNIPPET,
  type LocalizationConfig,
  type LocalizationInit,
  type LocalizationMethod,
} from "./localizationConfig.js";
export type { StartKind } from "./localizationStart.js";

/** An archetypal input vector and how it was found. */
export interface Archetype {
  /** The archetype p, length inputSize. */
  readonly vector: Float64Array;
  /** h(p) = σ(z_o(p)) at the returned vector. */
  readonly score: number;
  /** Number of updates applied to p. */
  readonly iterations: number;
  /** Whether |t − h(p)| < tolerance at the returned vector. */
  readonly converged: boolean;
  /**
   * h at every visited point, start included (length iterations + 1); only when
   * `recordTrace` is on.
   */
  readonly trace?: number[];
  /** Fallbacks taken and reasons for stopping early, in plain words. */
  readonly warnings: string[];
  /** Start actually used (`"noise"` also after the zero-gradient fallback). */
  readonly startedFrom: StartKind;
}

/** The two archetypes of one binary attribute. */
export interface ArchetypePair {
  /** Target t = 1 (majority group). */
  readonly majority: Archetype;
  /** Target t = 0 (minority group). */
  readonly minority: Archetype;
}

/**
 * Localizes the archetype of output `o` for target `target` (1 = majority, 0 = minority).
 *
 * With the default `method: "paper"` it iterates the paper's rule
 * p ← p + η(t − h(p))∇h(p), ∇h = h(1 − h)∇z_o (gradient descent on ½(t − h)²), until
 * |t − h(p)| < tolerance or `maxIterations` updates; `normalizeGradient` rescales each step to
 * RMS `normalizedStep` without changing its direction.
 *
 * `method: "keras-snippet"` runs the paper's Algorithm 1 literally (20 RMS-normalised steps of
 * 0.1 ADDED along the gradient of ½(t − h)²). That is gradient ASCENT on the loss: it moves p
 * away from the target, so the returned "majority" archetype is scored low and the "minority"
 * one high. Never use it for results; it exists to reproduce and document the snippet.
 *
 * A start point with zero input gradient (dead ReLU layer) is replaced by a seeded noise
 * start, reported in `warnings` and `startedFrom`. A gradient that vanishes later stops the
 * search with a warning and `converged: false`.
 *
 * @param rng needed for `init: "noise"`; for the zero-gradient fallback a fixed-seed stream
 *   (seed 0) is used when omitted, so results stay reproducible.
 * @throws ConfigError for an invalid output index, target or configuration.
 * @throws TrainingError when no start point has a non-zero gradient, or p becomes non-finite.
 */
export function localizeArchetype(
  net: Mlp,
  o: number,
  target: 0 | 1,
  config: Partial<LocalizationConfig> = {},
  rng?: Rng,
): Archetype {
  const c = resolveLocalizationConfig(config);
  if (!Number.isInteger(o) || o < 0 || o >= net.outputSize) {
    throw new ConfigError(`output index must be an integer in [0, ${net.outputSize}), got ${o}`);
  }
  if (target !== 0 && target !== 1) {
    throw new ConfigError(`localization target must be 0 or 1, got ${target}`);
  }
  if (c.init === "noise" && rng === undefined) {
    throw new ConfigError('localization init "noise" needs a seeded Rng');
  }
  const stream = rng ?? createRng(0);
  const p = new Float64Array(net.inputSize);
  const gradient = new Float64Array(net.inputSize);
  const start = chooseStartPoint(net, o, target, c, stream, c.method === "paper", p, gradient);
  const run = c.method === "paper" ? runPaper : runKerasSnippet;
  const outcome = run(net, o, target, c, p, gradient, start.warnings);
  return { vector: p, ...outcome, warnings: start.warnings, startedFrom: start.startedFrom };
}

/**
 * Both archetypes of output `o`: `majority` for t = 1 and `minority` for t = 0. Each search
 * draws from its own fork of `rng` ("majority", "minority"), so one never shifts the other.
 */
export function localizeArchetypes(
  net: Mlp,
  o: number,
  config: Partial<LocalizationConfig>,
  rng: Rng,
): ArchetypePair {
  return {
    majority: localizeArchetype(net, o, 1, config, rng.fork("majority")),
    minority: localizeArchetype(net, o, 0, config, rng.fork("minority")),
  };
}

interface RunOutcome {
  readonly score: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly trace?: number[];
}

type Runner = (
  net: Mlp,
  o: number,
  target: 0 | 1,
  c: LocalizationConfig,
  p: Float64Array,
  gradient: Float64Array,
  warnings: string[],
) => RunOutcome;

/** The paper's rule; see {@link localizeArchetype}. Updates `p` in place. */
const runPaper: Runner = (net, o, target, c, p, gradient, warnings) => {
  const trace: number[] | undefined = c.recordTrace ? [] : undefined;
  const k = p.length;
  const eps2 = c.zeroGradientEpsilon * c.zeroGradientEpsilon;
  let iterations = 0;
  for (;;) {
    const h = scoreAt(net, p, o, gradient);
    trace?.push(h);
    const err = target - h;
    if (Math.abs(err) < c.tolerance) {
      if (iterations === 0) {
        warnings.push(
          `output ${o}, target ${target}: the start point already scores ${h.toFixed(4)}, ` +
            "within tolerance, so the archetype is the start vector itself and says little " +
            "about the factors; lower the tolerance to make the search move",
        );
      }
      return { score: h, iterations, converged: true, trace };
    }
    if (iterations >= c.maxIterations) {
      warnings.push(
        `output ${o}, target ${target}: not converged after ${iterations} iterations ` +
          `(score ${h.toFixed(4)}); raise eta or maxIterations, or use normalizeGradient`,
      );
      return { score: h, iterations, converged: false, trace };
    }
    const norm2 = squaredNorm(gradient);
    // err·h(1−h) underflows to 0 when the sigmoid saturates on the wrong side.
    const factor = err * h * (1 - h);
    if (norm2 <= eps2 || factor === 0) {
      warnings.push(
        `output ${o}, target ${target}: the gradient vanished at iteration ${iterations} ` +
          `(score ${h.toFixed(4)}): ${norm2 <= eps2 ? "every hidden ReLU unit became inactive" : "the sigmoid output is saturated"}; stopped`,
      );
      return { score: h, iterations, converged: false, trace };
    }
    let step = c.eta * factor;
    if (c.normalizeGradient) {
      // d = factor·∇z, so RMS(d) = |factor|·‖∇z‖/√K; Keras' 1e-5 guard is kept for fidelity.
      const rms = Math.abs(factor) * Math.sqrt(norm2 / k);
      step = (c.normalizedStep * factor) / (rms + KERAS_SNIPPET.epsilon);
    }
    for (let j = 0; j < k; j++) p[j] += step * gradient[j];
    iterations++;
  }
};

/** The paper's Algorithm 1, literally (gradient ascent); see {@link localizeArchetype}. */
const runKerasSnippet: Runner = (net, o, target, c, p, gradient, warnings) => {
  const trace: number[] | undefined = c.recordTrace ? [] : undefined;
  const k = p.length;
  warnings.push(
    `output ${o}, target ${target}: method "keras-snippet" ascends ½(t − h)² and returns an ` +
      "anti-archetype (scored as the other group); do not use it for results",
  );
  for (let i = 0; i < KERAS_SNIPPET.iterations; i++) {
    const h = scoreAt(net, p, o, gradient);
    trace?.push(h);
    // ∂/∂p ½(t − h)² = −(t − h)·h(1 − h)·∇z, then g / (RMS(g) + 1e-5), then input += 0.1·g.
    const factor = -(target - h) * h * (1 - h);
    const rms = Math.abs(factor) * Math.sqrt(squaredNorm(gradient) / k);
    const step = (KERAS_SNIPPET.step * factor) / (rms + KERAS_SNIPPET.epsilon);
    for (let j = 0; j < k; j++) p[j] += step * gradient[j];
  }
  const h = scoreAt(net, p, o, gradient);
  trace?.push(h);
  return {
    score: h,
    iterations: KERAS_SNIPPET.iterations,
    converged: Math.abs(target - h) < c.tolerance,
    trace,
  };
};

/** h(p) = σ(z_o(p)), leaving ∇z_o(p) in `gradient`; rejects a diverged p. */
function scoreAt(net: Mlp, p: Float64Array, o: number, gradient: Float64Array): number {
  const z = logitInputGradient(net, p, o, gradient);
  if (!Number.isFinite(z)) {
    throw new TrainingError(
      `output ${o}: localization diverged (logit ${z}); lower eta or use normalizeGradient`,
    );
  }
  return sigmoid(z);
}
