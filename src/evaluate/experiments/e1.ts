import type { UserSplit } from "../stratifiedSplit.js";
/**
 * E1 (paper §3.1, Fig. 12): can the archetypal users still be told apart from their top-N
 * factors alone? For each ranking and each N, the majority and minority archetypes are
 * classified two ways:
 * - `zeroed`: the paper's reading — the ORIGINAL all-factor network, fed the archetype
 *   with every non-selected input set to 0 (a raw 0, as the paper's Keras net saw it; the
 *   network's folded-in standardization makes that "factor at 0", not "factor at the
 *   users' mean");
 * - `retrained`: an MLN retrained on the N selected factor columns of every user (same
 *   split, same initialization stream for every fit, so fits are paired), fed the archetype
 *   restricted to those N factors.
 */

import { ConfigError } from "../../errors.js";
import { type ClassifierConfig, fitClassifier } from "../../nn/fitClassifier.js";
import { forwardOne, type Mlp, sigmoid } from "../../nn/mlp.js";
import { selectColumns } from "../../util/columns.js";
import type { Rng } from "../../util/rng.js";
import type { E1Result, E1Row, RankingMethod } from "./types.js";

/** The paper's range of N for E1. */
export const E1_DEFAULT_NS: readonly number[] = Object.freeze(
  Array.from({ length: 20 }, (_, i) => i + 1),
);

/** The two ways E1 classifies a reduced archetype. */
export type E1Mode = E1Row["mode"];

/** Inputs of {@link runE1}. */
export interface E1Input {
  /** Users × k factor matrix, row-major (the factors the network was trained on). */
  readonly factors: ArrayLike<number>;
  /** Columns of `factors` and inputs of `net`. */
  readonly k: number;
  /** 1 = majority, 0 = minority, per user. */
  readonly labels: Uint8Array;
  /** The user split of the all-factor network, reused by every retrained fit. */
  readonly split: UserSplit;
  /** The trained all-factor network (raw inputs); it may have one output per attribute. */
  readonly net: Mlp;
  /** Index of this attribute's output in `net`. */
  readonly output: number;
  /** The localized archetypes (raw factor space), length k each. */
  readonly archetypes: { readonly majority: Float64Array; readonly minority: Float64Array };
  /**
   * Factor orders to compare, most relevant first; at least max(ns) distinct factors each.
   * `pca-components` must not be passed: its top N are extracted components, not input
   * factors, so there is nothing to zero or keep.
   */
  readonly rankings: ReadonlyMap<RankingMethod, Int32Array>;
  /** Numbers of factors to keep (default 1..20, the paper's). */
  readonly ns?: readonly number[];
  /** Which classifications to run (default both). `retrained` costs one MLN fit per cell. */
  readonly modes?: readonly E1Mode[];
  /** Settings of the retrained MLNs (as for the all-factor network). */
  readonly classifier?: Partial<ClassifierConfig>;
  /** Initialization of the retrained MLNs: every fit uses `rng.fork("classifier")`. */
  readonly rng: Rng;
}

/**
 * Runs E1 for one attribute. Rows come in the order method (map order) → N → mode. Scores
 * are the network's probability of the majority group; a majority archetype is classified
 * correctly when its score is > 0.5, a minority one when < 0.5.
 *
 * Two rankings whose top N are the same factors in the same order share one retrained fit
 * (the fit is deterministic, so this changes no number, only the time). Cost: one MLN fit per
 * distinct (method, N) top-N sequence, ~90 ms each on MovieLens 100K (943 users, N ≤ 20):
 * 8 methods × 20 Ns took 13–14 s per attribute on a 2-core machine; `zeroed` alone is
 * instantaneous. Note the retrained network never saw the archetype's region of factor
 * space (localization can push factors far beyond the users'), so its scores extrapolate.
 * @throws ConfigError on inconsistent shapes, an N outside 1..k, a ranking that is too short,
 * repeats a factor or names one outside 0..k−1, or a `pca-components` ranking.
 */
