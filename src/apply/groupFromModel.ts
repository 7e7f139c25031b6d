/**
 * A group's lists from a saved model, by every virtual-user method (or some), with what each
 * member gets: the part of `deepunhide group` that the report's example group shares.
 */

import { ConfigError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";
import { compareGroupMethods, type GroupMethodResult } from "./groupQuality.js";
import type { GroupAttribute, GroupMethod } from "./groupVirtualUser.js";
import { type ItemInfo, itemInfo } from "./itemInfo.js";
import { userIndexOf } from "./modelIds.js";
import { ratedBy } from "./recommend.js";

/** One method's list and its quality, as printed by `deepunhide group --json`. */
export interface GroupMethodDocument {
  readonly method: GroupMethod;
  readonly items: (ItemInfo & { readonly item: string; readonly score: number })[];
  readonly quality: {
    readonly mean: GroupMethodResult["quality"]["mean"];
    readonly worst: GroupMethodResult["quality"]["worst"];
    readonly perMember: {
      readonly meanRating: number[];
      readonly minRating: number[];
      readonly overlap: number[];
    };
  };
}

/** A group's lists, by method. */
export interface GroupDocument {
  readonly users: readonly string[];
  readonly methods: GroupMethodDocument[];
}

/**
 * The group's lists from a loaded model. The group's list skips every item a member rated;
 * each member's own top-50 skips that member's rated items. `demographic` is included when
 * the model records the users' groups.
 * @throws ConfigError for an empty group, an unknown or repeated user, a bad top, or
 *   `demographic` asked of a folder without the users' groups.
 */
export function groupFromModel(
  model: LoadedModel,
  userIds: readonly string[],
  options: { readonly top: number; readonly methods?: readonly GroupMethod[] },
  folder: string,
): GroupDocument {
  if (userIds.length === 0) throw new ConfigError("the group is empty: pass --users 1,2,3");
  if (!Number.isInteger(options.top) || options.top < 1 || options.top > 1000) {
    throw new ConfigError(`--top must be an integer in 1…1000, got ${options.top}`);
  }
  const members = Int32Array.from(userIds, (id) => userIndexOf(model, id));
  if (new Set(members).size !== members.length) {
    throw new ConfigError(`a user appears twice in the group: ${userIds.join(",")}`);
  }
  const attributes = groupAttributes(model);
  if (options.methods?.includes("demographic") && attributes === undefined) {
    throw new ConfigError(
      `${folder} does not record the users' groups (written by an older version); rerun deepunhide run to use --method demographic`,
    );
  }
  const results = compareGroupMethods(
    model.userFactors,
    model.itemFactors,
    model.manifest.k,
    members,
    {
      top: options.top,
      exclude: ratedMask(model, members),
      memberExclude: Array.from(members, (u) => ratedMask(model, Int32Array.of(u))),
      ...(options.methods !== undefined ? { methods: options.methods } : {}),
    },
    attributes !== undefined ? { attributes } : {},
  );
  return { users: userIds, methods: results.map((r) => describe(model, r)) };
}

/**
 * Attributes in the shape the demographic method reads, from the saved profiles; undefined
 * for folders written before the users' groups were saved.
 */
export function groupAttributes(model: LoadedModel): GroupAttribute[] | undefined {
  const out: GroupAttribute[] = [];
  for (const profile of Object.values(model.profiles)) {
    // Folders written before labels were saved cannot drive the demographic method.
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

/** Item mask (1 = excluded) of the given users' rated items. */
export function ratedMask(model: LoadedModel, users: Int32Array): Uint8Array {
  const mask = new Uint8Array(model.manifest.itemIds.length);
  for (const u of users) for (const i of ratedBy(model, u)) mask[i] = 1;
  return mask;
}

function describe(model: LoadedModel, result: GroupMethodResult): GroupMethodDocument {
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
