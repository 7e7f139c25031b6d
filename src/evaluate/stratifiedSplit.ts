/**
 * Stratified random split of samples (users) into parts, e.g. 70% train / 10% validation /
 * 20% test (paper §3). Stratifying on the joint combination of the binary labels keeps the
 * class balance of every part equal to that of the whole, so the majority floors of train
 * and test agree and small groups (e.g. older women) are not left out of a part by chance.
 */

import { ConfigError } from "../errors.js";
import { type Rng, shuffleInPlace } from "../util/rng.js";

/**
 * How many members of each stratum go to each part. Within one stratum every part gets
 * the floor or the ceiling of its exact share f_p·n_s. The strata's leftover units go to
 * the parts with the largest running deficit f_p·(samples seen so far) − (allocated so
 * far): with one stratum that is exactly largest-remainder rounding; across strata it keeps
 * the overall part sizes close to their shares too, instead of rounding every small stratum
 * the same way. Ties go to the lower part index. Exported for testing.
 */
export function allocateStrata(
  stratumSizes: readonly number[],
  fractions: readonly number[],
): number[][] {
  const parts = fractions.length;
  const allocated = new Float64Array(parts);
  let seen = 0;
  const counts: number[][] = [];
  for (const size of stratumSizes) {
    seen += size;
    const row = new Array<number>(parts);
    const remainder = new Float64Array(parts);
    let leftover = size;
    for (let p = 0; p < parts; p++) {
      const share = fractions[p] * size;
      // The tolerance keeps a share like 0.7·30 = 20.999999999999996 from flooring to 20.
      row[p] = Math.floor(share + 1e-9);
      remainder[p] = share - row[p];
      leftover -= row[p];
    }
    // Floating error could make the floors exceed `size`; never hand out more than exists.
    for (let p = parts - 1; leftover < 0 && p >= 0; p--) {
      if (row[p] > 0) {
        row[p]--;
        leftover++;
      }
    }
    // Only parts whose share has a fractional part may be rounded up, so each part stays
    // within floor..ceil of its share; Σ remainders = leftover guarantees enough candidates.
    const deficit = new Float64Array(parts);
    for (let p = 0; p < parts; p++) {
      deficit[p] =
        remainder[p] > 1e-9
          ? fractions[p] * seen - (allocated[p] + row[p])
          : Number.NEGATIVE_INFINITY;
    }
    for (; leftover > 0; leftover--) {
      let best = 0;
      for (let p = 1; p < parts; p++) if (deficit[p] > deficit[best]) best = p;
      row[best]++;
      // At most one leftover unit per part per stratum.
      deficit[best] = Number.NEGATIVE_INFINITY;
    }
    for (let p = 0; p < parts; p++) allocated[p] += row[p];
    counts.push(row);
  }
  return counts;
}

/**
 * Validates a train / validation / test split given as three positive shares that add up to
 * 1 (`name` says which setting, e.g. `userSplit`). Throws {@link ConfigError} otherwise.
 */
export function requireThreeShares(name: string, shares: readonly number[]): void {
  if (
    shares.length !== 3 ||
    !shares.every((share) => share > 0) ||
    Math.abs(shares[0] + shares[1] + shares[2] - 1) > 1e-9
  ) {
    throw new ConfigError(
      `${name} must be three positive shares that add up to 1, got ${shares.join(",")}`,
    );
  }
}

function checkFractions(fractions: readonly number[]): void {
  if (fractions.length === 0) throw new ConfigError("split fractions must not be empty");
  let sum = 0;
  for (const f of fractions) {
    if (!Number.isFinite(f) || f < 0) {
      throw new ConfigError(`split fractions must be non-negative numbers, got ${fractions}`);
    }
    sum += f;
  }
  if (Math.abs(sum - 1) > 1e-9) {
    throw new ConfigError(`split fractions must sum to 1, got ${fractions} (sum ${sum})`);
  }
}

