import { rankDescending } from "./rankDescending.js";

/**
 * The per-group reading of paper §2.3 as one order of factors: the factors each group likes
 * most (decreasing p̃M and decreasing p̃m), taken alternately, majority first, skipping a
 * factor already taken. Its first N entries are the top-⌈N/2⌉ of one group together with the
 * top-⌊N/2⌋ of the other, which lets the per-group variant be compared with every other
 * ranking at the same N.
 */
export function perGroupRanking(
  normalizedMajority: ArrayLike<number>,
  normalizedMinority: ArrayLike<number>,
): Int32Array {
  const k = normalizedMajority.length;
  const majority = rankDescending(normalizedMajority);
  const minority = rankDescending(normalizedMinority);
  const taken = new Uint8Array(k);
  const order = new Int32Array(k);
  let filled = 0;
  let i = 0;
  let j = 0;
  let turn = 0;
  while (filled < k) {
    const source = turn === 0 ? majority : minority;
    let cursor = turn === 0 ? i : j;
    while (cursor < k && taken[source[cursor]]) cursor++;
    if (cursor < k) {
      taken[source[cursor]] = 1;
      order[filled++] = source[cursor];
      cursor++;
    }
    if (turn === 0) i = cursor;
    else j = cursor;
    turn ^= 1;
  }
  return order;
}
