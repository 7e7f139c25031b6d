import type { ExperimentsDocument } from "../evaluate/experiments/types.js";
import type { ResultsDocument } from "./resultsDocument.js";

/**
 * What the report reads: the pipeline's `results.json` plus, when the experiments were run,
 * their section. Kept as an intersection so the report does not need `resultsDocument.ts` to
 * change while the experiments are being written.
 */
export type ReportDocument = ResultsDocument & { readonly experiments?: ExperimentsDocument };
