import type { Dataset } from "../data/dataset.js";
import { applyGroupRule, type BinaryGroupRule, DEFAULT_GROUP_RULES } from "../data/groups.js";
import { ConfigError } from "../errors.js";
import {
  type BinaryClassificationReport,
  binaryClassificationReport,
} from "../evaluate/metrics.js";
import { checkSelection, type SelectionCheck } from "../evaluate/selectionCheck.js";
import { stratifiedSplit, type UserSplit } from "../evaluate/stratifiedSplit.js";
import { globalMean, globalMeanRmse, rmse } from "../mf/metrics.js";
import { fitPmf, type PmfModel, resolvePmfConfig } from "../mf/pmf.js";
import { splitRatings } from "../mf/splitRatings.js";
import { type EpochRecord, fitClassifier } from "../nn/fitClassifier.js";
import { type Mlp, predictProba } from "../nn/mlp.js";
import { type EnsembleRelevancy, ensembleRelevancy } from "../unhide/ensembleRelevancy.js";
import { groupContrastRelevancy } from "../unhide/integratedGradients.js";
import { type Archetype, localizeArchetypes } from "../unhide/localizeArchetype.js";
import { buildFactorProfile, type FactorProfile, withRelevancy } from "../unhide/profile.js";
import { gather, selectColumns } from "../util/columns.js";
import { createRng } from "../util/rng.js";
import { type ProgressSink, silentProgress } from "./progress.js";
import { type RunConfig, resolveRunConfig } from "./runConfig.js";

/** Classifier quality on the three user splits. */
export interface SplitReports {
  readonly train: BinaryClassificationReport;
  readonly validation: BinaryClassificationReport;
  readonly test: BinaryClassificationReport;
}

/** Everything the pipeline learned about one binary attribute. */
export interface AttributeResult {
  readonly rule: BinaryGroupRule;
  /** 1 = majority, 0 = minority, per user. */
  readonly labels: Uint8Array;
  /** Index of this attribute's output in the MLN. */
  readonly output: number;
  readonly classifier: SplitReports;
  readonly archetypes: { readonly majority: Archetype; readonly minority: Archetype };
  /** What downstream reads: the paper's profile, with `config.relevancy`'s relevancy, ranking and selection. */
  readonly profile: FactorProfile;
  /** The paper's profile (§2.3), whatever `config.relevancy` is; the evaluation's `deepunhide`. */
  readonly paperProfile: FactorProfile;
  /** Per-factor spread over the ensemble behind a `contrast-ig-ensemble` relevancy; absent for `paper`. */
  readonly relevancyUncertainty?: EnsembleRelevancy;
  /** The selection check: the MLN retrained on the top-N relevant factors, and on random N-subsets. */
  readonly topN: SelectionCheck;
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
  };
  readonly classifier: {
    readonly net: Mlp;
    readonly history: readonly EpochRecord[];
    readonly bestEpoch: number;
    readonly split: UserSplit;
  };
  readonly attributes: Readonly<Record<string, AttributeResult>>;
  readonly warnings: readonly string[];
  /** Wall-clock milliseconds per stage. */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Runs DeepUnHide end to end on a dataset, in the paper's order: PMF factors → MLN
 * classifier → archetypes → factor profile, plus the top-N selection check.
 * Deterministic for a given dataset and `config.seed`.
 */
