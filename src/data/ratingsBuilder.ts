/**
 * Ratings collected one at a time from a file of unknown length, in typed arrays that double
 * when full: no per-rating object is ever created, so tens of millions of ratings cost
 * 12 bytes each (plus the slack of the last doubling).
 */

import type { Ratings } from "./dataset.js";

/** Accumulates ratings; {@link RatingsBuilder.finish} returns them trimmed to size. */
export class RatingsBuilder {
  private user: Int32Array;
  private item: Int32Array;
  private value: Float32Array;
  /** Ratings added so far. */
  length = 0;

  /** `capacity` is a first guess; the arrays grow as needed. */
  constructor(capacity = 1 << 16) {
    const size = Math.max(16, capacity);
    this.user = new Int32Array(size);
    this.item = new Int32Array(size);
    this.value = new Float32Array(size);
  }

  /** Appends one rating. */
  add(user: number, item: number, value: number): void {
    if (this.length === this.user.length) this.grow();
    const r = this.length++;
    this.user[r] = user;
    this.item[r] = item;
    this.value[r] = value;
  }

  /** The ratings added, in order, in arrays of exactly their length. */
  finish(): Ratings {
    return {
      user: this.user.slice(0, this.length),
      item: this.item.slice(0, this.length),
      value: this.value.slice(0, this.length),
    };
  }

  private grow(): void {
    const size = this.user.length * 2;
    const user = new Int32Array(size);
    const item = new Int32Array(size);
    const value = new Float32Array(size);
    user.set(this.user);
    item.set(this.item);
    value.set(this.value);
    this.user = user;
    this.item = item;
    this.value = value;
  }
}

/**
 * The first rating that repeats an earlier (user, item) pair, as `[earlier, later]` rating
 * indices, or `undefined`. Works at any size: ratings are bucketed by user (a counting sort,
 * one Int32Array of the rating count) and each user's items are stamped in one array of the
 * item count, so it needs no users × items table.
 */
export function findDuplicatePair(
  ratings: Ratings,
  userCount: number,
  itemCount: number,
): [number, number] | undefined {
  const n = ratings.user.length;
  const start = new Int32Array(userCount + 1);
  for (let r = 0; r < n; r++) start[ratings.user[r] + 1]++;
  for (let u = 0; u < userCount; u++) start[u + 1] += start[u];
  const next = start.slice(0, userCount);
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[next[ratings.user[r]]++] = r;
  // stamp[item] = 1 + the position in `order` where the current user rated it last.
  const stamp = new Int32Array(itemCount);
  for (let u = 0; u < userCount; u++) {
    for (let p = start[u]; p < start[u + 1]; p++) {
      const r = order[p];
      const item = ratings.item[r];
      const seen = stamp[item] - 1;
      if (seen >= start[u]) return [order[seen], r];
      stamp[item] = p + 1;
    }
  }
  return undefined;
}