/**
 * Splits sample indices 0..n−1 (n = `strata.length`) into `fractions.length` disjoint parts
 * that together cover every index. `strata[i]` is sample i's stratum id (any integers);
 * each part receives its share of every stratum, rounded as in {@link allocateStrata}.
 * Members of a stratum are assigned in a random order drawn from `rng`, strata taken in
 * ascending id order, so the same seed gives the same split. Each returned part is sorted
 * ascending. Throws {@link ConfigError} when the fractions are negative or do not sum to 1.
 */
export function stratifiedSplit(
  strata: Uint8Array | Int32Array,
  fractions: readonly number[],
  rng: Rng,
): Int32Array[] {
  checkFractions(fractions);
  const members = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const list = members.get(strata[i]);
    if (list === undefined) members.set(strata[i], [i]);
    else list.push(i);
  }
  const ids = [...members.keys()].sort((a, b) => a - b);
  const groups = ids.map((id) => members.get(id)!);
  const counts = allocateStrata(
    groups.map((g) => g.length),
    fractions,
  );

  const parts = fractions.map(() => [] as number[]);
  groups.forEach((group, s) => {
    shuffleInPlace(group, rng);
    let next = 0;
    for (let p = 0; p < fractions.length; p++) {
      for (let k = 0; k < counts[s][p]; k++) parts[p].push(group[next++]);
    }
  });
  return parts.map((part) => Int32Array.from(part).sort());
}

/** Users split into training, validation and test parts (dense user indices). */
export interface UserSplit {
  readonly train: Int32Array;
  readonly validation: Int32Array;
  readonly test: Int32Array;
}

/**
 * A stratified random subsample of `rows` of about `size` rows (each stratum keeps its share,
 * rounded as in {@link allocateStrata}), sorted ascending if `rows` is; `rows` itself when it
 * holds no more than `size`, without drawing from `rng`. It caps the users fed to fits whose
 * cost grows faster than the data (see the experiments' `maxUsers`).
 */
export function stratifiedSubsample(
  strata: Uint8Array | Int32Array,
  rows: Int32Array,
  size: number,
  rng: Rng,
): Int32Array {
  if (rows.length <= size) return rows;
  const kept = size / rows.length;
  const subset = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) subset[r] = strata[rows[r]];
  const [chosen] = stratifiedSplit(subset, [kept, 1 - kept], rng);
  for (let r = 0; r < chosen.length; r++) chosen[r] = rows[chosen[r]];
  return chosen;
}

/**
 * `split` with its training and validation parts replaced by stratified subsamples, each
 * shrunk by maxUsers / (users in the split), so that fits learning from them cost what a split
 * of `maxUsers` users would; the test part is kept whole. `split` itself when it holds no more
 * than `maxUsers` users. (E1 retrains networks on the pipeline's split this way.)
 */
export function capUserSplit(
  split: UserSplit,
  labels: Uint8Array | Int32Array,
  maxUsers: number,
  rng: Rng,
): UserSplit {
  const total = split.train.length + split.validation.length + split.test.length;
  if (total <= maxUsers) return split;
  const share = maxUsers / total;
  return {
    train: stratifiedSubsample(
      labels,
      split.train,
      Math.round(share * split.train.length),
      rng.fork("train"),
    ),
    validation: stratifiedSubsample(
      labels,
      split.validation,
      Math.round(share * split.validation.length),
      rng.fork("validation"),
    ),
    test: split.test,
  };
}

/**
 * One stratum per combination of binary labels (user u's stratum reads her labels as the
 * bits of a number), so that a split stratified on it keeps every joint group's share.
 */
export function jointLabelStrata(labels: readonly Uint8Array[], userCount: number): Int32Array {
  const strata = new Int32Array(userCount);
  for (let u = 0; u < userCount; u++) {
    let stratum = 0;
    for (const l of labels) stratum = stratum * 2 + l[u];
    strata[u] = stratum;
  }
  return strata;
}