export function runPipeline(
  dataset: Dataset,
  partialConfig: Partial<RunConfig> = {},
  progress: ProgressSink = silentProgress,
): PipelineResult {
  const config = resolveRunConfig(partialConfig);
  const rules = config.attributes.map((name) => {
    const rule = DEFAULT_GROUP_RULES[name];
    if (rule === undefined) {
      throw new ConfigError(
        `unknown attribute "${name}"; known: ${Object.keys(DEFAULT_GROUP_RULES).join(", ")}`,
      );
    }
    return rule;
  });
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

  // 1. Matrix factorization.
  const mf = time("mf", () => {
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
    };
  });
  const k = mf.model.k;
  const factors = mf.model.userFactors;

  // 2. The MLN: one sigmoid output per attribute, users split once, stratified on the joint labels.
  const strata = new Int32Array(userCount);
  for (let u = 0; u < userCount; u++) {
    let stratum = 0;
    for (const l of labels) stratum = stratum * 2 + l[u];
    strata[u] = stratum;
  }
  const [trainUsers, validationUsers, testUsers] = stratifiedSplit(
    strata,
    config.userSplit,
    rng.fork("user-split"),
  );
  const split = { train: trainUsers, validation: validationUsers, test: testUsers };
  const classifier = time("classifier", () => {
    progress({
      type: "stage",
      stage: "classifier",
      message: `MLN on ${trainUsers.length} training users`,
    });
    return fitClassifier(
      factors,
      labels,
      split,
      config.classifier,
      rng.fork("classifier"),
      (record) =>
        progress({
          type: "step",
          stage: "classifier",
          done: record.epoch,
          total: 0,
          detail: `validation loss ${record.validationLoss.toFixed(4)}`,
        }),
    );
  });
  const proba = predictProba(classifier.net, factors, userCount);
  // The extra MLNs of a contrast-ig-ensemble relevancy: same users, other initializations.
  const members =
    config.relevancy === "paper"
      ? []
      : time("relevancyEnsemble", () => {
          const nets = [classifier.net];
          for (let i = 1; i < config.relevancyMembers; i++) {
            progress({
              type: "step",
              stage: "classifier",
              done: i,
              total: config.relevancyMembers - 1,
              detail: "ensemble for the relevancy",
            });
            nets.push(
              fitClassifier(
                factors,
                labels,
                split,
                { ...config.classifier, trackTrainingMetrics: false },
                rng.fork(`relevancy-member-${i}`),
              ).net,
            );
          }
          return nets;
        });

  // 3–4. Archetypes and profile per attribute, then the top-N check.
  const attributes: Record<string, AttributeResult> = {};
  rules.forEach((rule, output) => {
    const attributeLabels = labels[output];
    const scores = selectColumns(proba, userCount, rules.length, [output]);
    const trainLabels = gather(attributeLabels, trainUsers);
    const report = (users: Int32Array) =>
      binaryClassificationReport(
        gather(attributeLabels, users),
        gather(scores, users),
        trainLabels,
      );
    const reports: SplitReports = {
      train: report(trainUsers),
      validation: report(validationUsers),
      test: report(testUsers),
    };
    const archetypes = time(`localization.${rule.name}`, () => {
      progress({ type: "stage", stage: "localization", message: `archetypes for ${rule.name}` });
      return localizeArchetypes(
        classifier.net,
        output,
        config.localization,
        rng.fork(`localization-${rule.name}`),
      );
    });
    for (const side of ["majority", "minority"] as const) {
      const archetype = archetypes[side];
      for (const warning of archetype.warnings)
        warnings.push(`${rule.name} ${side} archetype: ${warning}`);
      const expected = side === "majority" ? archetype.score > 0.9 : archetype.score < 0.1;
      if (!expected) {
        warnings.push(
          `${rule.name}: the classifier scores the ${rule[side]} archetype ${archetype.score.toFixed(3)} (expected ${side === "majority" ? "> 0.9" : "< 0.1"}); the archetype is not a clear member of its group`,
        );
      }
    }
    const paperProfile = time(`profile.${rule.name}`, () =>
      buildFactorProfile(archetypes.majority.vector, archetypes.minority.vector, {
        threshold: config.selectionThreshold,
      }),
    );
    const relevancyUncertainty =
      members.length === 0
        ? undefined
        : time(`relevancy.${rule.name}`, () =>
            ensembleRelevancy(
              members.map((net) =>
                groupContrastRelevancy({
                  net,
                  output,
                  x: factors,
                  labels: attributeLabels,
                  rows: trainUsers,
                }),
              ),
            ),
          );
    const profile =
      relevancyUncertainty === undefined
        ? paperProfile
        : withRelevancy(paperProfile, relevancyUncertainty.relevancy, {
            threshold: config.selectionThreshold,
          });
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
          labels: attributeLabels,
          split,
          ranking: profile.ranking,
          n: config.topN,
          allFactorsBalancedAccuracy: reports.test.balancedAccuracy,
          randomDraws: config.randomDraws,
          classifier: config.classifier,
        },
        rng.fork(`top-n-${rule.name}`),
      );
    });
    attributes[rule.name] = {
      rule,
      labels: attributeLabels,
      output,
      classifier: reports,
      archetypes,
      profile,
      paperProfile,
      ...(relevancyUncertainty !== undefined ? { relevancyUncertainty } : {}),
      topN,
    };
  });

  for (const warning of warnings)
    progress({ type: "warning", stage: "pipeline", message: warning });
  return {
    config,
    dataset,
    mf,
    classifier: {
      net: classifier.net,
      history: classifier.history,
      bestEpoch: classifier.bestEpoch,
      split,
    },
    attributes,
    warnings,
    timings,
  };
}
