import type { FigureRow } from "./figureDefinition.js";
import type { AttributeDocument } from "./resultsDocument.js";

/**
 * One row per factor of an attribute's profile: the two groups' proportions, the relevancy
 * and whether the threshold selected the factor.
 */
export function factorProfileRows(attribute: AttributeDocument): FigureRow[] {
  const selected = new Set(attribute.selected);
  return attribute.relevancy.map((relevancy, factor) => ({
    factor,
    majorityShare: attribute.proportions.majority[factor],
    minorityShare: attribute.proportions.minority[factor],
    relevancy,
    selected: selected.has(factor),
  }));
}

/** Axis tick values for factor indices: every fifth, so 100 bands stay readable. */
export function factorTicks(k: number): number[] {
  const step = k > 40 ? 5 : 1;
  return Array.from({ length: Math.ceil(k / step) }, (_, i) => i * step);
}

/** The x encoding of a per-factor panel: factors as ordinal bands, every fifth labelled. */
export function factorXEncoding(k: number) {
  return {
    field: "factor",
    type: "ordinal",
    title: "factor",
    axis: { values: factorTicks(k), labelAngle: 0 },
  } as const;
}

/** Looks an attribute up, with an error that names the ones present. */
export function requireAttribute(
  attributes: Readonly<Record<string, AttributeDocument>>,
  name: string,
): AttributeDocument {
  const attribute = attributes[name];
  if (attribute === undefined) {
    throw new RangeError(
      `attribute "${name}" is not in the results (present: ${Object.keys(attributes).join(", ")})`,
    );
  }
  return attribute;
}
