/**
 * The "centroid" baseline (a standardized mean difference, Cohen's d): how far apart the two
 * groups' mean factor values are, in units of the within-group spread. It is the cheap
 * linear counterpart of the archetype comparison: if DeepUnHide does not beat it, the
 * archetypes add nothing a group average would not say.
 */

import { columnMoments } from "../util/columnMoments.js";
import { checkRankingInput, type RankingInput, splitRowsByGroup } from "./rankingInput.js";

/**
 * Per factor, |mean over majority rows − mean over minority rows| / pooled standard
 * deviation, all over the training rows. The pooled variance is
 * ((n₁ − 1)s₁² + (n₀ − 1)s₀²)/(n₁ + n₀ − 2) with sample variances s². A factor constant
 * within both groups scores +∞ if the groups differ on it (perfect separation) and 0 if not;
 * with one user per group (no within-group spread to measure) the plain difference is used.
 */
export function centroidScores(input: RankingInput): Float64Array {
  checkRankingInput(input, "centroidScores", true);
  const { x, k, labels, rows } = input;
  const groups = splitRowsByGroup(labels, rows);
  const n1 = groups.majority.length;
  const n0 = groups.minority.length;
  const m1 = columnMoments(x, k, groups.majority, 0);
  const m0 = columnMoments(x, k, groups.minority, 0);
  const scores = new Float64Array(k);
  const dof = n1 + n0 - 2;
  for (let j = 0; j < k; j++) {
    const difference = Math.abs(m1.mean[j] - m0.mean[j]);
    if (dof === 0) {
      scores[j] = difference;
      continue;
    }
    // Population variances × n are the sums of squares the pooled estimate needs.
    const pooled = Math.sqrt((n1 * m1.variance[j] + n0 * m0.variance[j]) / dof);
    if (pooled > 0) scores[j] = difference / pooled;
    else scores[j] = difference > 0 ? Number.POSITIVE_INFINITY : 0;
  }
  return scores;
}
