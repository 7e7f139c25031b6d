import type { Dataset, Ratings } from "../data/dataset.js";
import { applyGroupRule } from "../data/groups.js";
import { ConfigError } from "../errors.js";
import { itemRatingCounts } from "../evaluate/experiments/e4.js";
import { checkSelection, type SelectionCheck } from "../evaluate/selectionCheck.js";
import { jointLabelStrata, stratifiedSplit, type UserSplit } from "../evaluate/stratifiedSplit.js";
import type { FactorModel } from "../mf/factorModel.js";
import { globalMean, globalMeanRmse, rmse } from "../mf/metrics.js";
import { fitPmf, type PmfModel, resolvePmfConfig } from "../mf/pmf.js";
import { splitRatings } from "../mf/splitRatings.js";
import type { EpochRecord } from "../nn/fitClassifier.js";
import type { Mlp } from "../nn/mlp.js";
import { resolveItemProfileConfig } from "../unhide/itemProfileConfig.js";
import { type ItemProfile, unhideItemFactors } from "../unhide/unhideItemFactors.js";
import { createRng } from "../util/rng.js";
import type { FactorSource } from "./alignImportedFactors.js";
import { type ProgressSink, silentProgress } from "./progress.js";
import { type RunConfig, resolveRunConfig } from "./runConfig.js";
import { type UnhiddenAttribute, unhideFactors } from "./unhideFactors.js";

export type { SplitReports } from "./unhideFactors.js";

/** Everything the pipeline learned about one binary attribute. */
export interface AttributeResult extends UnhiddenAttribute {
  /** The selection check: the MLN retrained on the top-N relevant factors, and on random N-subsets. */
  readonly topN: SelectionCheck;
}

/**
 * The held-out side of a run: the ratings the evaluation fit never saw, that fit, and the
 * archetypes and profiles of its factors (the same objects as the main ones when
 * `factorsFrom` is `train`, since then it is the same fit).
 */
export interface HeldOutResult {
  readonly ratings: Ratings;
  readonly model: PmfModel;
  readonly attributes: Readonly<Record<string, UnhiddenAttribute>>;
}

