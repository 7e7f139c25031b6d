/**
 * `deepunhide group`: a list for a group of users through a virtual user, by every method
 * (or one), with what each member gets from it.
 */

import { compareGroupMethods, type GroupMethodResult } from "../apply/groupQuality.js";
import { GROUP_METHODS, type GroupAttribute, type GroupMethod } from "../apply/groupVirtualUser.js";
import { itemInfo } from "../apply/itemInfo.js";
import { userIndexOf } from "../apply/modelIds.js";
import { ratedBy } from "../apply/recommend.js";
import { ConfigError } from "../errors.js";
import { type LoadedModel, loadModelFolder } from "../io/modelFolder.js";

/** Options of {@link groupCommand}, as parsed from the command line. */
export interface GroupCommandOptions {
  /** Model folder written by `deepunhide run`. */
  readonly model: string;
  /** Member user ids. */
  readonly users: readonly string[];
  /** One method, or `all`. */
  readonly method: GroupMethod | "all";
  /** List length. */
  readonly top: number;
  /** Print JSON instead of text. */
  readonly json: boolean;
}

/** Attributes in the shape the demographic method reads, from the saved profiles. */
function groupAttributes(model: LoadedModel): GroupAttribute[] | undefined {
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
function ratedMask(model: LoadedModel, users: Int32Array): Uint8Array {
  const mask = new Uint8Array(model.manifest.itemIds.length);
  for (const u of users) for (const i of ratedBy(model, u)) mask[i] = 1;
  return mask;
}

/**
 * Loads the model, builds the group's lists and prints them. The group's list skips every
 * item a member rated; each member's own top-50 skips that member's rated items.
 * @throws ConfigError for an empty group, an unknown or repeated user, a bad method or top.
 */
export async function groupCommand(options: GroupCommandOptions): Promise<void> {
  if (options.users.length === 0) throw new ConfigError("the group is empty: pass --users 1,2,3");
  if (!Number.isInteger(options.top) || options.top < 1 || options.top > 1000) {
    throw new ConfigError(`--top must be an integer in 1…1000, got ${options.top}`);
  }
  const model = await loadModelFolder(options.model);
  const members = Int32Array.from(options.users, (id) => userIndexOf(model, id));
  if (new Set(members).size !== members.length) {
    throw new ConfigError(`a user appears twice in the group: ${options.users.join(",")}`);
  }
  const attributes = groupAttributes(model);
  if (options.method === "demographic" && attributes === undefined) {
    throw new ConfigError(
      `${options.model} does not record the users' groups (written by an older version); rerun deepunhide run to use --method demographic`,
    );
  }
  const methods = options.method === "all" ? undefined : [options.method];
  const results = compareGroupMethods(
    model.userFactors,
    model.itemFactors,
    model.manifest.k,
    members,
    {
      top: options.top,
      exclude: ratedMask(model, members),
      memberExclude: Array.from(members, (u) => ratedMask(model, Int32Array.of(u))),
      ...(methods !== undefined ? { methods } : {}),
    },
    attributes !== undefined ? { attributes } : {},
  );
  const document = {
    users: options.users,
    methods: results.map((r) => describe(model, r)),
  };
  process.stdout.write(
    options.json ? `${JSON.stringify(document, null, 2)}\n` : `${formatGroup(document)}\n`,
  );
}

function describe(model: LoadedModel, result: GroupMethodResult) {
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

type GroupDocument = { users: readonly string[]; methods: ReturnType<typeof describe>[] };

function formatGroup(document: GroupDocument): string {
  const lines = [`Group of ${document.users.length} users: ${document.users.join(", ")}`];
  for (const m of document.methods) {
    const q = m.quality;
    lines.push(
      "",
      `${m.method}: members' mean rating of the list ${q.mean.meanRating.toFixed(2)} (worst member ${q.worst.meanRating.toFixed(2)}), lowest rating ${q.mean.minRating.toFixed(2)} (worst ${q.worst.minRating.toFixed(2)}), share in each member's own top 50 ${(100 * q.mean.overlap).toFixed(0)}% (worst ${(100 * q.worst.overlap).toFixed(0)}%)`,
      ...m.items.map(
        (it, n) =>
          `  ${String(n + 1).padStart(2)}. ${it.score.toFixed(2)}  ${it.title ?? `item ${it.item}`}`,
      ),
    );
  }
  return lines.join("\n");
}

/** The methods `--method` accepts. */
export const GROUP_COMMAND_METHODS: readonly (GroupMethod | "all")[] = ["all", ...GROUP_METHODS];
