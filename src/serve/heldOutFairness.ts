/**
 * The held-out fairness measures the run stored in results.json (`uses.fairness`, the
 * document of `deepunhide fairness --json`: per-group RMSE and NDCG, Beyond-Parity, exposure
 * against parity, on the ratings the held-out fit never saw), served beside the explorer's
 * model-only measure. They exist at the run's few α only, toward the group the run chose.
 */

import type { FairnessDocument } from "../apply/fairnessInput.js";
import type { FavouredGroup } from "../apply/fairnessWeights.js";
import type { ExplorerModel } from "./explorerModel.js";

/** The stored sweep of `attribute` toward `group`, or undefined when the run has none. */
export function heldOutFairness(
  explorer: ExplorerModel,
  attribute: string,
  group: FavouredGroup,
): FairnessDocument | undefined {
  const sweep = explorer.results?.uses?.fairness?.[attribute];
  return sweep !== undefined && sweep.config.group === group ? sweep : undefined;
}
