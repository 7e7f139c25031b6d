/**
 * Issue 7: does a DeepUnHide variant keep archetypes the uses can build on? On the
 * pipeline's own network, each archetype must be classified as its own group, and E4's items
 * weighted by it must track what the minority actually rates.
 */

import type { PipelineResult } from "../../pipeline/runPipeline.js";
import { normalizeMinMax } from "../../unhide/normalizeArchetype.js";
import { localizePenalizedArchetypes } from "../../unhide/penalizedArchetype.js";
import { createRng } from "../../util/rng.js";
import { penalizedPopulation } from "./deepunhideVariants.js";
import { runE4 } from "./e4.js";
import type { ExperimentConfig } from "./experimentConfig.js";
import type { ArchetypeUsability, RankingMethod } from "./types.js";

/**
 * One entry per compared ranking that reads a single network's archetypes: `deepunhide`
 * (whose archetypes `deepunhide-per-group` and `deepunhide-scaled` share) and
 * `deepunhide-penalized`. Ensembles and attributions have no single archetype pair.
 */
export function archetypeUsability(
  pipeline: PipelineResult,
  attribute: string,
  config: ExperimentConfig,
): ArchetypeUsability[] {
  const a = pipeline.attributes[attribute];
  const model = pipeline.mf.model;
  const { net, split } = pipeline.classifier;
  const entry = (
    method: RankingMethod,
    majority: { readonly vector: Float64Array; readonly score: number },
    minority: { readonly vector: Float64Array; readonly score: number },
  ): ArchetypeUsability => ({
    method,
    majorityScore: majority.score,
    minorityScore: minority.score,
    ownGroups: majority.score > 0.5 && minority.score < 0.5,
    e4Spearman: runE4({
      dataset: pipeline.dataset,
      itemFactors: model.itemFactors,
      normalizedMajority: normalizeMinMax(majority.vector),
      normalizedMinority: normalizeMinMax(minority.vector),
      labels: a.labels,
      topFactors: config.e4TopFactors,
      minRatings: config.e4MinRatings,
      listSize: config.e4ListSize,
    }).spearman,
  });
  const out: ArchetypeUsability[] = [];
  if (config.methods.includes("deepunhide")) {
    out.push(entry("deepunhide", a.archetypes.majority, a.archetypes.minority));
  }
  if (config.methods.includes("deepunhide-penalized")) {
    const population = penalizedPopulation(model.userFactors, model.k, a.labels, split.train);
    const pair = localizePenalizedArchetypes(
      net,
      a.output,
      population,
      config.penalizedLocalization,
      createRng(pipeline.config.seed).fork(`usability-${attribute}`),
    );
    out.push(entry("deepunhide-penalized", pair.majority, pair.minority));
  }
  return out;
}
