/**
 * Classifier quality on the three parts of a train/validation/test split, shared by the
 * user side (demographics) and the item side (genres) so both report alike.
 */

import { gather } from "../util/columns.js";
import { type BinaryClassificationReport, binaryClassificationReport } from "./metrics.js";
import type { UserSplit } from "./stratifiedSplit.js";

/** Classifier quality on the three parts of a split. */
export interface SplitReports {
  readonly train: BinaryClassificationReport;
  readonly validation: BinaryClassificationReport;
  readonly test: BinaryClassificationReport;
}

/**
 * {@link binaryClassificationReport} of one output on each part of `split`; every part's
 * majority floor comes from the training part's labels, as the classifier only saw those.
 * `labels` and `scores` are indexed by row (user or item) over the whole set.
 */
export function splitReports(
  labels: Uint8Array,
  scores: Float64Array,
  split: UserSplit,
): SplitReports {
  const trainLabels = gather(labels, split.train);
  const report = (rows: Int32Array) =>
    binaryClassificationReport(gather(labels, rows), gather(scores, rows), trainLabels);
  return {
    train: report(split.train),
    validation: report(split.validation),
    test: report(split.test),
  };
}
