/**
 * Stability across CLASSIFIER seeds alone (issue 7): one user split and one set of factors,
 * the MLN (and every DeepUnHide variant's ensemble) retrained from another seed. The paired
 * seeds of E2 also draw a new split each, which moves every ranking, even those without
 * training randomness; this measure isolates what the issue asks about.
 */

import { fitClassifier } from "../../nn/fitClassifier.js";
import type { Mlp } from "../../nn/mlp.js";
import { type ArchetypePair, localizeArchetypes } from "../../unhide/localizeArchetype.js";
import { perGroupRanking } from "../../unhide/perGroupRanking.js";
import { buildFactorProfile, type FactorProfile } from "../../unhide/profile.js";
import { rankDescending } from "../../unhide/rankDescending.js";
import { createRng, type Rng } from "../../util/rng.js";
import { stratifiedSplit } from "../stratifiedSplit.js";
import { computeVariantRelevancies } from "./deepunhideVariants.js";
import type { SeedContext } from "./seedRun.js";
import type { DeepUnhideVariant, RankingMethod } from "./types.js";

/** The DeepUnHide rankings one classifier seed gives on the fixed split. */
export interface ClassifierSeedOutcome {
  readonly attribute: string;
  readonly seed: number;
  /** Top `stabilityTopN` factors of `deepunhide`, `deepunhide-per-group` and each requested variant. */
  readonly orders: Readonly<Partial<Record<RankingMethod, number[]>>>;
}

/**
 * The split of `splitSeed` (the same as that paired seed's in E2), and everything random
 * after it (classifier initialization and batch order, localization, ensembles) drawn from
 * `seed` the way {@link runSeed} draws it. For `seed === splitSeed` the orders are those of
 * the paired seed itself.
 */
export function runClassifierSeed(
  context: SeedContext,
  attribute: string,
  labels: Uint8Array,
  splitSeed: number,
  seed: number,
): ClassifierSeedOutcome {
  const { factors, config } = context;
  const [train, validation] = stratifiedSplit(
    labels,
    [0.7, 0.1, 0.2],
    createRng(splitSeed).fork("split"),
  );
  const rng = createRng(seed);
  const split = { train, validation };
  const fitted = fitClassifier(
    factors,
    [labels],
    split,
    { ...config.classifier, trackTrainingMetrics: false },
    rng.fork("classifier"),
  );
  const { profile, variants } = unhideSeed(context, labels, split, fitted.net, rng);
  const top = (order: Int32Array) => Array.from(order.subarray(0, config.stabilityTopN));
  const orders: Partial<Record<RankingMethod, number[]>> = {
    deepunhide: top(profile.ranking),
  };
  if (config.methods.includes("deepunhide-per-group")) {
    orders["deepunhide-per-group"] = top(
      perGroupRanking(profile.normalizedMajority, profile.normalizedMinority),
    );
  }
  for (const [method, relevancy] of variants) orders[method] = top(rankDescending(relevancy));
  return { attribute, seed, orders };
}

/**
 * What one seed's network says about the factors: its archetypes (from `rng`'s
 * "localization" stream), the paper's profile, and every requested variant's relevancy
 * (from its "variants" stream). Shared by the paired seeds and the classifier seeds, so both
 * draw the same numbers from the same seed.
 */
export function unhideSeed(
  context: SeedContext,
  labels: Uint8Array,
  split: { readonly train: Int32Array; readonly validation: Int32Array },
  net: Mlp,
  rng: Rng,
): {
  readonly archetypes: ArchetypePair;
  readonly profile: FactorProfile;
  readonly variants: Map<DeepUnhideVariant, Float64Array>;
} {
  const { factors, k, config } = context;
  const archetypes = localizeArchetypes(net, 0, config.localization, rng.fork("localization"));
  const profile = buildFactorProfile(archetypes.majority.vector, archetypes.minority.vector);
  const variants = computeVariantRelevancies({
    factors,
    k,
    labels,
    split,
    net,
    archetypes,
    config,
    rng: rng.fork("variants"),
  });
  return { archetypes, profile, variants };
}
