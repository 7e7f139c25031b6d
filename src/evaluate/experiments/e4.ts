/**
 * E4 (paper §3.4): the items that most represent each group. The K_M factors the majority
 * archetype values most and the K_m the minority one values most weight every item,
 * w_M(i) = Σ_{j∈K_M} p̃M_j·q_ij and w_m(i) = Σ_{j∈K_m} p̃m_j·q_ij, and the top items by each
 * weight are listed. The paper stops at the lists; we add the check it lacks: whether the
 * items the weights call "minority" are in fact rated more by the minority.
 */

import type { Dataset, Ratings } from "../../data/dataset.js";
import { ConfigError } from "../../errors.js";
import { rankDescending } from "../../unhide/rankDescending.js";
import { selectTopNPerGroup } from "../../unhide/selectFactors.js";
import { spearman } from "../spearman.js";
import type { E4Item, E4Result } from "./types.js";

/** Inputs of {@link runE4}. */
export interface E4Input {
  /** Ratings, item ids and (optionally) item titles. */
  readonly dataset: Dataset;
  /** Q: items × k, row-major, `itemFactors[i * k + j]`. */
  readonly itemFactors: Float32Array | Float64Array;
  /** p̃M: the min–max normalized majority archetype, length k. */
  readonly normalizedMajority: ArrayLike<number>;
  /** p̃m: the min–max normalized minority archetype, length k. */
  readonly normalizedMinority: ArrayLike<number>;
  /** Per user: 1 = majority, 0 = minority. */
  readonly labels: Uint8Array;
  /** |K_M| = |K_m| (paper: 20). */
  readonly topFactors?: number;
  /** Items with fewer ratings are not listed nor correlated (paper: 75). */
  readonly minRatings?: number;
  /** Items per list (paper: 10). */
  readonly listSize?: number;
}

/** Ratings per item, in total and by minority users. */
export interface ItemRatingCounts {
  readonly total: Int32Array;
  readonly minority: Int32Array;
}

/**
 * Runs E4 for one attribute. Lists hold the `listSize` eligible items (≥ `minRatings`
 * ratings) of highest w_m and of highest w_M, ties broken by the lower item index; the
 * Spearman correlation (average ranks) runs over every eligible item between w_m − w_M and
 * the item's share of minority raters — positive when the weights point at what the
 * minority actually rates. NaN with fewer than two eligible items.
 * @throws ConfigError on inconsistent shapes or out-of-range counts.
 */
export function runE4(input: E4Input): E4Result {
  const { dataset, itemFactors, normalizedMajority, normalizedMinority, labels } = input;
  const topFactors = input.topFactors ?? 20;
  const minRatings = input.minRatings ?? 75;
  const listSize = input.listSize ?? 10;
  const k = normalizedMajority.length;
  const items = dataset.items.ids.length;
  if (itemFactors.length !== items * k) {
    throw new ConfigError(
      `E4: item factors have length ${itemFactors.length}, not ${items} × ${k}`,
    );
  }
  if (labels.length !== dataset.users.ids.length) {
    throw new ConfigError(`E4: ${labels.length} labels for ${dataset.users.ids.length} users`);
  }
  if (!Number.isInteger(listSize) || listSize < 0) {
    throw new ConfigError(`E4: list size must be a non-negative integer, got ${listSize}`);
  }
  if (!(minRatings >= 0)) {
    throw new ConfigError(`E4: minimum ratings must be non-negative, got ${minRatings}`);
  }
  const selected = selectTopNPerGroup(normalizedMajority, normalizedMinority, topFactors);
  const majorityWeight = itemWeights(itemFactors, k, normalizedMajority, selected.majority);
  const minorityWeight = itemWeights(itemFactors, k, normalizedMinority, selected.minority);
  const counts = itemRatingCounts(dataset.ratings, labels, items);

  const eligible: number[] = [];
  for (let i = 0; i < items; i++) if (counts.total[i] >= minRatings) eligible.push(i);
  const share = (i: number): number => counts.minority[i] / counts.total[i];
  const list = (weights: Float64Array): E4Item[] =>
    Array.from(rankDescending(eligible.map((i) => weights[i])).subarray(0, listSize), (p) => {
      const i = eligible[p];
      return {
        item: dataset.items.ids[i],
        title: dataset.itemAttributes.titles?.[i] ?? dataset.items.ids[i],
        weight: weights[i],
        ratings: counts.total[i],
        minorityShare: share(i),
      };
    });

  let minorityRatings = 0;
  for (let i = 0; i < items; i++) minorityRatings += counts.minority[i];
  const totalRatings = dataset.ratings.user.length;
  return {
    topFactors,
    minRatings,
    eligibleItems: eligible.length,
    datasetMinorityShare: totalRatings > 0 ? minorityRatings / totalRatings : Number.NaN,
    minorityItems: list(minorityWeight),
    majorityItems: list(majorityWeight),
    spearman: spearman(
      eligible.map((i) => minorityWeight[i] - majorityWeight[i]),
      eligible.map(share),
    ),
  };
}

/**
 * w(i) = Σ_{j∈selected} normalized_j·q_ij for every item (the paper's w_M or w_m), from the
 * items × k row-major item factors.
 */
export function itemWeights(
  itemFactors: ArrayLike<number>,
  k: number,
  normalized: ArrayLike<number>,
  selected: ArrayLike<number>,
): Float64Array {
  const items = itemFactors.length / k;
  const weights = new Float64Array(items);
  for (let i = 0; i < items; i++) {
    let w = 0;
    for (let s = 0; s < selected.length; s++) {
      const j = selected[s];
      w += normalized[j] * itemFactors[i * k + j];
    }
    weights[i] = w;
  }
  return weights;
}

/** Ratings per item, in total and by users labelled 0 (the minority). */
export function itemRatingCounts(
  ratings: Ratings,
  labels: Uint8Array,
  items: number,
): ItemRatingCounts {
  const total = new Int32Array(items);
  const minority = new Int32Array(items);
  for (let r = 0; r < ratings.item.length; r++) {
    const i = ratings.item[r];
    total[i]++;
    if (labels[ratings.user[r]] === 0) minority[i]++;
  }
  return { total, minority };
}
