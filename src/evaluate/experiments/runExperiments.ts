import type { ProgressSink } from "../../pipeline/progress.js";
import { silentProgress } from "../../pipeline/progress.js";
import type { PipelineResult } from "../../pipeline/runPipeline.js";
import { createRng } from "../../util/rng.js";
import { createClassifiers } from "../classifiers/createClassifiers.js";
import { pairedComparison, summarizeSeeds } from "../statistics.js";
import { archetypeUsability } from "./archetypeUsability.js";
import type { ClassifierSeedOutcome } from "./classifierSeedRun.js";
import { isDeepUnhideVariant } from "./deepunhideVariants.js";
import { runE4 } from "./e4.js";
import { type ExperimentConfig, resolveExperimentConfig } from "./experimentConfig.js";
import {
  type ExperimentShared,
  type ExperimentTask,
  type ExperimentTaskResult,
  executeExperimentTask,
} from "./experimentTasks.js";
import { computeFactorRankings } from "./factorRankings.js";
import type { FitMetrics, SeedOutcome } from "./seedRun.js";
import { runStability } from "./stability.js";
import type {
  AttributeExperiments,
  E1Result,
  E2Result,
  E3Result,
  ExperimentsDocument,
  MetricSummaries,
  PairedComparison,
  RankingMethod,
  SeedSummary,
} from "./types.js";
import { createTaskPool } from "./workerPool.js";

const METRICS = ["accuracy", "balancedAccuracy", "auc"] as const;

