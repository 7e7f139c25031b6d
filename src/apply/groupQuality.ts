/**
 * How well a group's list serves each member: the member's own predicted ratings of the
 * group's items, and how much of the group's list the member would have been recommended
 * alone. Aggregated as the mean over members and the worst member, because a group list that
 * pleases most members but leaves one out is what group recommendation must avoid.
 */

import { ConfigError } from "../errors.js";
import {
  type GroupRecommendation,
  type GroupRecommendOptions,
  recommendForGroup,
} from "./groupRecommend.js";
import {
  checkMatrix,
  checkMembers,
  factorPercentiles,
  GROUP_METHODS,
  type GroupContext,
  type GroupMethod,
} from "./groupVirtualUser.js";
import { scoreItems, topItems } from "./itemScores.js";

/** Options of {@link groupQuality}. */
export interface GroupQualityOptions {
  /** Size of each member's own list that the group's items are looked up in (default 50). */
  readonly memberTop?: number;
  /**
   * One item mask per member (same order as `members`, 1 = exclude), typically the member's
   * rated items, applied to the member's own list only.
   */
  readonly memberExclude?: readonly Uint8Array[];
}

/** Per-member and aggregated quality of one group list. All per-member arrays follow `members`. */
export interface GroupQuality {
  /** Member's mean predicted rating p_u · q_i over the group's items. */
  readonly memberMean: Float64Array;
  /** Member's minimum predicted rating over the group's items. */
  readonly memberMin: Float64Array;
  /** Share of the group's items that are in the member's own top-`memberTop`. */
  readonly memberOverlap: Float64Array;
  /** Means over members of the three arrays above. */
  readonly mean: {
    readonly meanRating: number;
    readonly minRating: number;
    readonly overlap: number;
  };
  /** The worst member on each measure (the minimum over members). */
  readonly worst: {
    readonly meanRating: number;
    readonly minRating: number;
    readonly overlap: number;
  };
}

/**
 * Quality of the group list `groupItems` for each member of `members` (rows of
 * `userFactors`, users × k; items are rows of `itemFactors`, items × k).
 * @throws ConfigError on bad shapes, an empty group or list, unknown members or items, or a
 *   `memberExclude` that does not match the members.
 */
export function groupQuality(
  userFactors: ArrayLike<number>,
  itemFactors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  groupItems: Int32Array,
  options: GroupQualityOptions = {},
): GroupQuality {
  const users = checkMatrix(userFactors, k, "userFactors");
  const items = checkMatrix(itemFactors, k, "itemFactors");
  checkMembers(members, users);
  if (groupItems.length === 0) throw new ConfigError("the group's list of items is empty");
  for (let r = 0; r < groupItems.length; r++) {
    if (groupItems[r] < 0 || groupItems[r] >= items) {
      throw new ConfigError(`item ${groupItems[r]} is not an item index (0..${items - 1})`);
    }
  }
  const memberTop = options.memberTop ?? 50;
  const exclude = options.memberExclude;
  if (exclude !== undefined && exclude.length !== members.length) {
    throw new ConfigError(
      `memberExclude has ${exclude.length} masks for ${members.length} members`,
    );
  }
  const n = members.length;
  const memberMean = new Float64Array(n);
  const memberMin = new Float64Array(n);
  const memberOverlap = new Float64Array(n);
  const inOwnList = new Uint8Array(items);
  const vector = new Float64Array(k);
  for (let m = 0; m < n; m++) {
    const base = members[m] * k;
    for (let j = 0; j < k; j++) vector[j] = userFactors[base + j];
    const scores = scoreItems(itemFactors, k, vector);
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    for (let r = 0; r < groupItems.length; r++) {
      const s = scores[groupItems[r]];
      sum += s;
      if (s < min) min = s;
    }
    memberMean[m] = sum / groupItems.length;
    memberMin[m] = min;
    const own = topItems(scores, memberTop, exclude?.[m]);
    for (let r = 0; r < own.length; r++) inOwnList[own[r]] = 1;
    let hits = 0;
    for (let r = 0; r < groupItems.length; r++) hits += inOwnList[groupItems[r]];
    memberOverlap[m] = hits / groupItems.length;
    // Reset only what was set: cheaper than clearing the whole mask per member.
    for (let r = 0; r < own.length; r++) inOwnList[own[r]] = 0;
  }
  return {
    memberMean,
    memberMin,
    memberOverlap,
    mean: {
      meanRating: meanOf(memberMean),
      minRating: meanOf(memberMin),
      overlap: meanOf(memberOverlap),
    },
    worst: {
      meanRating: minOf(memberMean),
      minRating: minOf(memberMin),
      overlap: minOf(memberOverlap),
    },
  };
}

/** One method's list and its quality, from {@link compareGroupMethods}. */
export interface GroupMethodResult {
  readonly method: GroupMethod;
  readonly recommendation: GroupRecommendation;
  readonly quality: GroupQuality;
}

/**
 * Recommends to the group with each method (default: all of {@link GROUP_METHODS}, minus
 * `demographic` when `context.attributes` is absent) and measures each list with
 * {@link groupQuality}, so the methods can be compared side by side.
 */
export function compareGroupMethods(
  userFactors: ArrayLike<number>,
  itemFactors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  options: GroupRecommendOptions &
    GroupQualityOptions & { readonly methods?: readonly GroupMethod[] } = {},
  context: GroupContext = {},
): GroupMethodResult[] {
  const methods =
    options.methods ??
    GROUP_METHODS.filter((m) => m !== "demographic" || context.attributes !== undefined);
  // The percentiles are the expensive shared part: compute them once for every method.
  const shared: GroupContext = {
    ...context,
    percentiles: context.percentiles ?? factorPercentiles(userFactors, k),
  };
  return methods.map((method) => {
    const recommendation = recommendForGroup(
      userFactors,
      itemFactors,
      k,
      members,
      method,
      options,
      shared,
    );
    const quality = groupQuality(
      userFactors,
      itemFactors,
      k,
      members,
      recommendation.items,
      options,
    );
    return { method, recommendation, quality };
  });
}

function meanOf(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

function minOf(values: Float64Array): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] < m) m = values[i];
  return m;
}
