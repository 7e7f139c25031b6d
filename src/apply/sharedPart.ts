/**
 * The part of a prediction that one reading of the factors (a demographic group, a genre)
 * claims: each factor's contribution weighted by that reading's share of the factor.
 */

/** One part of a prediction: Σ_j c_j · share_j, kept apart by the sign of c_j. */
export interface GroupPart {
  /** Display name of the part, e.g. `female` or `Drama`. */
  readonly group: string;
  /** Σ_j c_j · share_j. */
  readonly net: number;
  /** Σ over positive c_j of c_j · share_j (≥ 0). */
  readonly positive: number;
  /** Σ over negative c_j of c_j · share_j (≤ 0). */
  readonly negative: number;
  /** 100 · positive / Σ|c_j|. */
  readonly positivePercent: number;
  /** 100 · |negative| / Σ|c_j|. */
  readonly negativePercent: number;
}

/**
 * The part of the contributions `c` that `share` claims (share_j ∈ [0, 1] per factor), with
 * percentages of `totalPull` = Σ|c_j|. Parts whose shares add up to 1 on every factor add up
 * to Σ c_j exactly (up to float64 rounding).
 */
export function sharedPart(
  group: string,
  c: Float64Array,
  share: ArrayLike<number>,
  totalPull: number,
): GroupPart {
  let positive = 0;
  let negative = 0;
  for (let j = 0; j < c.length; j++) {
    if (c[j] > 0) positive += c[j] * share[j];
    else negative += c[j] * share[j];
  }
  // A zero vector pulls nowhere: 0% rather than NaN.
  const percent = (x: number) => (totalPull > 0 ? (100 * Math.abs(x)) / totalPull : 0);
  return {
    group,
    net: positive + negative,
    positive,
    negative,
    positivePercent: percent(positive),
    negativePercent: percent(negative),
  };
}