/** The experiments and what they cost. */
export interface ExperimentsRun {
  readonly document: ExperimentsDocument;
  readonly warnings: readonly string[];
  /** Wall-clock milliseconds per part. */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * The paper's §3 evaluation on a finished pipeline run: E1 on the pipeline's own network
 * and archetypes, E2/E3 and the stability check over `config.seeds` paired seeds (each with
 * a fresh user split), E4 on the pipeline's profile and item factors. Seeds are the
 * pipeline's master seed, +1, +2, … The work is spread over `config.workers` threads;
 * the numbers do not depend on how many.
 */
export async function runExperiments(
  pipeline: PipelineResult,
  partialConfig: Partial<ExperimentConfig> = {},
  progress: ProgressSink = silentProgress,
): Promise<ExperimentsRun> {
  const { dataset } = pipeline;
  const model = pipeline.mf.model;
  const config = resolveExperimentConfig(partialConfig, model.k);
  const timings: Record<string, number> = {};
  const attributes = Object.keys(pipeline.attributes);
  const seeds = Array.from({ length: config.seeds }, (_, i) => (pipeline.config.seed + i) >>> 0);
  const shared: ExperimentShared = {
    context: { factors: model.userFactors, users: dataset.users.ids.length, k: model.k, config },
    labels: Object.fromEntries(attributes.map((name) => [name, pipeline.attributes[name].labels])),
  };

  const tasks: ExperimentTask[] = [];
  let start = performance.now();
  for (const name of attributes) {
    const a = pipeline.attributes[name];
    // E1 reads the pipeline's own network and archetypes; the variants need a seed's ensemble.
    const e1Methods = config.methods.filter(
      (m) => m !== "pca-components" && !isDeepUnhideVariant(m),
    );
    const rankings = computeFactorRankings(
      { x: model.userFactors, k: model.k, labels: a.labels, rows: pipeline.classifier.split.train },
      a.paperProfile,
      e1Methods,
      createRng(pipeline.config.seed).fork(`e1-rankings-${name}`),
    );
    tasks.push({
      kind: "e1",
      attribute: name,
      net: pipeline.classifier.net,
      output: a.output,
      split: pipeline.classifier.split,
      archetypes: {
        majority: a.archetypes.majority.vector,
        minority: a.archetypes.minority.vector,
      },
      rankings: rankings.orders,
      seed: pipeline.config.seed,
    });
  }
  for (const name of attributes)
    for (const seed of seeds) tasks.push({ kind: "seed", attribute: name, seed });
  // The first paired seed's own run is the classifier-seed measure's first member.
  for (const name of attributes) {
    for (const seed of seeds.slice(1)) {
      tasks.push({ kind: "classifier-seed", attribute: name, splitSeed: seeds[0], seed });
    }
  }
  timings.rankings = performance.now() - start;

  progress({
    type: "stage",
    stage: "experiments",
    message: `experiments: E1 and ${seeds.length} paired seeds of E2/E3 for ${attributes.join(", ")} on ${config.workers || "no"} worker threads`,
  });
  start = performance.now();
  const onDone = (done: number, total: number) =>
    progress({ type: "step", stage: "experiments", done, total });
  let results: ExperimentTaskResult[];
  if (config.workers > 0) {
    const pool = createTaskPool<ExperimentShared, ExperimentTask, ExperimentTaskResult>(
      new URL(
        `./experimentWorker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
        import.meta.url,
      ),
      shared,
      Math.min(config.workers, tasks.length),
    );
    try {
      results = await pool.run(tasks, onDone);
    } finally {
      await pool.close();
    }
  } else {
    const classifiers = await createClassifiers();
    results = [];
    for (const task of tasks) {
      results.push(executeExperimentTask(shared, task, classifiers));
      onDone(results.length, tasks.length);
    }
  }
  timings.fits = performance.now() - start;
  // Thread time per experiment, summed over workers: where the wall time above goes.
  const add = (key: string, ms: number) => {
    timings[`thread.${key}`] = (timings[`thread.${key}`] ?? 0) + ms;
  };
  const e1ByAttribute = new Map<string, E1Result>();
  const outcomesByAttribute = new Map<string, SeedOutcome[]>(attributes.map((name) => [name, []]));
  const classifierSeedOrders = new Map<string, ClassifierSeedOutcome["orders"][]>(
    attributes.map((name) => [name, []]),
  );
  for (const r of results) {
    if (r.kind === "e1") {
      add("e1", r.ms);
      e1ByAttribute.set(r.attribute, r.e1);
    } else if (r.kind === "classifier-seed") {
      classifierSeedOrders.get(r.outcome.attribute)?.push(r.outcome.orders);
    } else {
      for (const [key, ms] of Object.entries(r.outcome.timings)) add(key, ms);
      outcomesByAttribute.get(r.outcome.attribute)?.push(r.outcome);
    }
  }

  start = performance.now();
  const warnings: string[] = [];
  const byAttribute: Record<string, AttributeExperiments> = {};
  for (const name of attributes) {
    const e1 = e1ByAttribute.get(name);
    const outcomes = outcomesByAttribute.get(name) ?? [];
    if (e1 === undefined) throw new Error(`E1 missing for ${name}`);
    for (const outcome of outcomes) warnings.push(...outcome.warnings);
    const a = pipeline.attributes[name];
    byAttribute[name] = {
      e1,
      e2: aggregateE2(outcomes, config),
      e3: aggregateE3(outcomes, config),
      e4: runE4({
        dataset,
        itemFactors: model.itemFactors,
        normalizedMajority: a.paperProfile.normalizedMajority,
        normalizedMinority: a.paperProfile.normalizedMinority,
        labels: a.labels,
        topFactors: config.e4TopFactors,
        minRatings: config.e4MinRatings,
        listSize: config.e4ListSize,
      }),
      stability: {
        ...runStability(
          outcomes.map((o) => Int32Array.from(o.deepunhideOrder)),
          config.stabilityTopN,
          model.k,
          createRng(pipeline.config.seed).fork(`stability-${name}`),
        ),
        byMethod: stabilityByMethod(
          outcomes.map((o) => o.orders),
          config,
          model.k,
        ),
        classifierSeeds: {
          splitSeed: seeds[0],
          byMethod: stabilityByMethod(
            [
              ...outcomes.filter((o) => o.seed === seeds[0]).map((o) => o.orders),
              ...(classifierSeedOrders.get(name) ?? []),
            ],
            config,
            model.k,
          ),
        },
      },
      usability: archetypeUsability(pipeline, name, config),
    };
  }
  timings.aggregate = performance.now() - start;
  return {
    document: { seeds, protocol: config.protocol, attributes: byAttribute },
    warnings,
    timings,
  };
}

/** Top-N Jaccard across runs of every ranking of original factors present in all of them. */
function stabilityByMethod(
  runs: readonly Readonly<Partial<Record<RankingMethod, number[]>>>[],
  config: ExperimentConfig,
  k: number,
): Partial<Record<RankingMethod, SeedSummary>> {
  const out: Partial<Record<RankingMethod, SeedSummary>> = {};
  for (const method of config.methods) {
    const orders = runs.map((o) => o[method]);
    if (orders.some((order) => order === undefined)) continue;
    out[method] = runStability(
      orders.map((order) => Int32Array.from(order as number[])),
      config.stabilityTopN,
      k,
      createRng(0),
    ).deepunhide;
  }
  return out;
}

/** The DeepUnHide variants among the compared methods. */
function variantsOf(config: ExperimentConfig): RankingMethod[] {
  return config.methods.filter(isDeepUnhideVariant);
}

/** What a variant is compared with: the paper's method and every ranking that is not a variant. */
function againstVariant(config: ExperimentConfig): RankingMethod[] {
  return config.methods.filter((m) => !isDeepUnhideVariant(m));
}

function summarize(metrics: readonly FitMetrics[]): MetricSummaries {
  return {
    accuracy: summarizeSeeds(metrics.map((m) => m.accuracy)),
    balancedAccuracy: summarizeSeeds(metrics.map((m) => m.balancedAccuracy)),
    auc: summarizeSeeds(metrics.map((m) => m.auc)),
  };
}

/** `reference` (DeepUnHide by default) against every other method, metric by metric, paired by seed. */
function compare(
  cell: (method: ExperimentConfig["methods"][number]) => readonly FitMetrics[],
  methods: ExperimentConfig["methods"],
  reference: RankingMethod = "deepunhide",
): PairedComparison[] {
  const deep = cell(reference);
  const out: PairedComparison[] = [];
  for (const other of methods) {
    if (other === reference) continue;
    const theirs = cell(other);
    for (const metric of METRICS) {
      out.push(
        pairedComparison(
          deep.map((m) => m[metric]),
          theirs.map((m) => m[metric]),
          other,
          metric,
        ),
      );
    }
  }
  return out;
}

function aggregateE2(outcomes: readonly SeedOutcome[], config: ExperimentConfig): E2Result {
  const cellOf = (method: string, n: number) =>
    outcomes.map((o) => {
      const found = o.e2.find((c) => c.method === method && c.n === n);
      if (found === undefined) throw new Error(`E2 cell ${method}@${n} missing for seed ${o.seed}`);
      return found.metrics;
    });
  const cells: E2Result["cells"] = [];
  const comparisons: E2Result["comparisons"] = [];
  const variantComparisons: NonNullable<E2Result["variantComparisons"]>[number][] = [];
  for (const n of config.e2Ns) {
    for (const method of config.methods)
      cells.push({ method, n, metrics: summarize(cellOf(method, n)) });
    for (const c of compare((method) => cellOf(method, n), config.methods))
      comparisons.push({ ...c, n });
    for (const variant of variantsOf(config)) {
      for (const c of compare((method) => cellOf(method, n), againstVariant(config), variant))
        variantComparisons.push({ ...c, variant, n });
    }
  }
  return {
    ns: [...config.e2Ns],
    seeds: outcomes.length,
    cells,
    allFactors: summarize(outcomes.map((o) => o.allFactors)),
    majorityFloor: summarizeSeeds(outcomes.map((o) => o.majorityFloor)),
    comparisons,
    ...(variantComparisons.length > 0 ? { variantComparisons } : {}),
  };
}

function aggregateE3(outcomes: readonly SeedOutcome[], config: ExperimentConfig): E3Result {
  const cells: E3Result["cells"] = [];
  const comparisons: E3Result["comparisons"] = [];
  const variantComparisons: NonNullable<E3Result["variantComparisons"]>[number][] = [];
  for (const classifier of config.e3Classifiers) {
    const cellOf = (method: string) =>
      outcomes.map((o) => {
        const found = o.e3.find((c) => c.classifier === classifier && c.method === method);
        if (found === undefined)
          throw new Error(`E3 cell ${classifier}/${method} missing for seed ${o.seed}`);
        return found.metrics;
      });
    for (const method of config.methods)
      cells.push({ classifier, method, metrics: summarize(cellOf(method)) });
    for (const c of compare(cellOf, config.methods)) comparisons.push({ ...c, classifier });
    for (const variant of variantsOf(config)) {
      for (const c of compare(cellOf, againstVariant(config), variant))
        variantComparisons.push({ ...c, variant, classifier });
    }
  }
  return {
    n: config.e3N,
    seeds: outcomes.length,
    cells,
    comparisons,
    ...(variantComparisons.length > 0 ? { variantComparisons } : {}),
  };
}
