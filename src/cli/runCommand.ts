import { join, resolve } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { writeModelFolder } from "../io/modelFolder.js";
import { loadNamedDataset } from "../pipeline/loadNamedDataset.js";
import type { RunConfig } from "../pipeline/runConfig.js";
import { runPipeline } from "../pipeline/runPipeline.js";
import { buildResultsDocument, type ResultsDocument } from "../report/resultsDocument.js";
import { formatSummary } from "../report/summaryText.js";
import {
  chooseProgressMode,
  createDownloadProgress,
  createProgressRenderer,
} from "./progressRenderer.js";

/** Options of `deepunhide run`, as parsed from the command line. */
export interface RunCommandOptions {
  readonly dataset: string;
  readonly dataDir?: string;
  readonly dataSeed?: number;
  readonly out: string;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly config: Partial<RunConfig>;
}

/**
 * `deepunhide run`: load the data, run the pipeline, write `results.json` and the model
 * folder under `--out`, print a summary (or the document itself with `--json`).
 */
export async function runCommand(options: RunCommandOptions): Promise<ResultsDocument> {
  const mode = chooseProgressMode(process.stderr, options.quiet);
  const progress = createProgressRenderer(process.stderr, mode);
  const start = performance.now();
  const dataset = await loadNamedDataset(options.dataset, {
    dataDir: options.dataDir,
    dataSeed: options.dataSeed,
    onDownloadProgress: createDownloadProgress(process.stderr, mode),
    onInfo: progress.info,
  });
  const loadMs = performance.now() - start;
  const result = runPipeline(dataset, options.config, progress.sink);
  const out = resolve(options.out);
  const writeStart = performance.now();
  await writeModelFolder(join(out, "model"), result);
  const document = buildResultsDocument(result);
  const timings = {
    load: loadMs,
    ...document.timings,
    write: performance.now() - writeStart,
    total: performance.now() - start,
  };
  const withTimings: ResultsDocument = { ...document, timings: roundTimings(timings) };
  await writeFileAtomic(join(out, "results.json"), `${JSON.stringify(withTimings, null, 2)}\n`);
  progress.stop();
  if (options.json) {
    process.stdout.write(`${JSON.stringify(withTimings, null, 2)}\n`);
  } else if (!options.quiet) {
    process.stdout.write(`\n${formatSummary(withTimings)}`);
    process.stdout.write(
      `\nWrote ${join(out, "results.json")} and the model folder ${join(out, "model")} in ${(timings.total / 1000).toFixed(1)} s.\n`,
    );
  }
  return withTimings;
}

function roundTimings(timings: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings)) out[stage] = Math.round(ms * 10) / 10;
  return out;
}
