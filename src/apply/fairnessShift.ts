/**
 * Archetype shift, a beyond-the-paper fairness lever: every user's factor vector moves toward
 * the chosen group's archetype, p'_u = p_u + α · s · d̂ with d̂ = (â_g − â_other) / ‖â_g − â_other‖,
 * so r̂'_ui = r̂_ui + α · s · q_i · d̂. The items whose factors align with the group contrast
 * rise for every user, by an amount linear in α, whatever her own group.
 *
 * Why not the paper's re-weighting: w_j · p_uj scales each user's own coordinate, so a man's
 * male-leaning coordinates grow with a woman's female-leaning ones and nobody moves toward
 * the group (see fairnessWeights and the expected failure in the synthetic fairness test).
 *
 * Normalization: s is the mean Euclidean norm of the user vectors, so α is in units of "a
 * typical user's length" and comparable across datasets and K: α = 1 moves every user as far
 * as a typical user is from the origin. The archetypes only give the direction: their scale
 * comes from gradient descent on the classifier's input and says nothing about ratings.
 */

import { ConfigError } from "../errors.js";
import { checkFairnessAlpha, type FavouredGroup } from "./fairnessWeights.js";
import { checkMatrix } from "./groupVirtualUser.js";

/** The two archetypes of one attribute, as saved in a model's profile. */
export interface GroupArchetypes {
  readonly archetypes: {
    readonly majority: ArrayLike<number>;
    readonly minority: ArrayLike<number>;
  };
}

/**
 * The unit direction d̂ = (â_g − â_other) / ‖â_g − â_other‖ from the other group's archetype to
 * the favoured group's.
 * @throws ConfigError when the archetypes differ in length, are not finite, or coincide.
 */
export function archetypeDirection(profile: GroupArchetypes, group: FavouredGroup): Float64Array {
  const toward = profile.archetypes[group];
  const from = profile.archetypes[group === "minority" ? "majority" : "minority"];
  if (toward.length !== from.length) {
    throw new ConfigError(
      `the archetypes have ${toward.length} and ${from.length} factors; they must match`,
    );
  }
  const direction = new Float64Array(toward.length);
  let squared = 0;
  for (let j = 0; j < direction.length; j++) {
    direction[j] = toward[j] - from[j];
    squared += direction[j] * direction[j];
  }
  const norm = Math.sqrt(squared);
  if (!(norm > 0) || !Number.isFinite(norm)) {
    throw new ConfigError(
      `the two archetypes must differ and be finite to give a direction (distance ${norm})`,
    );
  }
  for (let j = 0; j < direction.length; j++) direction[j] /= norm;
  return direction;
}

/** The mean Euclidean norm of the rows of a users × k matrix: the scale s of the shift. */
export function meanUserNorm(userFactors: ArrayLike<number>, k: number): number {
  const users = checkMatrix(userFactors, k, "userFactors");
  let total = 0;
  for (let u = 0; u < users; u++) {
    let squared = 0;
    for (let j = 0; j < k; j++) squared += userFactors[u * k + j] ** 2;
    total += Math.sqrt(squared);
  }
  return users > 0 ? total / users : 0;
}

/**
 * The shift α · s · d̂ added to every user vector (see the module comment).
 * @throws ConfigError when α is out of range or the archetypes give no direction.
 */
export function archetypeShift(
  profile: GroupArchetypes,
  group: FavouredGroup,
  alpha: number,
  scale: number,
): Float64Array {
  checkFairnessAlpha(alpha);
  if (!(scale >= 0) || !Number.isFinite(scale)) {
    throw new ConfigError(`the shift scale must be a finite number ≥ 0, got ${scale}`);
  }
  const shift = archetypeDirection(profile, group);
  for (let j = 0; j < shift.length; j++) shift[j] *= alpha * scale;
  return shift;
}

/**
 * Every user vector plus the same shift, p'_u = p_u + shift, as a new users × k matrix (the
 * factors themselves are left alone).
 * @throws ConfigError when the shift's length is not k.
 */
export function shiftedUserFactors(
  userFactors: ArrayLike<number>,
  k: number,
  shift: ArrayLike<number>,
): Float64Array {
  const users = checkMatrix(userFactors, k, "userFactors");
  if (shift.length !== k) throw new ConfigError(`a shift of ${shift.length} values for k = ${k}`);
  const out = new Float64Array(users * k);
  for (let u = 0; u < users; u++) {
    for (let j = 0; j < k; j++) out[u * k + j] = userFactors[u * k + j] + shift[j];
  }
  return out;
}
