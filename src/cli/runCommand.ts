import { join, resolve } from "node:path";
import {
  type ExperimentConfig,
  resolveExperimentConfig,
} from "../evaluate/experiments/experimentConfig.js";
import { type ExperimentsRun, runExperiments } from "../evaluate/experiments/runExperiments.js";
import { writeFileAtomic } from "../io/atomic.js";
import { writeModelFolder } from "../io/modelFolder.js";
import { checkRunFolder, replaceRunFolder } from "../io/runFolder.js";
import { DEFAULT_PMF_CONFIG } from "../mf/pmf.js";
import { type LoadDatasetOptions, loadNamedDataset } from "../pipeline/loadNamedDataset.js";
import { type RunConfig, resolveRunConfig } from "../pipeline/runConfig.js";
import { runPipeline } from "../pipeline/runPipeline.js";
import { runUses } from "../pipeline/runUses.js";
import { buildResultsDocument, type ResultsDocument } from "../report/resultsDocument.js";
import { formatSummary } from "../report/summaryText.js";
import { writeReport } from "../report/writeReport.js";
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
  /** Dataset-specific loading options (MyAnimeList's reference date, the csv files). */
  readonly load?: Pick<LoadDatasetOptions, "referenceDate" | "delimited">;
  readonly out: string;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly config: Partial<RunConfig>;
  /** The paper's §3 evaluation and the report; `undefined` skips both. */
  readonly experiments?: Partial<ExperimentConfig>;
}

/**
 * `deepunhide run`: load the data, run the pipeline and (unless switched off) the paper's
 * evaluation, write `results.json`, the model folder and the report under `--out`, print a
 * summary (or the document itself with `--json`).
 */
export async function runCommand(options: RunCommandOptions): Promise<ResultsDocument> {
  // Bad evaluation options fail now, not after the pipeline has run.
  if (options.experiments !== undefined) {
    resolveExperimentConfig(options.experiments, options.config.mf?.k ?? DEFAULT_PMF_CONFIG.k);
  }
  await checkRunFolder(resolve(options.out));
  const mode = chooseProgressMode(process.stderr, options.quiet);
  const progress = createProgressRenderer(process.stderr, mode);
  const start = performance.now();
  const config = resolveRunConfig(options.config);
  const groupAttributes = config.attributes.map((name) => config.groupRules[name].attribute);
  const dataset = await loadNamedDataset(options.dataset, {
    ...options.load,
    dataDir: options.dataDir,
    dataSeed: options.dataSeed,
    groupAttributes,
    onDownloadProgress: createDownloadProgress(process.stderr, mode),
    onInfo: progress.info,
  });
  const loadMs = performance.now() - start;
  const result = runPipeline(dataset, options.config, progress.sink);
  let experiments: ExperimentsRun | undefined;
  if (options.experiments !== undefined) {
    experiments = await runExperiments(result, options.experiments, progress.sink);
  }
  const usesStart = performance.now();
  const uses = runUses(result, {}, progress.sink);
  const usesMs = performance.now() - usesStart;
  const out = resolve(options.out);
  const writeStart = performance.now();
  const document = buildResultsDocument(result, experiments, uses);
  const written: string[] = [join(out, "results.json"), join(out, "model")];
  let withTimings: ResultsDocument = document;
  let totalMs = 0;
  await replaceRunFolder(out, async (temp) => {
    await writeModelFolder(join(temp, "model"), result);
    if (experiments !== undefined) {
      progress.info("· figures and report");
      written.push(join(out, "report.html"));
      await writeReport(temp, document);
    }
    const timings = {
      load: loadMs,
      ...document.timings,
      uses: usesMs,
      write: performance.now() - writeStart,
      total: performance.now() - start,
    };
    totalMs = timings.total;
    withTimings = { ...document, timings: roundTimings(timings) };
    await writeFileAtomic(join(temp, "results.json"), `${JSON.stringify(withTimings, null, 2)}\n`);
  });
  progress.stop();
  if (options.json) {
    process.stdout.write(`${JSON.stringify(withTimings, null, 2)}\n`);
  } else if (!options.quiet) {
    process.stdout.write(`\n${formatSummary(withTimings)}`);
    process.stdout.write(`\nWrote ${written.join(", ")} in ${(totalMs / 1000).toFixed(1)} s.\n`);
  }
  return withTimings;
}

function roundTimings(timings: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings)) out[stage] = Math.round(ms * 10) / 10;
  return out;
}
