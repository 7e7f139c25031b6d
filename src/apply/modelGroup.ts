/**
 * Group recommendation over a saved model folder, by user ids: what `deepunhide group` prints
 * and the explorer's /api/group answers, built once here so both say the same thing.
 */

import { ConfigError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";
import { compareGroupMethods, type GroupMethodResult } from "./groupQuality.js";
import type { GroupAttribute, GroupMethod } from "./groupVirtualUser.js";
import { itemInfo } from "./itemInfo.js";
import { userIndexOf } from "./modelIds.js";
import { MAX_TOP, ratedBy } from "./recommend.js";

/** Attributes in the shape the demographic method reads, from the saved profiles; `undefined`
 * for folders written before the users' groups were saved. */
export function groupAttributesOf(model: LoadedModel): GroupAttribute[] | undefined {
  const out: GroupAttribute[] = [];
  for (const profile of Object.values(model.profiles)) {
    if (profile.labels === undefined) return undefined;
    out.push({
      labels: Uint8Array.from(profile.labels),
      archetypes: {
        majority: { vector: Float64Array.from(profile.archetypes.majority) },
        minority: { vector: Float64Array.from(profile.archetypes.minority) },
      },
      profile: { relevancy: Float64Array.from(profile.relevancy) },
    });
  }
  return out;
}

/** Item mask (1 = excluded) of the items any of `users` (dense indices) rated. */
export function ratedItemsMask(model: LoadedModel, users: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(model.manifest.itemIds.length);
  for (let m = 0; m < users.length; m++) for (const i of ratedBy(model, users[m])) mask[i] = 1;
  return mask;
}

/** One method's list for the group and what each member gets from it. */
export interface ModelGroupMethod {
  readonly method: GroupMethod;
  readonly items: { item: string; title?: string; genres?: string[]; score: number }[];
  readonly quality: {
    readonly mean: { meanRating: number; minRating: number; overlap: number };
    readonly worst: { meanRating: number; minRating: number; overlap: number };
    /** Per member, in the order of `users`. */
    readonly perMember: { meanRating: number[]; minRating: number[]; overlap: number[] };
  };
}

/** A group's lists by one or every method. */
export interface ModelGroupRecommendation {
  readonly users: readonly string[];
  readonly methods: ModelGroupMethod[];
}

/**
 * The group's top-`top` list by `method` (or every method) with each member's quality. The
 * group's list skips every item a member rated; each member's own top-50 skips that member's
 * rated items.
 * @throws ConfigError for an empty group, an unknown or repeated user, a bad top, or
 *   `demographic` on a folder that does not record the users' groups.
 */
export function recommendForModelGroup(
  model: LoadedModel,
  users: readonly string[],
  method: GroupMethod | "all",
  top: number,
  attributes: GroupAttribute[] | undefined = groupAttributesOf(model),
): ModelGroupRecommendation {
  if (users.length === 0) throw new ConfigError("the group is empty");
  if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) {
    throw new ConfigError(`top must be an integer in 1…${MAX_TOP}, got ${top}`);
  }
  const members = Int32Array.from(users, (id) => userIndexOf(model, id));
  if (new Set(members).size !== members.length) {
    throw new ConfigError(`a user appears twice in the group: ${users.join(",")}`);
  }
  if (method === "demographic" && attributes === undefined) {
    throw new ConfigError(
      "this model folder does not record the users' groups (written by an older version); rerun deepunhide run to use the demographic method",
    );
  }
  const results = compareGroupMethods(
    model.userFactors,
    model.itemFactors,
    model.manifest.k,
    members,
    {
      top,
      exclude: ratedItemsMask(model, members),
      memberExclude: Array.from(members, (u) => ratedItemsMask(model, [u])),
      ...(method !== "all" ? { methods: [method] } : {}),
    },
    attributes !== undefined ? { attributes } : {},
  );
  return { users, methods: results.map((r) => describe(model, r)) };
}

function describe(model: LoadedModel, result: GroupMethodResult): ModelGroupMethod {
  const { recommendation, quality } = result;
  return {
    method: result.method,
    items: Array.from(recommendation.items, (i, n) => ({
      item: model.manifest.itemIds[i],
      ...itemInfo(model, i),
      score: recommendation.scores[n],
    })),
    quality: {
      mean: quality.mean,
      worst: quality.worst,
      perMember: {
        meanRating: Array.from(quality.memberMean),
        minRating: Array.from(quality.memberMin),
        overlap: Array.from(quality.memberOverlap),
      },
    },
  };
}
