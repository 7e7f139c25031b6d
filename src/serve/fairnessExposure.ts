/**
 * The explorer's light fairness measure (GET /api/fairness): what the factor re-weighting of
 * `fairnessWeights` does to top-10 lists, measured on the model alone, without held-out
 * ratings. It stands in until the held-out metrics (per-group RMSE/NDCG, exposure on test
 * ratings) are stored with the model; this module is the one to swap.
 *
 * Definitions, for an attribute and a favoured group g (minority by default):
 * - An item leans to g when at least {@link MIN_RATERS} users rated it and the share of g
 *   among its raters is above g's share of all ratings (the base rate); below it, the item
 *   leans to the other group; with fewer raters it is unclassified. Raters and groups come
 *   from the model folder (rated items, users' labels), i.e. from the training data.
 * - Position weight of rank r (1-based) in a list: 1 / log2(1 + r), as in DCG.
 * - Exposure of g-leaning items: over a fixed sample of users (evenly spaced over the user
 *   rows), Σ_u Σ_r [item leans to g] / log2(1 + r) divided by Σ_u Σ_r 1 / log2(1 + r), the
 *   lists being each user's top-N unrated items by the re-weighted score at α.
 * - Score change: per user, the mean plain prediction p_u·q_i of her list at α minus that of
 *   her plain list (α = 0), averaged over users; ≤ 0, since the plain list maximizes it. It is
 *   the predicted-rating cost of the re-ranking.
 * - Retained: the share of the plain list still in the list at α, averaged over users.
 */

import {
  type FavouredGroup,
  fairnessWeights,
  weightedUserVector,
} from "../apply/fairnessWeights.js";
import { ratedMask } from "../apply/groupFromModel.js";
import { scoreItems, topItems } from "../apply/itemScores.js";
import { RequestError } from "../errors.js";
import { attributeProfile, attributeRule, type ExplorerModel } from "./explorerModel.js";

/** Fewest raters for an item to lean to a group. */
export const MIN_RATERS = 5;
/** List length of the sampled users' lists. */
export const FAIRNESS_TOP = 10;
/** Most (attribute, group, α) results kept; α is continuous, so the cache must be bounded. */
const MAX_CACHED_POINTS = 1024;
/** The α values of the trade-off curve. */
export const FAIRNESS_CURVE_ALPHAS: readonly number[] = Object.freeze(
  Array.from({ length: 11 }, (_, s) => s / 2),
);

/** Which items lean to a group of one attribute. */
export interface RaterLeaning {
  /** 1 where the item leans to the favoured group. */
  readonly favoured: Uint8Array;
  readonly leaningFavoured: number;
  readonly leaningOther: number;
  readonly unclassified: number;
  /** The favoured group's share of all ratings (the base rate). */
  readonly baseShare: number;
}

/**
 * Items leaning to `group` of `attribute`, by the share of that group among their raters
 * (see the module comment).
 * @throws RequestError 422 when the folder records no rated items or no users' groups.
 */
export function raterLeaning(
  explorer: ExplorerModel,
  attribute: string,
  group: FavouredGroup,
): RaterLeaning {
  const profile = attributeProfile(explorer, attribute);
  const { rated } = explorer.model;
  if (rated === undefined || profile.labels === undefined) {
    throw new RequestError(
      422,
      "this model folder does not record rated items and users' groups (written by an older version); rerun deepunhide run",
    );
  }
  const labels = profile.labels;
  const target = group === "majority" ? 1 : 0;
  const items = explorer.model.manifest.itemIds.length;
  const inGroup = new Int32Array(items);
  let groupRatings = 0;
  for (let u = 0; u < labels.length; u++) {
    if (labels[u] !== target) continue;
    for (let r = rated.indptr[u]; r < rated.indptr[u + 1]; r++) inGroup[rated.indices[r]]++;
    groupRatings += rated.indptr[u + 1] - rated.indptr[u];
  }
  const baseShare = rated.indices.length > 0 ? groupRatings / rated.indices.length : 0;
  const favoured = new Uint8Array(items);
  let leaningFavoured = 0;
  let leaningOther = 0;
  for (let i = 0; i < items; i++) {
    const raters = explorer.itemRatings[i];
    if (raters < MIN_RATERS) continue;
    const share = inGroup[i] / raters;
    if (share > baseShare) {
      favoured[i] = 1;
      leaningFavoured++;
    } else if (share < baseShare) leaningOther++;
  }
  return {
    favoured,
    leaningFavoured,
    leaningOther,
    unclassified: items - leaningFavoured - leaningOther,
    baseShare,
  };
}

