/**
 * Stages 2–4 on one set of user factors: the MLN classifier on a given user split, then per
 * attribute the archetypes and the factor profile. The pipeline runs it on the factors the
 * later stages use, and again on the held-out evaluation fit, whose factor j means something
 * else (factor j of one PMF fit says nothing about factor j of another).
 */

import type { BinaryGroupRule } from "../data/groups.js";
import { type SplitReports, splitReports } from "../evaluate/splitReports.js";
import { capUserSplit, jointLabelStrata, type UserSplit } from "../evaluate/stratifiedSplit.js";
import { type EpochRecord, fitClassifier } from "../nn/fitClassifier.js";
import { type Mlp, predictProba } from "../nn/mlp.js";
import { archetypeWarnings } from "../unhide/archetypeWarnings.js";
import { type EnsembleRelevancy, ensembleRelevancy } from "../unhide/ensembleRelevancy.js";
import { groupContrastRelevancy } from "../unhide/integratedGradients.js";
import { type Archetype, localizeArchetypes } from "../unhide/localizeArchetype.js";
import { buildFactorProfile, type FactorProfile, withRelevancy } from "../unhide/profile.js";
import { selectColumns } from "../util/columns.js";
import type { Rng } from "../util/rng.js";
import type { ProgressSink } from "./progress.js";
import type { RunConfig } from "./runConfig.js";

export type { SplitReports };

/** What {@link unhideFactors} learned about one binary attribute. */
export interface UnhiddenAttribute {
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
}

/** The classifier and the per-attribute archetypes and profiles of one set of factors. */
export interface UnhiddenFactors {
  readonly net: Mlp;
  readonly history: readonly EpochRecord[];
  readonly bestEpoch: number;
  /** One entry per rule, in the classifier's output order. */
  readonly attributes: readonly UnhiddenAttribute[];
  /** Archetypes that did not reach their group, zero-gradient restarts. */
  readonly warnings: readonly string[];
}

/** Inputs of {@link unhideFactors}. */
export interface UnhideInput {
  /** users × k, row-major. */
  readonly factors: Float32Array;
  readonly userCount: number;
  readonly rules: readonly BinaryGroupRule[];
  /** One label array per rule (1 = majority). */
  readonly labels: readonly Uint8Array[];
  readonly split: UserSplit;
  readonly config: RunConfig;
  /** Labels progress messages, e.g. " (held-out fit)". */
  readonly label?: string;
  /**
   * Use the paper's relevancy whatever `config.relevancy` says: for the held-out fit, whose
   * profile only lends its group proportions to the fairness weights, so an ensemble there
   * would cost without changing anything.
   */
  readonly paperRelevancyOnly?: boolean;
}

/**
 * Fits the MLN on `input.factors` and localizes and profiles each attribute's archetypes.
 * Randomness comes from `rng.fork("classifier")` and `rng.fork("localization-<name>")`, so
 * the same `rng` gives the same result as the pipeline always did.
 */
export function unhideFactors(
  input: UnhideInput,
  rng: Rng,
  progress: ProgressSink,
  time: <T>(stage: string, work: () => T) => T = (_stage, work) => work(),
): UnhiddenFactors {
  const { factors, userCount, rules, labels, split, config } = input;
  const label = input.label ?? "";
  const prefix = label === "" ? "" : "held-out.";
  const classifier = time(`${prefix}classifier`, () => {
    progress({
      type: "stage",
      stage: "classifier",
      message: `MLN on ${split.train.length} training users${label}`,
    });
    return fitClassifier(
      factors,
      [...labels],
      split,
      config.classifier,
      rng.fork("classifier"),
      (r) =>
        progress({
          type: "step",
          stage: "classifier",
          done: r.epoch,
          total: 0,
          detail: `validation loss ${r.validationLoss.toFixed(4)}`,
        }),
    );
  });
  const proba = predictProba(classifier.net, factors, userCount);
  // The extra MLNs of a contrast-ig-ensemble relevancy: same users (at most
  // relevancyMaxUsers of them, when set), other initializations.
  const members =
    config.relevancy === "paper" || input.paperRelevancyOnly === true
      ? []
      : time(`${prefix}relevancyEnsemble`, () => {
          const nets = [classifier.net];
          const memberSplit =
            config.relevancyMaxUsers === undefined
              ? split
              : capUserSplit(
                  split,
                  jointLabelStrata(labels, userCount),
                  config.relevancyMaxUsers,
                  rng.fork("relevancy-users"),
                );
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
                [...labels],
                memberSplit,
                { ...config.classifier, trackTrainingMetrics: false },
                rng.fork(`relevancy-member-${i}`),
              ).net,
            );
          }
          return nets;
        });
  const warnings: string[] = [];
  const attributes = rules.map((rule, output): UnhiddenAttribute => {
    const attributeLabels = labels[output];
    const scores = selectColumns(proba, userCount, rules.length, [output]);
    const reports = splitReports(attributeLabels, scores, split);
    const archetypes = time(`${prefix}localization.${rule.name}`, () => {
      progress({
        type: "stage",
        stage: "localization",
        message: `archetypes for ${rule.name}${label}`,
      });
      return localizeArchetypes(
        classifier.net,
        output,
        config.localization,
        rng.fork(`localization-${rule.name}`),
      );
    });
    warnings.push(...archetypeWarnings(`${rule.name}${label}`, archetypes, rule));
    const paperProfile = time(`${prefix}profile.${rule.name}`, () =>
      buildFactorProfile(archetypes.majority.vector, archetypes.minority.vector, {
        threshold: config.selectionThreshold,
      }),
    );
    const relevancyUncertainty =
      members.length === 0
        ? undefined
        : time(`${prefix}relevancy.${rule.name}`, () =>
            ensembleRelevancy(
              members.map((net) =>
                groupContrastRelevancy({
                  net,
                  output,
                  x: factors,
                  labels: attributeLabels,
                  rows: split.train,
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

    return {
      rule,
      labels: attributeLabels,
      output,
      classifier: reports,
      archetypes,
      profile,
      paperProfile,
      ...(relevancyUncertainty !== undefined ? { relevancyUncertainty } : {}),
    };
  });
  return {
    net: classifier.net,
    history: classifier.history,
    bestEpoch: classifier.bestEpoch,
    attributes,
    warnings,
  };
}
