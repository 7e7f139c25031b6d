/** Invariants every dataset a loader accepts must satisfy, whatever the source. */

import type { Dataset } from "../src/data/dataset.js";
import { invariant } from "./fuzzTarget.js";

/**
 * Indices in range, arrays of equal length, ratings finite and on the dataset's own scale,
 * every user with at least one rating, attributes of the right length.
 */
export function checkDataset(dataset: Dataset): void {
  const users = dataset.users.ids.length;
  const items = dataset.items.ids.length;
  const { user, item, value } = dataset.ratings;
  const { min, max } = dataset.ratingScale;
  invariant(Number.isFinite(min) && Number.isFinite(max) && min <= max, "bad rating scale");
  invariant(
    user.length === value.length && item.length === value.length,
    "rating arrays differ in length",
  );
  const seen = new Uint8Array(users);
  for (let r = 0; r < value.length; r++) {
    invariant(user[r] >= 0 && user[r] < users, `rating ${r}: user index ${user[r]} out of range`);
    invariant(item[r] >= 0 && item[r] < items, `rating ${r}: item index ${item[r]} out of range`);
    invariant(value[r] >= min && value[r] <= max, `rating ${r}: value ${value[r]} off the scale`);
    seen[user[r]] = 1;
  }
  invariant(
    seen.every((s) => s === 1),
    "a user without ratings was accepted",
  );
  for (const [name, attribute] of Object.entries(dataset.userAttributes)) {
    invariant(attribute.values.length === users, `attribute ${name} has the wrong length`);
  }
  const genres = dataset.itemAttributes.genres;
  if (genres !== undefined) {
    invariant(genres.matrix.length === items * genres.names.length, "genre matrix shape");
  }
}
