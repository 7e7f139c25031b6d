/**
 * `deepunhide group`: a list for a group of users through a virtual user, by every method
 * (or one), with what each member gets from it.
 */

import { GROUP_METHODS, type GroupMethod } from "../apply/groupVirtualUser.js";
import { type ModelGroupRecommendation, recommendForModelGroup } from "../apply/modelGroup.js";
import { ConfigError } from "../errors.js";
import { loadModelFolder } from "../io/modelFolder.js";

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
  const document = recommendForModelGroup(model, options.users, options.method, options.top);
  process.stdout.write(
    options.json ? `${JSON.stringify(document, null, 2)}\n` : `${formatGroup(document)}\n`,
  );
}

function formatGroup(document: ModelGroupRecommendation): string {
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