export function runE1(input: E1Input): E1Result {
  const ns = [...(input.ns ?? E1_DEFAULT_NS)];
  const modes = input.modes ?? (["zeroed", "retrained"] as const);
  const users = validate(input, ns);
  const { k, net, output, archetypes } = input;
  const classifierRng = input.rng.fork("classifier");
  const fits = new Map<string, Mlp>();
  const retrainedNet = (selected: Int32Array): Mlp => {
    const key = selected.join(",");
    let fitted = fits.get(key);
    if (fitted === undefined) {
      const narrow = selectColumns(input.factors, users, k, selected);
      fitted = fitClassifier(
        narrow,
        [input.labels],
        input.split,
        input.classifier,
        classifierRng,
      ).net;
      fits.set(key, fitted);
    }
    return fitted;
  };

  const rows: E1Row[] = [];
  for (const [method, ranking] of input.rankings) {
    for (const n of ns) {
      const selected = ranking.subarray(0, n);
      for (const mode of modes) {
        const [majorityScore, minorityScore] =
          mode === "zeroed"
            ? [archetypes.majority, archetypes.minority].map((a) =>
                score(net, zeroOutside(a, selected), output),
              )
            : [archetypes.majority, archetypes.minority].map((a) =>
                score(retrainedNet(selected), restrict(a, selected), 0),
              );
        rows.push({
          method,
          n,
          mode,
          majorityScore,
          minorityScore,
          majorityCorrect: majorityScore > 0.5,
          minorityCorrect: minorityScore < 0.5,
        });
      }
    }
  }
  return { ns, rows };
}

/** The archetype with every factor outside `selected` set to 0 (length unchanged). */
export function zeroOutside(
  archetype: ArrayLike<number>,
  selected: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(archetype.length);
  for (let i = 0; i < selected.length; i++) out[selected[i]] = archetype[selected[i]];
  return out;
}

/** The archetype's values at `selected`, in that order (the retrained network's inputs). */
export function restrict(archetype: ArrayLike<number>, selected: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: selected.length }, (_, i) => archetype[selected[i]]);
}

/** Sigmoid output `output` of `net` for one input vector, dropout off. */
function score(net: Mlp, x: Float64Array, output: number): number {
  const logits = new Float64Array(net.outputSize);
  forwardOne(net, x, new Float64Array(net.hiddenSize), logits);
  return sigmoid(logits[output]);
}

/** Checks the shapes and returns the number of users. */
function validate(input: E1Input, ns: readonly number[]): number {
  const { k, net, output, archetypes } = input;
  if (!Number.isInteger(k) || k < 1 || input.factors.length % k !== 0) {
    throw new ConfigError(`E1: factors (length ${input.factors.length}) are not users × ${k}`);
  }
  const users = input.factors.length / k;
  if (input.labels.length !== users) {
    throw new ConfigError(`E1: ${input.labels.length} labels for ${users} users`);
  }
  if (net.inputSize !== k) {
    throw new ConfigError(`E1: the network takes ${net.inputSize} inputs, the factors have ${k}`);
  }
  if (!Number.isInteger(output) || output < 0 || output >= net.outputSize) {
    throw new ConfigError(`E1: output ${output} is not one of the network's ${net.outputSize}`);
  }
  if (archetypes.majority.length !== k || archetypes.minority.length !== k) {
    throw new ConfigError(`E1: archetypes must have ${k} factors`);
  }
  for (const n of ns) {
    if (!Number.isInteger(n) || n < 1 || n > k) {
      throw new ConfigError(`E1: N must be an integer in 1..${k}, got ${n}`);
    }
  }
  const maxN = Math.max(0, ...ns);
  for (const [method, ranking] of input.rankings) {
    if (method === "pca-components") {
      throw new ConfigError(
        "E1: pca-components is an extraction, not a selection of factors; it cannot zero inputs",
      );
    }
    if (ranking.length < maxN) {
      throw new ConfigError(
        `E1: the ${method} ranking has ${ranking.length} factors, N goes to ${maxN}`,
      );
    }
    const seen = new Uint8Array(k);
    for (let i = 0; i < maxN; i++) {
      const j = ranking[i];
      if (!(j >= 0 && j < k) || seen[j] === 1) {
        throw new ConfigError(`E1: the ${method} ranking repeats or misnames factor ${j}`);
      }
      seen[j] = 1;
    }
  }
  return users;
}
