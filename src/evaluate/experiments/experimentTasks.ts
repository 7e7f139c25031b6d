import type { Mlp } from "../../nn/mlp.js";
import { createRng } from "../../util/rng.js";
import type { BinaryClassifier } from "../classifiers/binaryClassifier.js";
import { capUserSplit, type UserSplit } from "../stratifiedSplit.js";
import { type ClassifierSeedOutcome, runClassifierSeed } from "./classifierSeedRun.js";
import { runE1 } from "./e1.js";
import { runSeed, type SeedContext, type SeedOutcome } from "./seedRun.js";
import type { ClassifierName, E1Result, RankingMethod } from "./types.js";

/** Data shared by every task of one evaluation (sent to each worker once). */
export interface ExperimentShared {
  readonly context: SeedContext;
  /** Per attribute, 1 = majority, 0 = minority, per user. */
  readonly labels: Readonly<Record<string, Uint8Array>>;
}

/** E1 for one attribute, on the pipeline's own network, split and archetypes. */
export interface E1Task {
  readonly kind: "e1";
  readonly attribute: string;
  readonly net: Mlp;
  readonly output: number;
  readonly split: UserSplit;
  readonly archetypes: { readonly majority: Float64Array; readonly minority: Float64Array };
  readonly rankings: ReadonlyMap<RankingMethod, Int32Array>;
  readonly seed: number;
}

/** One paired seed of E2/E3 for one attribute. */
export interface SeedTask {
  readonly kind: "seed";
  readonly attribute: string;
  readonly seed: number;
}

/** One classifier seed on the fixed split of `splitSeed`, for the classifier-seed stability. */
export interface ClassifierSeedTask {
  readonly kind: "classifier-seed";
  readonly attribute: string;
  readonly splitSeed: number;
  readonly seed: number;
}

/** A unit of work for the pool. */
export type ExperimentTask = E1Task | SeedTask | ClassifierSeedTask;

/** What a task returns. */
export type ExperimentTaskResult =
  | { readonly kind: "e1"; readonly attribute: string; readonly e1: E1Result; readonly ms: number }
  | { readonly kind: "seed"; readonly outcome: SeedOutcome }
  | { readonly kind: "classifier-seed"; readonly outcome: ClassifierSeedOutcome };

/** Runs one task. The same function runs in a worker thread or in this one. */
export function executeExperimentTask(
  shared: ExperimentShared,
  task: ExperimentTask,
  classifiers: ReadonlyMap<ClassifierName, BinaryClassifier>,
): ExperimentTaskResult {
  const labels = shared.labels[task.attribute];
  const { context } = shared;
  if (task.kind === "seed") {
    return {
      kind: "seed",
      outcome: runSeed(context, task.attribute, labels, task.seed, classifiers),
    };
  }
  if (task.kind === "classifier-seed") {
    return {
      kind: "classifier-seed",
      outcome: runClassifierSeed(context, task.attribute, labels, task.splitSeed, task.seed),
    };
  }
  const started = performance.now();
  const rng = createRng(task.seed).fork(`e1-${task.attribute}`);
  const e1 = runE1({
    factors: context.factors,
    k: context.k,
    labels,
    split: capUserSplit(task.split, labels, context.config.maxUsers, rng.fork("users")),
    net: task.net,
    output: task.output,
    archetypes: task.archetypes,
    rankings: task.rankings,
    ns: context.config.e1Ns,
    classifier: { ...context.config.classifier, trackTrainingMetrics: false },
    rng,
  });
  return { kind: "e1", attribute: task.attribute, e1, ms: performance.now() - started };
}
