/**
 * The accuracy/fairness trade-off of a fairness lever: for each strength α, the changed model
 * is measured on held-out ratings, per group of one attribute: RMSE and NDCG@10 (with
 * difference and ratio between the groups), Yao & Huang's Beyond-Parity measures, and the
 * exposure that the items leaning to each group get in every user's top-N list.
 *
 * Two levers (`method`): "reweight", the paper's r̂'_ui = Σ_j w_j(α) p_uj q_ij (weights from
 * {@link fairnessWeights}), the default; and "shift", beyond the paper, every user moved toward
 * the group's archetype, r̂'_ui = (p_u + α · s · d̂) · q_i (see fairnessShift).
 *
 * The factors, the profile that sets the weights and the held-out ratings must come from the
 * same PMF fit, one that never saw those ratings.
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";
import { stratifiedSubsample } from "../evaluate/stratifiedSplit.js";
import type { RatedItems } from "../io/modelFolder.js";
import { withDefaults } from "../util/defaults.js";
import { createRng } from "../util/rng.js";
import { type BeyondParity, beyondParity } from "./beyondParity.js";
import {
  allListsExposure,
  type LeaningExposure,
  leaningExposure,
  listExposure,
} from "./exposure.js";
import {
  archetypeShift,
  type GroupArchetypes,
  meanUserNorm,
  shiftedUserFactors,
} from "./fairnessShift.js";
import {
  checkFairnessAlpha,
  type FavouredGroup,
  fairnessWeights,
  type GroupShares,
} from "./fairnessWeights.js";
import {
  DEFAULT_NDCG_CUTOFF,
  type GroupComparison,
  groupMeans,
  groupRmse,
  ndcgPerUser,
  predictRatings,
} from "./groupAccuracy.js";
import { DEFAULT_MIN_GROUP_RATINGS, itemLeaning } from "./itemLeaning.js";

/** The fairness levers: "reweight" is the paper's, "shift" moves users toward the archetype. */
export const FAIRNESS_METHODS = ["reweight", "shift"] as const;

/** One of {@link FAIRNESS_METHODS}. */
export type FairnessMethod = (typeof FAIRNESS_METHODS)[number];

/** Settings of {@link fairnessSweep}. */
export interface FairnessConfig {
  /**
   * The lever: the paper's factor re-weighting or the archetype shift. Optional so that
   * configs written before the shift existed stay valid; resolving fills in "reweight".
   */
  readonly method?: FairnessMethod;
  /** Strengths α to measure, each in [0, 5]; 0 is the plain model. */
  readonly alphas: readonly number[];
  /** The group the lever favours: whose factors the weights raise, or whose archetype users shift toward. */
  readonly group: FavouredGroup;
  /** Length of the top-N lists whose exposure is measured. */
  readonly top: number;
  /** Cutoff of NDCG. */
  readonly ndcgCutoff: number;
  /** Ratings each group must have given an item before it counts as leaning (see itemLeaning). */
  readonly minGroupRatings: number;
  /**
   * Most users whose top-N lists the exposure is measured on. A list costs items × k, so
   * every user's list at every α is the sweep's whole cost at scale (MyAnimeList: 69,600
   * users × 9,927 items × 100 factors, about a minute per α). Above the cap, a stratified
   * random sample of this many users (a fixed draw, the same at every α, so the α rows stay
   * paired) stands for everyone; RMSE, NDCG and Beyond-Parity always use every held-out
   * rating. Optional so that configs written before it existed stay valid; resolving fills it in.
   */
  readonly maxListUsers?: number;
}

/**
 * Defaults of {@link FairnessConfig}: the paper's re-weighting, α = 0, 0.5, 1, 2 towards the
 * minority, top-10 lists, NDCG@10, 10 ratings per group, the lists of at most 5,000 users.
 */
export const DEFAULT_FAIRNESS_CONFIG: Readonly<FairnessConfig> = Object.freeze({
  method: "reweight" as FairnessMethod,
  alphas: Object.freeze([0, 0.5, 1, 2]),
  group: "minority" as FavouredGroup,
  top: 10,
  ndcgCutoff: DEFAULT_NDCG_CUTOFF,
  minGroupRatings: DEFAULT_MIN_GROUP_RATINGS,
  maxListUsers: 5_000,
});

