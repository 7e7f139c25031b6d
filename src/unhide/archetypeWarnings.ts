import type { ArchetypePair } from "./localizeArchetype.js";

/**
 * The warnings a pair of archetypes deserves, prefixed with `name`: every warning of the
 * searches themselves, and a note for an archetype its own classifier does not place clearly
 * in its group (majority score ≤ 0.9, minority ≥ 0.1), since its profile then says little.
 * `labels` are the display names of the two groups.
 */
export function archetypeWarnings(
  name: string,
  archetypes: ArchetypePair,
  labels: { readonly majority: string; readonly minority: string },
): string[] {
  const warnings: string[] = [];
  for (const side of ["majority", "minority"] as const) {
    const archetype = archetypes[side];
    for (const warning of archetype.warnings)
      warnings.push(`${name} ${side} archetype: ${warning}`);
    const expected = side === "majority" ? archetype.score > 0.9 : archetype.score < 0.1;
    if (!expected) {
      warnings.push(
        `${name}: the classifier scores the ${labels[side]} archetype ${archetype.score.toFixed(3)} (expected ${side === "majority" ? "> 0.9" : "< 0.1"}); the archetype is not a clear member of its group`,
      );
    }
  }
  return warnings;
}
