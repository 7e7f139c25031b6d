/**
 * Restricting a dataset to some of its users, for sources where not every user can take
 * part: MyAnimeList users who never scored anything, or who did not state a gender or a
 * birth date the groups need.
 */

import { type Attribute, createIdMap, type Dataset } from "./dataset.js";

/**
 * The dataset with only the users whose `keep` flag is 1, their ratings, and their attribute
 * values; dense indices are renumbered in the original order. Items are kept as they are
 * (an item without ratings is allowed, as in ML-100K).
 */
export function keepUsers(dataset: Dataset, keep: Uint8Array): Dataset {
  const n = dataset.users.ids.length;
  const newIndex = new Int32Array(n).fill(-1);
  const ids: string[] = [];
  for (let u = 0; u < n; u++) {
    if (keep[u] === 1) {
      newIndex[u] = ids.length;
      ids.push(dataset.users.ids[u]);
    }
  }
  if (ids.length === n) return dataset;
  const { user, item, value } = dataset.ratings;
  let kept = 0;
  for (let r = 0; r < user.length; r++) if (newIndex[user[r]] >= 0) kept++;
  const ratings = {
    user: new Int32Array(kept),
    item: new Int32Array(kept),
    value: new Float32Array(kept),
  };
  let k = 0;
  for (let r = 0; r < user.length; r++) {
    const u = newIndex[user[r]];
    if (u < 0) continue;
    ratings.user[k] = u;
    ratings.item[k] = item[r];
    ratings.value[k] = value[r];
    k++;
  }
  const userAttributes: Record<string, Attribute> = {};
  for (const [name, attribute] of Object.entries(dataset.userAttributes)) {
    userAttributes[name] =
      attribute.kind === "categorical"
        ? { kind: "categorical", values: attribute.values.filter((_, u) => keep[u] === 1) }
        : { kind: "numeric", values: attribute.values.filter((_, u) => keep[u] === 1) };
  }
  return { ...dataset, users: createIdMap(ids), ratings, userAttributes };
}

/** 1 for every user with at least one rating. */
export function usersWithRatings(dataset: Dataset): Uint8Array {
  const flags = new Uint8Array(dataset.users.ids.length);
  const users = dataset.ratings.user;
  for (let r = 0; r < users.length; r++) flags[users[r]] = 1;
  return flags;
}

/** 1 for every user who has a value (not "" and not NaN) for each of `attributes`. */
export function usersWithValues(dataset: Dataset, attributes: readonly string[]): Uint8Array {
  const flags = new Uint8Array(dataset.users.ids.length).fill(1);
  for (const name of attributes) {
    const attribute = dataset.userAttributes[name];
    if (attribute === undefined) continue;
    for (let u = 0; u < flags.length; u++) {
      const missing =
        attribute.kind === "categorical"
          ? attribute.values[u] === ""
          : Number.isNaN(attribute.values[u]);
      if (missing) flags[u] = 0;
    }
  }
  return flags;
}