/** The output of {@link runPipeline}: trained models, measurements and timings. */
export interface PipelineResult {
  readonly config: RunConfig;
  readonly dataset: Dataset;
  readonly mf: {
    /** The model whose factors the later stages use. */
    readonly model: PmfModel;
    /** The model fitted on the training split, for the RMSE. Same object when factorsFrom = train. */
    readonly evaluationModel: PmfModel;
    readonly rmse: { readonly train: number; readonly test: number; readonly globalMean: number };
    readonly trainRatings: number;
    readonly testRatings: number;
    /**
     * Set when the factors were imported instead of trained: then `rmse.train` is the
     * in-sample RMSE over all the dataset's ratings, `rmse.test` is NaN (no rating was held
     * out from the engine that trained them), `rmse.globalMean` is in-sample too, and
     * `history` is empty.
     */
    readonly source?: FactorSource;
    /** The held-out ratings (the evaluation model never saw them). */
    readonly heldOutRatings: Ratings;
  };
  readonly classifier: {
    readonly net: Mlp;
    readonly history: readonly EpochRecord[];
    readonly bestEpoch: number;
    readonly split: UserSplit;
  };
  readonly attributes: Readonly<Record<string, AttributeResult>>;
  /** The evaluation fit's unhiding and its held-out ratings, for measuring fairness. */
  /** The item side (genres), when the dataset has genres and `config.items.enabled`. */
  readonly items?: ItemProfile;
  /** The evaluation fit's unhiding and its held-out ratings, for measuring fairness. */
  readonly heldOut: HeldOutResult;
  readonly warnings: readonly string[];
  /** Wall-clock milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
}

/** Factors from elsewhere that replace stage 1 (see `alignImportedFactors`). */
export interface PipelineFactors {
  /** P and Q, rows in the dataset's user and item index order. */
  readonly model: FactorModel;
  /** Where they came from, recorded in the results and the model folder. */
  readonly source: FactorSource;
}

/** Optional inputs of {@link runPipeline} beyond the dataset and the config. */
export interface PipelineInputs {
  /** Continue from these factors instead of training PMF. */
  readonly factors?: PipelineFactors;
}

/**
 * Runs DeepUnHide end to end on a dataset, in the paper's order: PMF factors → MLN
 * classifier → archetypes → factor profile, plus the top-N selection check.
 * Deterministic for a given dataset and `config.seed`. With `inputs.factors`, stage 1 takes
 * those factors instead of training PMF; every later stage draws the same random streams
 * (they are forked by name), so factors exported from a run and imported again give that
 * run's classifier, archetypes and profile.
 */
export function runPipeline(
  dataset: Dataset,
  partialConfig: Partial<RunConfig> = {},
  progress: ProgressSink = silentProgress,
  inputs: PipelineInputs = {},
): PipelineResult {
  const config = resolveRunConfig(partialConfig);
  const rules = config.attributes.map((name) => config.groupRules[name]);

  const labels = rules.map((rule) => applyGroupRule(dataset, rule));
  const rng = createRng(config.seed);
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const time = <T>(stage: string, work: () => T): T => {
    const start = performance.now();
    const value = work();
    timings[stage] = performance.now() - start;
    return value;
  };
  const userCount = dataset.users.ids.length;
  const itemCount = dataset.items.ids.length;

  // Imported factors bring their own K; the redundancy argument is the same.
  const requestedK = inputs.factors?.model.k ?? resolvePmfConfig(config.mf).k;
  if (requestedK > Math.min(userCount, itemCount)) {
    // Not an error: PMF still fits, but P Q^T has rank ≤ min(users, items), so some factors
    // only re-express others and their relevancy is not meaningful on its own.
    warnings.push(
      `K = ${requestedK} exceeds min(users, items) = ${Math.min(userCount, itemCount)}: at least ${requestedK - Math.min(userCount, itemCount)} factors are redundant; consider a smaller --k`,
    );
  }

  // 1. Matrix factorization (or factors from elsewhere).
  const mf: PipelineResult["mf"] = time("mf", (): PipelineResult["mf"] => {
    if (inputs.factors !== undefined) return importedStage(dataset, inputs.factors, progress);
    const mfEpochs = resolvePmfConfig(config.mf).epochs;
    const { train, test } = splitRatings(
      dataset.ratings,
      config.mfTestFraction,
      rng.fork("mf-split"),
    );
    const epochs = (label: string) => (epoch: number, trainRmse: number) =>
      progress({
        type: "step",
        stage: label,
        done: epoch,
        total: mfEpochs,
        detail: `train RMSE ${trainRmse.toFixed(4)}`,
      });
    progress({
      type: "stage",
      stage: "mf",
      message: `PMF on ${train.value.length} training ratings`,
    });
    const evaluationModel = fitPmf(
      train,
      userCount,
      itemCount,
      config.mf,
      rng.fork("mf-init"),
      epochs("mf"),
    );
    const mean = globalMean(train);
    const measured = {
      train: rmse(train, evaluationModel),
      test: rmse(test, evaluationModel),
      globalMean: globalMeanRmse(test, mean),
    };
    let model = evaluationModel;
    if (config.factorsFrom === "all") {
      progress({
        type: "stage",
        stage: "mf-all",
        message: "PMF on all ratings (factors for the next stages)",
      });
      model = fitPmf(
        dataset.ratings,
        userCount,
        itemCount,
        config.mf,
        rng.fork("mf-init"),
        epochs("mf-all"),
      );
    }
    return {
      model,
      evaluationModel,
      rmse: measured,
      trainRatings: train.value.length,
      testRatings: test.value.length,
      heldOutRatings: test,
    };
  });
  const k = mf.model.k;
  const factors = mf.model.userFactors;

  // 2. The MLN: one sigmoid output per attribute, users split once, stratified on the joint labels.
  const strata = jointLabelStrata(labels, userCount);
  const [trainUsers, validationUsers, testUsers] = stratifiedSplit(
    strata,
    config.userSplit,
    rng.fork("user-split"),
  );
  const split = { train: trainUsers, validation: validationUsers, test: testUsers };
  const unhidden = unhideFactors(
    { factors, userCount, rules, labels, split, config },
    rng,
    progress,
    time,
  );
  warnings.push(...unhidden.warnings);

  // The top-N check, per attribute.
  const attributes: Record<string, AttributeResult> = {};
  for (const attribute of unhidden.attributes) {
    const { rule, profile } = attribute;
    const topN = time(`topN.${rule.name}`, () => {
      progress({
        type: "stage",
        stage: "top-n",
        message: `MLN on the top ${config.topN} ${rule.name} factors and on ${config.randomDraws} random sets of as many`,
      });
      return checkSelection(
        {
          factors,
          userCount,
          k,
          labels: attribute.labels,
          split,
          ranking: profile.ranking,
          n: config.topN,
          allFactorsBalancedAccuracy: attribute.classifier.test.balancedAccuracy,
          randomDraws: config.randomDraws,
          classifier: config.classifier,
        },
        rng.fork(`top-n-${rule.name}`),
      );
    });
    attributes[rule.name] = { ...attribute, topN };
  }

  // The same unhiding on the factors of the fit that never saw the held-out ratings, so that
  // fairness can be measured on those ratings with weights from a profile of the same factors.
  const heldOutUnhidden =
    mf.evaluationModel === mf.model
      ? unhidden
      : unhideFactors(
          {
            factors: mf.evaluationModel.userFactors,
            userCount,
            rules,
            labels,
            split,
            config,
            label: " (held-out fit)",
            paperRelevancyOnly: true,
          },
          rng.fork("held-out"),
          progress,
          time,
        );
  if (heldOutUnhidden !== unhidden) warnings.push(...heldOutUnhidden.warnings);
  const heldOut: HeldOutResult = {
    ratings: mf.heldOutRatings,
    model: mf.evaluationModel,
    attributes: Object.fromEntries(heldOutUnhidden.attributes.map((a) => [a.rule.name, a])),
  };

  // 5. The item side: the same method on the item factors against the genres.
  const genres = dataset.itemAttributes.genres;
  const itemConfig = resolveItemProfileConfig(config.items);
  let items: ItemProfile | undefined;
  if (itemConfig.enabled && genres !== undefined) {
    items = time("items", () => {
      progress({
        type: "stage",
        stage: "items",
        message: `item factors against ${genres.names.length} genres`,
      });
      return unhideItemFactors(
        {
          itemFactors: mf.model.itemFactors,
          k,
          genres,
          // Any labels do: only the totals per item are used.
          ratingsPerItem: itemRatingCounts(dataset.ratings, labels[0], itemCount).total,
        },
        itemConfig,
        rng.fork("items"),
        (record) =>
          progress({
            type: "step",
            stage: "items",
            done: record.epoch,
            total: 0,
            detail: `validation loss ${record.validationLoss.toFixed(4)}`,
          }),
      );
    });
    warnings.push(...items.warnings);
  }

  for (const warning of warnings)
    progress({ type: "warning", stage: "pipeline", message: warning });
  return {
    config,
    dataset,
    mf,
    classifier: {
      net: unhidden.net,
      history: unhidden.history,
      bestEpoch: unhidden.bestEpoch,
      split,
    },
    attributes,
    ...(items !== undefined ? { items } : {}),
    heldOut,
    warnings,
    timings,
  };
}

/** Stage 1 for imported factors: no training, and an RMSE that says it is in-sample. */
function importedStage(
  dataset: Dataset,
  factors: PipelineFactors,
  progress: ProgressSink,
): PipelineResult["mf"] {
  const { model, source } = factors;
  if (
    model.userCount !== dataset.users.ids.length ||
    model.itemCount !== dataset.items.ids.length
  ) {
    throw new ConfigError(
      `imported factors have ${model.userCount} users × ${model.itemCount} items, the dataset ${dataset.users.ids.length} × ${dataset.items.ids.length}; align them first (alignImportedFactors)`,
    );
  }
  progress({
    type: "stage",
    stage: "mf",
    message: `imported ${source.format} factors, K = ${model.k}`,
  });
  const pmf: PmfModel = { ...model, history: [] };
  return {
    model: pmf,
    evaluationModel: pmf,
    rmse: {
      train: rmse(dataset.ratings, model),
      test: Number.NaN,
      globalMean: globalMeanRmse(dataset.ratings, globalMean(dataset.ratings)),
    },
    trainRatings: dataset.ratings.value.length,
    testRatings: 0,
    // Nothing was held out from the engine that trained the factors.
    heldOutRatings: {
      user: new Int32Array(0),
      item: new Int32Array(0),
      value: new Float32Array(0),
    },
    source,
  };
}
