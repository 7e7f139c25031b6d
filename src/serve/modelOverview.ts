import { GROUP_METHODS } from "../apply/groupVirtualUser.js";
import type { ClassifierQuality } from "../report/resultsDocument.js";
import type { ExplorerModel } from "./explorerModel.js";

/** One attribute at a glance. */
export interface AttributeOverview {
  readonly name: string;
  readonly majority: string;
  readonly minority: string;
  /** Users per group, from the saved labels (absent in folders without them). */
  readonly users?: { readonly majority: number; readonly minority: number };
  /** Factors selected by the relevancy threshold. */
  readonly selected: number;
  /** The classifier's score of each archetype (majority should be near 1, minority near 0). */
  readonly archetypeScores: { readonly majority: number; readonly minority: number };
  /** Test-user classifier quality beside the majority floor, from results.json. */
  readonly classifier?: ClassifierQuality;
}

/** The model at a glance: GET /api/model. */
export interface ModelOverview {
  readonly dataset: { name: string; users: number; items: number; ratings: number };
  readonly ratingScale: { min: number; max: number };
  readonly k: number;
  readonly seed: number;
  readonly package: { name: string; version: string };
  readonly hasTitles: boolean;
  readonly hasGenres: boolean;
  /** PMF RMSE on held-out ratings and the global-mean predictor's, from results.json. */
  readonly rmse?: { train: number; test: number; globalMean: number };
  readonly attributes: AttributeOverview[];
  /** Whether results.json was found and matched, and if not why. */
  readonly results: { readonly found: boolean; readonly note?: string };
  /** Group methods the model supports (`demographic` needs the users' groups). */
  readonly groupMethods: string[];
}

/** Builds the overview from the model folder and, where only it has them, results.json. */
export function modelOverview(explorer: ExplorerModel): ModelOverview {
  const { manifest, profiles, items } = explorer.model;
  const results = explorer.results;
  const attributes = explorer.attributes.map((name): AttributeOverview => {
    const rule = manifest.attributes.find((a) => a.name === name)?.rule;
    const profile = profiles[name];
    const labels = profile.labels;
    let majorityUsers = 0;
    if (labels !== undefined) for (const l of labels) majorityUsers += l;
    const classifier = results?.attributes[name]?.classifier.test;
    return {
      name,
      majority: rule?.majority ?? "majority",
      minority: rule?.minority ?? "minority",
      ...(labels !== undefined
        ? { users: { majority: majorityUsers, minority: labels.length - majorityUsers } }
        : {}),
      selected: profile.selected.length,
      archetypeScores: profile.scores,
      ...(classifier !== undefined ? { classifier } : {}),
    };
  });
  return {
    dataset: {
      name: manifest.dataset.name,
      users: manifest.dataset.users,
      items: manifest.dataset.items,
      ratings: manifest.dataset.ratings,
    },
    ratingScale: manifest.dataset.ratingScale,
    k: manifest.k,
    seed: manifest.config.seed,
    package: manifest.package,
    hasTitles: items?.titles !== undefined,
    hasGenres: items?.genres !== undefined,
    ...(results !== undefined ? { rmse: results.mf.rmse } : {}),
    attributes,
    results:
      results !== undefined
        ? { found: true }
        : { found: false, ...(explorer.resultsNote ? { note: explorer.resultsNote } : {}) },
    groupMethods: GROUP_METHODS.filter(
      (m) => m !== "demographic" || explorer.groupAttributes !== undefined,
    ),
  };
}
