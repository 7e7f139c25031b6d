/**
 * The factor profile of one attribute, per factor, for the explorer's charts
 * (GET /api/profile), and the items that load most on one factor (GET /api/factor).
 */

import { itemInfo } from "../apply/itemInfo.js";
import { RequestError } from "../errors.js";
import { normalizeMinMax } from "../unhide/normalizeArchetype.js";
import { attributeProfile, attributeRule, type ExplorerModel } from "./explorerModel.js";

/** One factor of a profile. */
export interface ProfileFactor {
  readonly factor: number;
  /** Relevancy in [0, 1]. */
  readonly relevancy: number;
  /** 1-based position in the relevancy ranking. */
  readonly rank: number;
  readonly selected: boolean;
  /** The majority group's share of the factor; the minority's is 1 − this. */
  readonly majorityShare: number;
  /** Raw archetype values (the classifier's input space). */
  readonly majorityArchetype: number;
  readonly minorityArchetype: number;
  /** Min–max normalized archetype values (the paper's p̃, from which relevancy comes). */
  readonly majorityNormalized: number;
  readonly minorityNormalized: number;
}

/** GET /api/profile?attribute=. */
export interface ProfileView {
  readonly attribute: string;
  readonly majority: string;
  readonly minority: string;
  /** The relevancy threshold of the selection. */
  readonly threshold: number;
  readonly archetypeScores: { readonly majority: number; readonly minority: number };
  readonly selected: number[];
  readonly factors: ProfileFactor[];
}

/** The per-factor profile of `attribute`. @throws RequestError 404 for an unknown attribute. */
export function profileView(explorer: ExplorerModel, attribute: string): ProfileView {
  const profile = attributeProfile(explorer, attribute);
  const rule = attributeRule(explorer, attribute);
  const rank = new Int32Array(profile.relevancy.length);
  profile.ranking.forEach((factor, r) => {
    rank[factor] = r + 1;
  });
  const selected = new Set(profile.selected);
  const majorityNormalized = normalizeMinMax(profile.archetypes.majority);
  const minorityNormalized = normalizeMinMax(profile.archetypes.minority);
  return {
    attribute,
    majority: rule.majority,
    minority: rule.minority,
    threshold: explorer.model.manifest.config.selectionThreshold,
    archetypeScores: profile.scores,
    selected: profile.selected,
    factors: profile.relevancy.map((relevancy, j) => ({
      factor: j,
      relevancy,
      rank: rank[j],
      selected: selected.has(j),
      majorityShare: profile.proportions.majority[j],
      majorityArchetype: profile.archetypes.majority[j],
      minorityArchetype: profile.archetypes.minority[j],
      majorityNormalized: majorityNormalized[j],
      minorityNormalized: minorityNormalized[j],
    })),
  };
}

/** An item and its loading q_ij on one factor. */
export interface FactorItem {
  readonly item: string;
  readonly title?: string;
  readonly genres?: string[];
  readonly loading: number;
  /** How many users rated it (when the folder records rated items). */
  readonly ratings?: number;
}

/** GET /api/factor?factor=&top=. */
export interface FactorView {
  readonly factor: number;
  /** The factor's relevancy and leaning for every attribute. */
  readonly attributes: {
    attribute: string;
    relevancy: number;
    leansTo: string;
    share: number;
    selected: boolean;
  }[];
  /** The items with the largest loadings q_ij, largest first. */
  readonly positive: FactorItem[];
  /** The items with the most negative loadings, most negative first. */
  readonly negative: FactorItem[];
}

/**
 * The `top` items with the highest and the lowest loading on factor `factor`: the items a
 * user with a large positive (or negative) value of the factor is pushed towards.
 * @throws RequestError 404 for a factor outside 0…K−1.
 */
export function factorView(explorer: ExplorerModel, factor: number, top: number): FactorView {
  const { model } = explorer;
  const k = model.manifest.k;
  if (!Number.isInteger(factor) || factor < 0 || factor >= k) {
    throw new RequestError(404, `unknown factor ${factor}; this model has factors 0…${k - 1}`);
  }
  const items = model.manifest.itemIds.length;
  const order = new Int32Array(items);
  for (let i = 0; i < items; i++) order[i] = i;
  const loading = (i: number) => model.itemFactors[i * k + factor];
  order.sort((a, b) => loading(b) - loading(a) || a - b);
  const describe = (i: number): FactorItem => {
    return {
      item: model.manifest.itemIds[i],
      ...itemInfo(model, i),
      loading: loading(i),
      ...(model.rated !== undefined ? { ratings: explorer.itemRatings[i] } : {}),
    };
  };
  const n = Math.min(top, items);
  return {
    factor,
    attributes: explorer.attributes.map((attribute) => {
      const profile = model.profiles[attribute];
      const rule = attributeRule(explorer, attribute);
      const share = profile.proportions.majority[factor];
      return {
        attribute,
        relevancy: profile.relevancy[factor],
        leansTo: share >= 0.5 ? rule.majority : rule.minority,
        share: share >= 0.5 ? share : profile.proportions.minority[factor],
        selected: profile.selected.includes(factor),
      };
    }),
    positive: Array.from(order.subarray(0, n), describe),
    negative: Array.from(order.subarray(items - n).reverse(), describe),
  };
}
