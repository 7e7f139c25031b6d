/**
 * Translation of the ids a user types (the ids of the dataset's files) into the dense row
 * indices of a loaded model, with errors that say which id is unknown and what valid ones
 * look like.
 */

import { ConfigError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";

/**
 * Dense index of a user id.
 * @throws ConfigError when the model has no such user.
 */
export function userIndexOf(model: LoadedModel, userId: string): number {
  return indexOf(model.manifest.userIds, userId, "user");
}

/**
 * Dense index of an item id.
 * @throws ConfigError when the model has no such item.
 */
export function itemIndexOf(model: LoadedModel, itemId: string): number {
  return indexOf(model.manifest.itemIds, itemId, "item");
}

function indexOf(ids: readonly string[], id: string, kind: "user" | "item"): number {
  // A linear scan is fine: it runs once per command, and the manifest keeps ids as an array.
  const index = ids.indexOf(id);
  if (index < 0) {
    const examples = ids.slice(0, 3).join(", ");
    throw new ConfigError(
      `unknown ${kind} id "${id}"; this model has ${ids.length} ${kind}s with ids like ${examples}`,
    );
  }
  return index;
}