/** Seed of the stratified draw of list users above {@link FairnessConfig.maxListUsers}. */
export const LIST_USER_SAMPLE_SEED = 20_181_205;

/**
 * Fills in defaults and validates.
 * @throws ConfigError on an α out of range, no α, a bad group, list length or minimum.
 */
export function resolveFairnessConfig(partial: Partial<FairnessConfig> = {}): FairnessConfig {
  const config = withDefaults(DEFAULT_FAIRNESS_CONFIG as FairnessConfig, partial);
  if (config.alphas.length === 0) throw new ConfigError("give at least one alpha");
  for (const alpha of config.alphas) checkFairnessAlpha(alpha);
  if (config.method === undefined || !FAIRNESS_METHODS.includes(config.method)) {
    throw new ConfigError(
      `method must be one of ${FAIRNESS_METHODS.join(", ")}, got "${String(config.method)}"`,
    );
  }
  if (config.group !== "minority" && config.group !== "majority") {
    throw new ConfigError(`group must be "minority" or "majority", got "${String(config.group)}"`);
  }
  for (const [name, value] of [
    ["top", config.top],
    ["ndcgCutoff", config.ndcgCutoff],
    ["minGroupRatings", config.minGroupRatings],
    ["maxListUsers", config.maxListUsers ?? Number.NaN],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ConfigError(`${name} must be a positive integer, got ${value}`);
    }
  }
  return config;
}

/** What {@link fairnessSweep} measures on: one PMF fit, its profile and its held-out ratings. */
export interface FairnessInput {
  /** users × k, row-major. */
  readonly userFactors: ArrayLike<number>;
  /** items × k, row-major. */
  readonly itemFactors: ArrayLike<number>;
  readonly k: number;
  /** The per-factor group shares of the attribute, from the profile of these factors. */
  readonly shares: GroupShares;
  /** The attribute's archetypes in these factors; needed by the "shift" method only. */
  readonly archetypes?: GroupArchetypes;
  /** Per user: 1 majority, 0 minority. */
  readonly labels: Uint8Array;
  /** Ratings the factors never saw. */
  readonly heldOut: Ratings;
  /** Every rating (values included), to tell which items lean to which group. */
  readonly ratings: Ratings;
  /** Items left out of each user's list (her rated items), as CSR over users. */
  readonly exclude?: RatedItems;
}

/** The measurements at one α. */
export interface FairnessRow {
  readonly alpha: number;
  /** RMSE of r̂' on the held-out ratings, overall and per group. */
  readonly rmse: GroupComparison & { readonly overall: number };
  /** NDCG@cutoff per user over her held-out items, averaged overall and per group. */
  readonly ndcg: GroupComparison & { readonly overall: number };
  readonly beyondParity: BeyondParity;
  /**
   * Share of top-N exposure of the items leaning to each group, against their share of the
   * leaning items: in everyone's lists, in the minority users' lists, in the majority users'.
   */
  readonly exposure: {
    readonly allLists: LeaningExposure;
    readonly minorityLists: LeaningExposure;
    readonly majorityLists: LeaningExposure;
  };
}

/** A sweep: the settings, the item classification it used, and one row per α. */
export interface FairnessSweep {
  readonly config: FairnessConfig;
  /** Items classified as leaning to each group (see itemLeaning), out of `items`. */
  readonly leaningItems: {
    readonly minority: number;
    readonly majority: number;
    readonly items: number;
  };
  /** Held-out ratings and the users with at least two of them (those NDCG counts). */
  readonly heldOut: { readonly ratings: number; readonly rankedUsers: number };
  /**
   * Users whose top-N lists the exposure rows measure, out of all users: fewer when there
   * are more than `maxListUsers` (a stratified sample).
   */
  readonly listUsers: { readonly measured: number; readonly of: number };
  readonly rows: FairnessRow[];
}

