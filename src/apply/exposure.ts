/**
 * Exposure of items in top-N lists, with the position weights of Singh & Joachims, "Fairness
 * of Exposure in Rankings" (KDD 2018): an item at rank ρ of a user's list gets
 * v(ρ) = 1 / log₂(1 + ρ) of her attention, nothing beyond the list. An item's exposure is the
 * sum over users; a set of items' share of exposure is compared with its share of the
 * catalogue: parity is a ratio of 1 (the set gets as much attention per item as the average
 * item), below 1 it is under-exposed.
 */

import { ConfigError } from "../errors.js";
import type { RatedItems } from "../io/modelFolder.js";
import { checkMatrix } from "./groupVirtualUser.js";
import { SCORE_BLOCK, scoreItemsBlock, topItems } from "./itemScores.js";

/** Options of {@link listExposure}. */
export interface ListExposureOptions {
  /** List length; default 10. */
  readonly top?: number;
  /** Per-factor weights w_j folded into every user vector (r̂' = Σ w_j p_uj q_ij); default 1. */
  readonly weights?: ArrayLike<number>;
  /** Items each user is not recommended (her rated items), as CSR rows over users. */
  readonly exclude?: RatedItems;
  /** The users whose lists count (row indices); default every user. */
  readonly users?: Int32Array;
}

/** Every item's exposure in the lists of each group's users (the sum of the two is everyone's). */
export interface GroupListExposure {
  readonly minorityUsers: Float64Array;
  readonly majorityUsers: Float64Array;
}

/** Exposure of the items that lean to one group. */
export interface SetExposure {
  /** Items in the set. */
  readonly items: number;
  /** The set's share of the leaning items: the exposure share parity would give. */
  readonly itemShare: number;
  /** The set's share of the exposure that goes to leaning items. */
  readonly exposureShare: number;
  /** exposureShare / itemShare; 1 is parity, below 1 under-exposed. NaN for an empty set. */
  readonly ratio: number;
}

/** Exposure of the items leaning to each group. */
export interface LeaningExposure {
  readonly minorityLeaning: SetExposure;
  readonly majorityLeaning: SetExposure;
}

/**
 * Every item's exposure Σ_u v(rank_u(i)) over the top-`top` lists of the users (rows of
 * `userFactors`, or `options.users` of them), ranked by the (re-weighted) predicted rating,
 * skipping excluded items, summed separately over minority users (label 0) and majority
 * users (label 1). Costs users × items × k.
 */
export function listExposure(
  userFactors: ArrayLike<number>,
  itemFactors: ArrayLike<number>,
  k: number,
  labels: Uint8Array,
  options: ListExposureOptions = {},
): GroupListExposure {
  const users = checkMatrix(userFactors, k, "userFactors");
  const items = checkMatrix(itemFactors, k, "itemFactors");
  const top = options.top ?? 10;
  const { weights, exclude } = options;
  if (labels.length !== users) throw new ConfigError(`${labels.length} labels for ${users} users`);
  if (weights !== undefined && weights.length !== k) {
    throw new ConfigError(`${weights.length} weights for k = ${k}`);
  }
  if (exclude !== undefined && exclude.indptr.length !== users + 1) {
    throw new ConfigError(
      `the exclusion rows cover ${exclude.indptr.length - 1} users, not ${users}`,
    );
  }
  const position = new Float64Array(top);
  for (let rank = 1; rank <= top; rank++) position[rank - 1] = 1 / Math.log2(1 + rank);
  const byGroup = [new Float64Array(items), new Float64Array(items)];
  const mask = new Uint8Array(items);
  const rows = options.users;
  const listed = rows?.length ?? users;
  const itemMatrix = Float64Array.from(itemFactors);
  const vectors = new Float64Array(SCORE_BLOCK * k);
  const scores = new Float64Array(SCORE_BLOCK * items);
  const block = new Int32Array(SCORE_BLOCK);
  for (let first = 0; first < listed; first += SCORE_BLOCK) {
    const count = Math.min(SCORE_BLOCK, listed - first);
    for (let b = 0; b < count; b++) {
      const u = rows === undefined ? first + b : rows[first + b];
      if (!Number.isInteger(u) || u < 0 || u >= users) {
        throw new ConfigError(`user row ${u} is outside 0..${users - 1}`);
      }
      block[b] = u;
      for (let j = 0; j < k; j++) {
        vectors[b * k + j] = (weights?.[j] ?? 1) * userFactors[u * k + j];
      }
    }
    scoreItemsBlock(itemMatrix, k, vectors, scores);
    for (let b = 0; b < count; b++) {
      const u = block[b];
      const rated = exclude?.indices.subarray(exclude.indptr[u], exclude.indptr[u + 1]);
      if (rated !== undefined) for (const i of rated) mask[i] = 1;
      const list = topItems(scores.subarray(b * items, (b + 1) * items), top, mask);
      const exposure = byGroup[labels[u]];
      for (let rank = 0; rank < list.length; rank++) exposure[list[rank]] += position[rank];
      if (rated !== undefined) for (const i of rated) mask[i] = 0;
    }
  }
  return { minorityUsers: byGroup[0], majorityUsers: byGroup[1] };
}

/**
 * The share of exposure of the items leaning to each group (`leaning`: −1 minority, 1
 * majority, 0 unclassified; see itemLeaning), among the exposure of all leaning items,
 * against their share of the leaning items. Unclassified items are left out of both sides:
 * they are mostly rarely rated items, whose low exposure says nothing about either group.
 */
export function leaningExposure(exposure: Float64Array, leaning: Int8Array): LeaningExposure {
  if (leaning.length !== exposure.length) {
    throw new ConfigError(`${leaning.length} item leanings for ${exposure.length} items`);
  }
  const sum = [0, 0];
  const count = [0, 0];
  for (let i = 0; i < exposure.length; i++) {
    if (leaning[i] === 0) continue;
    const side = leaning[i] === -1 ? 0 : 1;
    sum[side] += exposure[i];
    count[side]++;
  }
  const set = (side: number): SetExposure => {
    const itemShare = count[side] / (count[0] + count[1]);
    const total = sum[0] + sum[1];
    const exposureShare = total > 0 ? sum[side] / total : 0;
    return {
      items: count[side],
      itemShare,
      exposureShare,
      ratio: count[side] > 0 ? exposureShare / itemShare : Number.NaN,
    };
  };
  return { minorityLeaning: set(0), majorityLeaning: set(1) };
}

/** Element-wise sum of the two groups' exposures: everyone's lists. */
export function allListsExposure(exposure: GroupListExposure): Float64Array {
  const out = new Float64Array(exposure.minorityUsers.length);
  for (let i = 0; i < out.length; i++)
    out[i] = exposure.minorityUsers[i] + exposure.majorityUsers[i];
  return out;
}
