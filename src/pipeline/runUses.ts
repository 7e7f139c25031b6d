/**
 * The uses of the profile (paper §1, §4) on a finished run, for `results.json` and the
 * report: the fairness sweep of every attribute on the held-out ratings, one test user's top
 * recommendation explained, and the lists of a small group of test users. Computed from the
 * model exactly as the commands compute them from the model folder.
 */

import { type Explanation, explain } from "../apply/explain.js";
import { type FairnessDocument, modelFairness } from "../apply/fairnessInput.js";
import type { FairnessConfig } from "../apply/fairnessSweep.js";
import { type GroupDocument, groupFromModel } from "../apply/groupFromModel.js";
import { recommend } from "../apply/recommend.js";
import { modelFromPipeline } from "../io/modelFolder.js";
import { type ProgressSink, silentProgress } from "./progress.js";
import type { PipelineResult } from "./runPipeline.js";

/** Size of the example group: the first test users of the classifier's split. */
export const EXAMPLE_GROUP_SIZE = 4;

/** The `uses` section of `results.json`. */
export interface UsesDocument {
  /** Per attribute, the re-weighting sweep measured on the held-out ratings. */
  readonly fairness: Readonly<Record<string, FairnessDocument>>;
  /** The first test user's top recommendation, explained (absent when she has none). */
  readonly explanation?: Explanation;
  /** The lists of the first {@link EXAMPLE_GROUP_SIZE} test users as a group, by every method. */
  readonly group?: GroupDocument;
}

/**
 * Computes the uses section. Deterministic: the example users are the first of the
 * classifier's test split, which depends only on the data and the seed.
 */
export function runUses(
  result: PipelineResult,
  fairness: Partial<FairnessConfig> = {},
  progress: ProgressSink = silentProgress,
): UsesDocument {
  const model = modelFromPipeline(result);
  const out: {
    fairness: Record<string, FairnessDocument>;
    explanation?: Explanation;
    group?: GroupDocument;
  } = { fairness: {} };
  for (const attribute of Object.keys(result.attributes)) {
    progress({
      type: "stage",
      stage: "fairness",
      message: `fairness of re-weighting for ${attribute}, on the held-out ratings`,
    });
    out.fairness[attribute] = modelFairness(model, attribute, "the run's model", fairness);
  }
  const ids = result.dataset.users.ids;
  const testUsers = Array.from(result.classifier.split.test, (u) => ids[u]);
  const first = testUsers[0];
  if (first !== undefined) {
    const top = recommend(model, first, { top: 1 }).items[0];
    if (top !== undefined) out.explanation = explain(model, first, top.item);
  }
  const members = testUsers.slice(0, EXAMPLE_GROUP_SIZE);
  if (members.length > 0)
    out.group = groupFromModel(model, members, { top: 10 }, "the run's model");
  return out;
}
