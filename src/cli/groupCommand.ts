/**
 * `deepunhide group`: a list for a group of users through a virtual user, by every method
 * (or one), with what each member gets from it.
 */

import { type GroupDocument, groupFromModel } from "../apply/groupFromModel.js";
import { GROUP_METHODS, type GroupMethod } from "../apply/groupVirtualUser.js";
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
  const model = await loadModelFolder(options.model);
  const document = groupFromModel(
    model,
    options.users,
    {
      top: options.top,
      ...(options.method === "all" ? {} : { methods: [options.method] }),
    },
    options.model,
  );
  process.stdout.write(
    options.json ? `${JSON.stringify(document, null, 2)}\n` : `${formatGroup(document)}\n`,
  );
}

/** The text form of a group's lists: per method, the quality line and the items. */
export function formatGroup(document: GroupDocument): string {
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
