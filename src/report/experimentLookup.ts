import type { AttributeExperiments, SeedSummary } from "../evaluate/experiments/types.js";
import { finiteOrNull } from "./figureDefinition.js";
import type { ResultsDocument } from "./resultsDocument.js";

/** The experiments of one attribute, with an error naming what is there when it is not. */
export function requireExperiments(
  document: ResultsDocument,
  attributeName: string,
): AttributeExperiments {
  const experiments = document.experiments?.attributes[attributeName];
  if (experiments === undefined) {
    const present = Object.keys(document.experiments?.attributes ?? {});
    throw new RangeError(
      `no experiments for attribute "${attributeName}" (present: ${present.join(", ") || "none"})`,
    );
  }
  return experiments;
}

/** A seed summary as figure fields: mean, std and the mean ± std band (null where not finite). */
export function spread(summary: SeedSummary) {
  const std = Number.isFinite(summary.std) ? summary.std : 0;
  return {
    mean: finiteOrNull(summary.mean),
    std: finiteOrNull(summary.std),
    low: finiteOrNull(summary.mean - std),
    high: finiteOrNull(summary.mean + std),
  };
}
