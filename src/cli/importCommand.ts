/**
 * `deepunhide import`: factors trained by another engine (CSV, `.npy`, `.npz`, a Spark
 * `ALSModel`) read and checked, then the rest of the pipeline run on them, writing what `run`
 * writes.
 */

import { type ImportFactorsOptions, importFactors } from "../io/importFactors.js";
import type { ResultsDocument } from "../report/resultsDocument.js";
import { type RunCommandOptions, runCommand } from "./runCommand.js";

/** Options of {@link importCommand}: where the factors are, and everything `run` takes after PMF. */
export interface ImportCommandOptions {
  /** The user factors file, the `.npz`, or a folder (Spark model or export folder). */
  readonly factors: string;
  /** How to find and read them. */
  readonly read: ImportFactorsOptions;
  /** Refuse rows holding NaN or ±Inf instead of dropping them. */
  readonly strict: boolean;
  /** The run (dataset, output, config, evaluation), as for `deepunhide run`. */
  readonly run: Omit<RunCommandOptions, "factors">;
}

/**
 * Reads the factors first, so a bad file fails before the dataset is loaded, then runs the
 * pipeline from them exactly as `deepunhide run` would from its own PMF factors.
 */
export async function importCommand(options: ImportCommandOptions): Promise<ResultsDocument> {
  const imported = await importFactors(options.factors, options.read);
  return runCommand({ ...options.run, factors: { imported, strict: options.strict } });
}
