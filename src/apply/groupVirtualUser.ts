/**
 * Virtual users for group recommendation: one factor vector that stands for a whole group,
 * so the plain dot product p·q_i ranks items for the group (paper §1 and §4; the vote rule is
 * the one in the authors' group code, KNODIS-Research-Group/neural-cf-for-groups,
 * `ncf-groups-eval-virtual-user.py`).
 */

import { ConfigError } from "../errors.js";

/** How the members' factor vectors are combined into one. */
export type GroupMethod = "mean" | "median" | "vote" | "demographic";

/** The methods of {@link virtualUser}, in a stable order (for CLIs and reports). */
export const GROUP_METHODS: readonly GroupMethod[] = Object.freeze([
  "mean",
  "median",
  "vote",
  "demographic",
]);

/**
 * Per-factor percentiles of the population (all rows of the users × K matrix), as the vote
 * method needs them. Compute once with {@link factorPercentiles} and pass it in the context
 * when building many virtual users: each computation sorts every column.
 */
export interface FactorPercentiles {
  /** 10th percentile of factor j at [j]. */
  readonly p10: Float64Array;
  /** Median of factor j at [j]. */
  readonly p50: Float64Array;
  /** 90th percentile of factor j at [j]. */
  readonly p90: Float64Array;
}

/**
 * What the demographic method needs to know about one binary attribute. An `AttributeResult`
 * of `runPipeline` has this shape, so `Object.values(result.attributes)` can be passed as is.
 */
export interface GroupAttribute {
  /** 1 = majority, 0 = minority, per user (indexed like the factor rows). */
  readonly labels: Uint8Array;
  /** Raw archetypes, in the recommender's factor space. */
  readonly archetypes: {
    readonly majority: { readonly vector: Float64Array };
    readonly minority: { readonly vector: Float64Array };
  };
  /** Per-factor relevancy in [0, 1] from the factor profile. */
  readonly profile: { readonly relevancy: Float64Array };
}

/** Optional inputs of {@link virtualUser}. */
export interface GroupContext {
  /** Population percentiles for `vote` and `demographic`; computed from `factors` if absent. */
  readonly percentiles?: FactorPercentiles;
  /** Attributes for `demographic`; required by that method, ignored by the others. */
  readonly attributes?: readonly GroupAttribute[];
  /**
   * Strength s ∈ [0, 1] of the demographic pull (default 1). s = 0 makes `demographic`
   * equal to `mean`.
   */
  readonly strength?: number;
}

/**
 * Percentile of sorted values at fraction `q` ∈ [0, 1], with numpy's default linear
 * interpolation: position h = (n − 1)q, value x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]).
 */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/**
 * 10th, 50th and 90th percentile of every factor over all users (rows of `factors`,
 * users × k row-major), numpy-style linear interpolation.
 * @throws ConfigError when `factors` is empty or its length is not a multiple of k.
 */
export function factorPercentiles(factors: ArrayLike<number>, k: number): FactorPercentiles {
  const users = checkMatrix(factors, k, "factors");
  if (users === 0) throw new ConfigError("factor percentiles need at least one user");
  const p10 = new Float64Array(k);
  const p50 = new Float64Array(k);
  const p90 = new Float64Array(k);
  const column = new Float64Array(users);
  for (let j = 0; j < k; j++) {
    for (let u = 0; u < users; u++) column[u] = factors[u * k + j];
    column.sort();
    p10[j] = percentileOfSorted(column, 0.1);
    p50[j] = percentileOfSorted(column, 0.5);
    p90[j] = percentileOfSorted(column, 0.9);
  }
  return { p10, p50, p90 };
}

/**
 * The virtual user of a group: one factor vector (length k) built from the members' rows of
 * `factors` (users × k, row-major).
 *
 * - `mean`: v_j = mean of the members' factor j.
 * - `median`: v_j = element-wise median (mean of the two middle values for an even count,
 *   as numpy).
 * - `vote` (the authors' group code): per factor, each member votes +1 if above the
 *   population median of that factor, −1 if below, 0 if exactly equal; a positive sum sets
 *   v_j to the population's 90th percentile, a negative sum to the 10th, a zero sum (a tie,
 *   including every member on the median) to the 50th. Percentiles are over all rows of
 *   `factors` (or `context.percentiles`), numpy's linear interpolation.
 * - `demographic` (paper §4, "combining the factor values with the factor demographic
 *   proportions"): start from the mean m and, per attribute a, pull each factor toward the
 *   archetype of the group's dominant demographic g_a (the label most members share; an
 *   attribute whose members split evenly is skipped):
 *   v_j = m_j + Σ_a w_aj (t_aj − m_j), w_aj = s · (2 f_a − 1) · relevancy_aj / A,
 *   where f_a ∈ [½, 1] is the share of members in g_a (so a unanimous group pulls fully and a
 *   half-and-half one not at all), relevancy_aj says how much factor j encodes attribute a,
 *   A is the number of attributes given (the weights then sum to at most s ≤ 1: v_j stays
 *   between m_j and the targets), s = `context.strength` (default 1), and t_aj is the
 *   archetype of g_a clipped to the population's [10th, 90th] percentile of factor j, because
 *   localized archetypes can overshoot far beyond any real user.
 *
 * @throws ConfigError on an empty group, a member index out of range, an unknown method, or
 *   `demographic` without attributes.
 */
