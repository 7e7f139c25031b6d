/**
 * A user's list for the explorer (GET /api/recommend): her top-N unrated items re-ranked by
 * the fairness re-weighting r̂'_ui = Σ_j w_j p_uj q_ij at α (α = 0 is the plain model and
 * gives exactly `recommend`'s list), each item with its plain prediction, where it stood in
 * the plain list, which group its raters lean to, and the explanation of its prediction.
 */

import { type Explanation, explain } from "../apply/explain.js";
import {
  type FavouredGroup,
  fairnessWeights,
  weightedUserVector,
} from "../apply/fairnessWeights.js";
import { ratedMask } from "../apply/groupFromModel.js";
import { itemInfo } from "../apply/itemInfo.js";
import { scoreItems, topItems } from "../apply/itemScores.js";
import { scoreAllItems } from "../apply/recommend.js";
import { attributeProfile, attributeRule, type ExplorerModel, userIndex } from "./explorerModel.js";
import { type FairnessMeter, favouredExposure } from "./fairnessExposure.js";
import { type UserSummary, userSummary } from "./userSearch.js";

/** Parameters of {@link userRecommendations}. */
export interface UserListRequest {
  readonly user: string;
  readonly top: number;
  readonly alpha: number;
  readonly attribute: string;
  readonly group: FavouredGroup;
  /** Attach each item's explanation (without the K per-factor contributions). */
  readonly explain: boolean;
}

/** One item of the list. */
export interface UserListItem {
  readonly item: string;
  readonly title?: string;
  readonly genres?: string[];
  /** Re-weighted score Σ_j w_j p_uj q_ij (the plain prediction at α = 0). */
  readonly score: number;
  /** Plain prediction p_u · q_i. */
  readonly prediction: number;
  /** 1-based rank in the plain list of the same length, or null when it is not in it. */
  readonly plainRank: number | null;
  /** The group of the attribute its raters lean to, or null (too few raters or at the base rate). */
  readonly leansTo: string | null;
  readonly explanation?: Omit<Explanation, "contributions">;
}

/** GET /api/recommend. */
export interface UserList {
  readonly user: UserSummary;
  readonly attribute: string;
  readonly favoured: { readonly group: FavouredGroup; readonly label: string };
  readonly alpha: number;
  /** Items left out because she rated them. */
  readonly excluded: number;
  readonly items: UserListItem[];
  /** Her list's measures at α and at α = 0 (see fairnessExposure.ts for the definitions). */
  readonly metrics: {
    readonly exposure: number;
    readonly plainExposure: number;
    readonly meanPrediction: number;
    readonly plainMeanPrediction: number;
    readonly retained: number;
  };
}

/**
 * The user's re-ranked list.
 * @throws RequestError 404 for an unknown user or attribute, 422 when the folder lacks the
 *   rated items or users' groups the leaning needs.
 */
export function userRecommendations(
  explorer: ExplorerModel,
  meter: FairnessMeter,
  request: UserListRequest,
): UserList {
  const { model } = explorer;
  const u = userIndex(explorer, request.user);
  const profile = attributeProfile(explorer, request.attribute);
  const rule = attributeRule(explorer, request.attribute);
  const k = model.manifest.k;
  const mask = ratedMask(model, Int32Array.of(u));
  const plainScores = scoreAllItems(model, u);
  const plainList = topItems(plainScores, request.top, mask);
  // α = 0 is the plain model: no weights, so the list is exactly `recommend`'s.
  const scores =
    request.alpha === 0
      ? plainScores
      : scoreItems(
          model.itemFactors,
          k,
          weightedUserVector(
            model.userFactors.subarray(u * k, (u + 1) * k),
            fairnessWeights(profile, request.group, request.alpha),
          ),
        );
  const list = topItems(scores, request.top, mask);
  const towards = meter.leaning(request.attribute, request.group);
  const away = meter.leaning(
    request.attribute,
    request.group === "majority" ? "minority" : "majority",
  );
  const favouredLabel = request.group === "majority" ? rule.majority : rule.minority;
  const otherLabel = request.group === "majority" ? rule.minority : rule.majority;
  const items = Array.from(list, (i): UserListItem => {
    const plainRank = plainList.indexOf(i);
    const item = model.manifest.itemIds[i];
    let explanation: UserListItem["explanation"];
    if (request.explain) {
      const { contributions: _, ...rest } = explain(model, request.user, item);
      explanation = rest;
    }
    return {
      item,
      ...itemInfo(model, i),
      score: scores[i],
      prediction: plainScores[i],
      plainRank: plainRank >= 0 ? plainRank + 1 : null,
      leansTo:
        towards.favoured[i] === 1 ? favouredLabel : away.favoured[i] === 1 ? otherLabel : null,
      ...(explanation !== undefined ? { explanation } : {}),
    };
  });
  let kept = 0;
  for (const i of list) if (plainList.includes(i)) kept++;
  return {
    user: userSummary(explorer, u),
    attribute: request.attribute,
    favoured: { group: request.group, label: favouredLabel },
    alpha: request.alpha,
    excluded: mask.reduce((a, b) => a + b, 0),
    items,
    metrics: {
      exposure: favouredExposure(list, towards.favoured),
      plainExposure: favouredExposure(plainList, towards.favoured),
      meanPrediction: meanAt(plainScores, list),
      plainMeanPrediction: meanAt(plainScores, plainList),
      retained: list.length > 0 ? kept / list.length : 0,
    },
  };
}

function meanAt(scores: Float64Array, list: Int32Array): number {
  let s = 0;
  for (const i of list) s += scores[i];
  return list.length > 0 ? s / list.length : 0;
}
