import type { AttributeExperiments } from "../evaluate/experiments/types.js";
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