/** Position weight 1 / log2(1 + r) of 1-based rank r. */
function positionWeight(rank: number): number {
  return 1 / Math.log2(1 + rank);
}

/** Share of a list's position weight that falls on flagged items (0 for an empty list). */
export function favouredExposure(list: ArrayLike<number>, flagged: Uint8Array): number {
  let hit = 0;
  let all = 0;
  for (let r = 0; r < list.length; r++) {
    const w = positionWeight(r + 1);
    all += w;
    if (flagged[list[r]] === 1) hit += w;
  }
  return all > 0 ? hit / all : 0;
}

/** The fairness measures at one α. */
export interface FairnessPoint {
  readonly alpha: number;
  /** Exposure of favoured-leaning items over all sampled users. */
  readonly exposure: number;
  /** The same over the sampled users of each group. */
  readonly exposureByGroup: { readonly majority: number; readonly minority: number };
  /** Mean change of the plain predicted rating of the lists (≤ 0). */
  readonly scoreChange: number;
  readonly scoreChangeByGroup: { readonly majority: number; readonly minority: number };
  /** Mean share of the plain list kept. */
  readonly retained: number;
}

/** GET /api/fairness?attribute=&alpha=&group=. */
export interface FairnessSummary {
  readonly attribute: string;
  readonly favoured: { readonly group: FavouredGroup; readonly label: string };
  /** Where the numbers come from: the model alone, not held-out ratings. */
  readonly source: "model";
  readonly definition: string;
  readonly sample: { users: number; majority: number; minority: number; top: number };
  readonly items: Omit<RaterLeaning, "favoured"> & { readonly minRaters: number };
  readonly atAlpha: FairnessPoint;
  /** The trade-off curve at {@link FAIRNESS_CURVE_ALPHAS}. */
  readonly curve: FairnessPoint[];
}

const DEFINITION =
  "Over a fixed sample of users: the share of position weight 1/log2(1+rank) that items leaning to the favoured group (share of that group among the item's raters above its share of all ratings, at least 5 raters) get in each user's top-10 unrated items, re-ranked with the factor weights at alpha; scoreChange is the mean plain predicted rating of the re-ranked lists minus that of the plain lists. Computed from the model alone, not from held-out ratings.";

/**
 * Measures the re-weighting on a fixed user sample, with the per-user plain scores and the
 * results per (attribute, group, α) kept in memory: the model is read-only, so they never go
 * stale. One instance per served model.
 */
export class FairnessMeter {
  readonly #explorer: ExplorerModel;
  readonly #sample: Int32Array;
  #plain?: { scores: Float64Array[]; lists: Int32Array[]; masks: Uint8Array[] };
  readonly #points = new Map<string, FairnessPoint>();
  readonly #leanings = new Map<string, RaterLeaning>();

  /** @param sampleUsers how many users to measure (evenly spaced over the user rows). */
  constructor(explorer: ExplorerModel, sampleUsers: number) {
    this.#explorer = explorer;
    const users = explorer.model.manifest.userIds.length;
    const n = Math.min(sampleUsers, users);
    this.#sample = Int32Array.from({ length: n }, (_, s) => Math.floor((s * users) / n));
  }

  /** The sampled users' dense indices. */
  get sample(): Int32Array {
    return this.#sample;
  }