export function virtualUser(
  factors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  method: GroupMethod,
  context: GroupContext = {},
): Float64Array {
  const users = checkMatrix(factors, k, "factors");
  checkMembers(members, users);
  switch (method) {
    case "mean":
      return meanOf(factors, k, members);
    case "median":
      return medianOf(factors, k, members);
    case "vote":
      return voteOf(factors, k, members, context.percentiles ?? factorPercentiles(factors, k));
    case "demographic":
      return demographicOf(factors, k, members, context);
    default:
      throw new ConfigError(
        `unknown group method "${String(method)}"; known: ${GROUP_METHODS.join(", ")}`,
      );
  }
}

function meanOf(factors: ArrayLike<number>, k: number, members: Int32Array): Float64Array {
  const v = new Float64Array(k);
  for (let m = 0; m < members.length; m++) {
    const base = members[m] * k;
    for (let j = 0; j < k; j++) v[j] += factors[base + j];
  }
  for (let j = 0; j < k; j++) v[j] /= members.length;
  return v;
}

function medianOf(factors: ArrayLike<number>, k: number, members: Int32Array): Float64Array {
  const v = new Float64Array(k);
  const column = new Float64Array(members.length);
  const n = members.length;
  for (let j = 0; j < k; j++) {
    for (let m = 0; m < n; m++) column[m] = factors[members[m] * k + j];
    column.sort();
    const mid = n >> 1;
    v[j] = n % 2 === 1 ? column[mid] : (column[mid - 1] + column[mid]) / 2;
  }
  return v;
}

function voteOf(
  factors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  percentiles: FactorPercentiles,
): Float64Array {
  checkPercentiles(percentiles, k);
  const v = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const median = percentiles.p50[j];
    let votes = 0;
    for (let m = 0; m < members.length; m++) {
      const x = factors[members[m] * k + j];
      // Compared in float64 against the float64 percentile, as numpy compares float32 with float64.
      if (x > median) votes++;
      else if (x < median) votes--;
    }
    v[j] = votes > 0 ? percentiles.p90[j] : votes < 0 ? percentiles.p10[j] : median;
  }
  return v;
}

function demographicOf(
  factors: ArrayLike<number>,
  k: number,
  members: Int32Array,
  context: GroupContext,
): Float64Array {
  const attributes = context.attributes;
  if (attributes === undefined || attributes.length === 0) {
    throw new ConfigError(
      'group method "demographic" needs the attributes (archetypes, profile and labels)',
    );
  }
  const strength = context.strength ?? 1;
  if (!(strength >= 0 && strength <= 1)) {
    throw new ConfigError(`demographic strength must be in [0, 1], got ${strength}`);
  }
  const mean = meanOf(factors, k, members);
  const v = Float64Array.from(mean);
  if (strength === 0) return v;
  const percentiles = context.percentiles ?? factorPercentiles(factors, k);
  checkPercentiles(percentiles, k);
  const users = factors.length / k;
  for (const attribute of attributes) {
    const { labels, archetypes, profile } = attribute;
    if (labels.length !== users) {
      throw new ConfigError(`attribute labels cover ${labels.length} users, factors ${users}`);
    }
    if (
      archetypes.majority.vector.length !== k ||
      archetypes.minority.vector.length !== k ||
      profile.relevancy.length !== k
    ) {
      throw new ConfigError(`attribute archetypes and relevancy must have length k = ${k}`);
    }
    let majorityMembers = 0;
    for (let m = 0; m < members.length; m++) majorityMembers += labels[members[m]] === 1 ? 1 : 0;
    const majorityFraction = majorityMembers / members.length;
    // An even split says nothing about which archetype the group resembles.
    if (majorityFraction === 0.5) continue;
    const target = majorityFraction > 0.5 ? archetypes.majority.vector : archetypes.minority.vector;
    const dominance = 2 * Math.max(majorityFraction, 1 - majorityFraction) - 1;
    const scale = (strength * dominance) / attributes.length;
    for (let j = 0; j < k; j++) {
      const t = Math.min(percentiles.p90[j], Math.max(percentiles.p10[j], target[j]));
      v[j] += scale * profile.relevancy[j] * (t - mean[j]);
    }
  }
  return v;
}

/** Number of rows of a row-major matrix with k columns; throws when the shape is wrong. */
export function checkMatrix(matrix: ArrayLike<number>, k: number, name: string): number {
  if (!Number.isInteger(k) || k <= 0)
    throw new ConfigError(`k must be a positive integer, got ${k}`);
  if (matrix.length % k !== 0) {
    throw new ConfigError(`${name} has ${matrix.length} values, not a multiple of k = ${k}`);
  }
  return matrix.length / k;
}

/** Throws on an empty group or a member index outside 0..users−1. */
export function checkMembers(members: Int32Array, users: number): void {
  if (members.length === 0) throw new ConfigError("the group is empty");
  for (let m = 0; m < members.length; m++) {
    const u = members[m];
    if (u < 0 || u >= users) {
      throw new ConfigError(`group member ${u} is not a user index (0..${users - 1})`);
    }
  }
}

function checkPercentiles(percentiles: FactorPercentiles, k: number): void {
  if (
    percentiles.p10.length !== k ||
    percentiles.p50.length !== k ||
    percentiles.p90.length !== k
  ) {
    throw new ConfigError(`factor percentiles must have length k = ${k}`);
  }
}