/**
 * Measures the re-weighted model at every α of the config (see the module comment).
 * Deterministic; costs one pass over (list) users × items × k per α for the top-N lists.
 * @throws ConfigError on a bad config or inconsistent shapes.
 */
export function fairnessSweep(
  input: FairnessInput,
  partialConfig: Partial<FairnessConfig> = {},
): FairnessSweep {
  const config = resolveFairnessConfig(partialConfig);
  const { userFactors, itemFactors, k, labels, heldOut } = input;
  const userCount = labels.length;
  const itemCount = itemFactors.length / k;
  if (userFactors.length !== userCount * k || !Number.isInteger(itemCount)) {
    throw new ConfigError(
      `factor shapes do not match: ${userFactors.length} user values for ${userCount} users × k = ${k}, ${itemFactors.length} item values`,
    );
  }
  const leaning = itemLeaning(input.ratings, labels, itemCount, config.minGroupRatings);
  const heldOutPerUser = new Int32Array(userCount);
  for (let r = 0; r < heldOut.user.length; r++) heldOutPerUser[heldOut.user[r]]++;
  const rankedUsers = heldOutPerUser.reduce((n, count) => n + (count >= 2 ? 1 : 0), 0);
  const lever = fairnessLever(input, config);
  const listed = listUsers(labels, config.maxListUsers ?? userCount);
  const rows = config.alphas.map((alpha): FairnessRow => {
    const { users, weights } = lever(alpha);
    const predictions = predictRatings(heldOut, users, itemFactors, k, weights);
    const perUser = ndcgPerUser(heldOut, predictions, userCount, config.ndcgCutoff);
    const exposure = listExposure(users, itemFactors, k, labels, {
      top: config.top,
      ...(weights !== undefined ? { weights } : {}),
      ...(input.exclude !== undefined ? { exclude: input.exclude } : {}),
      ...(listed !== undefined ? { users: listed } : {}),
    });
    return {
      alpha,
      rmse: groupRmse(heldOut, predictions, labels),
      ndcg: groupMeans(perUser, labels),
      beyondParity: beyondParity(heldOut, predictions, labels, itemCount),
      exposure: {
        allLists: leaningExposure(allListsExposure(exposure), leaning.leaning),
        minorityLists: leaningExposure(exposure.minorityUsers, leaning.leaning),
        majorityLists: leaningExposure(exposure.majorityUsers, leaning.leaning),
      },
    };
  });
  return {
    config,
    leaningItems: {
      minority: leaning.minorityItems,
      majority: leaning.majorityItems,
      items: itemCount,
    },
    heldOut: { ratings: heldOut.value.length, rankedUsers },
    listUsers: { measured: listed?.length ?? userCount, of: userCount },
    rows,
  };
}

/** Every user (undefined) up to `max`, else a stratified sample of `max` of them by group. */
function listUsers(labels: Uint8Array, max: number): Int32Array | undefined {
  if (labels.length <= max) return undefined;
  const everyone = Int32Array.from({ length: labels.length }, (_, u) => u);
  return stratifiedSubsample(labels, everyone, max, createRng(LIST_USER_SAMPLE_SEED));
}

/** The model at one α: the user vectors to score with, and the weights folded into them. */
interface LeveredModel {
  readonly users: ArrayLike<number>;
  readonly weights?: Float64Array;
}

/** The chosen method as a function of α (the shift's scale s is computed once). */
function fairnessLever(
  input: FairnessInput,
  config: FairnessConfig,
): (alpha: number) => LeveredModel {
  if (config.method !== "shift") {
    return (alpha) => ({
      users: input.userFactors,
      weights: fairnessWeights(input.shares, config.group, alpha),
    });
  }
  const archetypes = input.archetypes;
  if (archetypes === undefined) {
    throw new ConfigError('the "shift" method needs the archetypes of the attribute');
  }
  const scale = meanUserNorm(input.userFactors, input.k);
  return (alpha) => ({
    users: shiftedUserFactors(
      input.userFactors,
      input.k,
      archetypeShift(archetypes, config.group, alpha, scale),
    ),
  });
}
