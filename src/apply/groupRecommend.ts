import { type GroupContext, type GroupMethod, virtualUser } from "./groupVirtualUser.js";
import { scoreItems, topItems } from "./itemScores.js";

/** Options of {@link recommendForGroup}. */
export interface GroupRecommendOptions {
  /** Number of items to return (default 10; fewer when not enough items are left). */
  readonly top?: number;
  /**
   * Items to leave out, one flag per item (1 = exclude), typically the items rated by any
   * member: see {@link groupRatedMask}.
   */
  readonly exclude?: Uint8Array;
}

/** A ranked list of items: `items[r]` has predicted rating `scores[r]`, best first. */
export interface GroupRecommendation {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  /** The virtual user the items were scored with (length k). */
  readonly virtualUser: Float64Array;
}

/**
 * Flags (1) every item that at least one member has rated, from parallel rating arrays
 * (`user[r]` rated `item[r]`), for the `exclude` option.
 */
export function groupRatedMask(
  ratings: { readonly user: Int32Array; readonly item: Int32Array },
  members: Int32Array,
  itemCount: number,
): Uint8Array {
  const inGroup = new Set<number>();
  for (let m = 0; m < members.length; m++) inGroup.add(members[m]);
  const mask = new Uint8Array(itemCount);
  for (let r = 0; r < ratings.user.length; r++) {
    if (inGroup.has(ratings.user[r])) mask[ratings.item[r]] = 1;
  }
  return mask;
}

/**
 * The group's top items: builds the virtual user of `members` with `method` (see
 * {@link virtualUser}), scores every item by v · q_i and returns the `top` best items not
 * excluded, with their scores, best first.
 * @throws ConfigError on bad shapes, an empty group, unknown members or a bad `top`.
 */
export function recommendForGroup(
  userFactors: ArrayLike<number>,
  itemFactors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  method: GroupMethod,
  options: GroupRecommendOptions = {},
  context: GroupContext = {},
): GroupRecommendation {
  const vector = virtualUser(userFactors, k, members, method, context);
  const scores = scoreItems(itemFactors, k, vector);
  const items = topItems(scores, options.top ?? 10, options.exclude);
  const chosen = new Float64Array(items.length);
  for (let r = 0; r < items.length; r++) chosen[r] = scores[items[r]];
  return { items, scores: chosen, virtualUser: vector };
}
