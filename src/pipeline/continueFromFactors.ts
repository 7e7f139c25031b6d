/**
 * The pipeline continued from factors trained elsewhere: match them to the dataset, then run
 * every stage after PMF on them.
 */

import type { Dataset } from "../data/dataset.js";
import type { ImportedFactorsFile } from "../io/importFactors.js";
import { alignImportedFactors } from "./alignImportedFactors.js";
import { type ProgressSink, silentProgress } from "./progress.js";
import { type RunConfig, resolveRunConfig } from "./runConfig.js";
import { type PipelineResult, runPipeline } from "./runPipeline.js";

/** Options of {@link continueFromFactors}. */
export interface ContinueOptions {
  /** Refuse rows holding NaN or ±Inf instead of dropping them. Default false. */
  readonly strict?: boolean;
}

/**
 * Runs DeepUnHide on imported factors: rows matched to the dataset's users and items
 * (`alignImportedFactors`: unmatched and non-finite rows dropped and counted, the dataset cut
 * to the users and items with factors), then the classifier, archetypes, profile and top-N
 * check exactly as `runPipeline` runs them. The result's `dataset` is the cut dataset, its
 * `mf.source` records the files and the matching, and the matching's warnings come first in
 * `warnings`.
 *
 * @throws DataFormatError naming the file when rows cannot be matched (see
 *   `alignImportedFactors`); ConfigError for a bad config.
 */
export function continueFromFactors(
  imported: ImportedFactorsFile,
  dataset: Dataset,
  partialConfig: Partial<RunConfig> = {},
  options: ContinueOptions = {},
  progress: ProgressSink = silentProgress,
): PipelineResult {
  const config = resolveRunConfig(partialConfig);
  const aligned = alignImportedFactors(imported, dataset, {
    attributes: config.attributes,
    groupRules: config.groupRules,
    strict: options.strict,
    files: imported.files,
  });
  for (const message of aligned.warnings) progress({ type: "warning", stage: "import", message });
  const result = runPipeline(aligned.dataset, config, progress, {
    factors: {
      model: aligned.model,
      source: {
        kind: "imported",
        format: imported.format,
        path: imported.path,
        files: imported.sources,
        alignment: aligned.alignment,
      },
    },
  });
  return { ...result, warnings: [...aligned.warnings, ...result.warnings] };
}