  /** The leaning of every item to `group` of `attribute` (memoized). */
  leaning(attribute: string, group: FavouredGroup): RaterLeaning {
    const key = `${attribute}\u0000${group}`;
    let leaning = this.#leanings.get(key);
    if (leaning === undefined) {
      leaning = raterLeaning(this.#explorer, attribute, group);
      this.#leanings.set(key, leaning);
    }
    return leaning;
  }

  /**
   * The summary at `alpha`, with the trade-off curve.
   * @throws RequestError 404 for an unknown attribute, 422 when the folder lacks what the
   *   measure reads; ConfigError for α outside [0, 5].
   */
  summary(attribute: string, group: FavouredGroup, alpha: number): FairnessSummary {
    const leaning = this.leaning(attribute, group);
    const rule = attributeRule(this.#explorer, attribute);
    const labels = attributeProfile(this.#explorer, attribute).labels ?? [];
    let majority = 0;
    for (const u of this.#sample) majority += labels[u] === 1 ? 1 : 0;
    const { favoured: _, ...counts } = leaning;
    return {
      attribute,
      favoured: { group, label: group === "majority" ? rule.majority : rule.minority },
      source: "model",
      definition: DEFINITION,
      sample: {
        users: this.#sample.length,
        majority,
        minority: this.#sample.length - majority,
        top: FAIRNESS_TOP,
      },
      items: { ...counts, minRaters: MIN_RATERS },
      atAlpha: this.point(attribute, group, alpha),
      curve: FAIRNESS_CURVE_ALPHAS.map((a) => this.point(attribute, group, a)),
    };
  }

  /** The measures at one α (memoized). */
  point(attribute: string, group: FavouredGroup, alpha: number): FairnessPoint {
    const key = `${attribute}\u0000${group}\u0000${alpha}`;
    const cached = this.#points.get(key);
    if (cached !== undefined) return cached;
    const profile = attributeProfile(this.#explorer, attribute);
    const weights = fairnessWeights(profile, group, alpha);
    const leaning = this.leaning(attribute, group);
    const labels = profile.labels ?? [];
    const plain = this.#plainLists();
    const { model } = this.#explorer;
    const k = model.manifest.k;
    const sums = { hit: [0, 0], all: [0, 0], change: [0, 0], users: [0, 0], retained: 0 };
    this.#sample.forEach((u, s) => {
      const vector = weightedUserVector(model.userFactors.subarray(u * k, (u + 1) * k), weights);
      const list = topItems(scoreItems(model.itemFactors, k, vector), FAIRNESS_TOP, plain.masks[s]);
      const g = labels[u] === 1 ? 1 : 0;
      const scores = plain.scores[s];
      const before = plain.lists[s];
      let after = 0;
      let was = 0;
      let kept = 0;
      for (let r = 0; r < list.length; r++) {
        const w = positionWeight(r + 1);
        sums.all[g] += w;
        if (leaning.favoured[list[r]] === 1) sums.hit[g] += w;
        after += scores[list[r]];
        was += scores[before[r]];
        if (before.includes(list[r])) kept++;
      }
      if (list.length > 0) {
        sums.change[g] += (after - was) / list.length;
        sums.retained += kept / list.length;
      }
      sums.users[g]++;
    });
    const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
    const point: FairnessPoint = {
      alpha,
      exposure: ratio(sums.hit[0] + sums.hit[1], sums.all[0] + sums.all[1]),
      exposureByGroup: {
        majority: ratio(sums.hit[1], sums.all[1]),
        minority: ratio(sums.hit[0], sums.all[0]),
      },
      scoreChange: ratio(sums.change[0] + sums.change[1], this.#sample.length),
      scoreChangeByGroup: {
        majority: ratio(sums.change[1], sums.users[1]),
        minority: ratio(sums.change[0], sums.users[0]),
      },
      retained: ratio(sums.retained, this.#sample.length),
    };
    // Maps iterate in insertion order: dropping the first key drops the oldest result.
    if (this.#points.size >= MAX_CACHED_POINTS) {
      const oldest = this.#points.keys().next().value;
      if (oldest !== undefined) this.#points.delete(oldest);
    }
    this.#points.set(key, point);
    return point;
  }

  #plainLists() {
    if (this.#plain === undefined) {
      const { model } = this.#explorer;
      const k = model.manifest.k;
      const scores: Float64Array[] = [];
      const lists: Int32Array[] = [];
      const masks: Uint8Array[] = [];
      for (const u of this.#sample) {
        const s = scoreItems(model.itemFactors, k, model.userFactors.subarray(u * k, (u + 1) * k));
        const mask = ratedMask(model, Int32Array.of(u));
        scores.push(s);
        masks.push(mask);
        lists.push(topItems(s, FAIRNESS_TOP, mask));
      }
      this.#plain = { scores, lists, masks };
    }
    return this.#plain;
  }
}
