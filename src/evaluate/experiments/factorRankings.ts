import { centroidScores } from "../../baselines/centroidScores.js";
import { logisticScores } from "../../baselines/logisticScores.js";
import { mutualInformationScores } from "../../baselines/mutualInformationScores.js";
import { fitPca, type Pca, pcaLoadingScores } from "../../baselines/pca.js";
import { randomScores } from "../../baselines/randomScores.js";
import type { RankingInput } from "../../baselines/rankingInput.js";
import { varianceScores } from "../../baselines/varianceScores.js";
import { perGroupRanking } from "../../unhide/perGroupRanking.js";
import type { FactorProfile } from "../../unhide/profile.js";
import { rankDescending } from "../../unhide/rankDescending.js";
import type { Rng } from "../../util/rng.js";
import type { DeepUnhideVariant, RankingMethod } from "./types.js";

/** Every ranking's factor order (most relevant first), and the PCA behind `pca-components`. */
export interface FactorRankings {
  /** Orders of original factors; `pca-components` has none (it is an extraction). */
  readonly orders: ReadonlyMap<RankingMethod, Int32Array>;
  /** Fitted on the training users; the leading N components are `pca-components`' features. */
  readonly pca: Pca;
}

/**
 * Computes the requested rankings from the training users of `input` (and DeepUnHide's
 * profile, itself learned from a classifier trained on those users). Each randomized
 * ranking draws from its own named stream of `rng`. The DeepUnHide variants are ranked by the
 * relevancy given for them in `variants` (see `deepunhideVariants.ts`).
 */
export function computeFactorRankings(
  input: RankingInput,
  profile: FactorProfile,
  methods: readonly RankingMethod[],
  rng: Rng,
  variants: ReadonlyMap<DeepUnhideVariant, Float64Array> = new Map(),
): FactorRankings {
  const orders = new Map<RankingMethod, Int32Array>();
  const pca = fitPca(input.x, input.k, input.rows);
  const scored = (scores: Float64Array) => rankDescending(scores);
  for (const method of methods) {
    switch (method) {
      case "deepunhide":
        orders.set(method, Int32Array.from(profile.ranking));
        break;
      case "deepunhide-per-group":
        orders.set(method, perGroupRanking(profile.normalizedMajority, profile.normalizedMinority));
        break;
      case "logistic":
        orders.set(method, scored(logisticScores(input)));
        break;
      case "entropy":
        orders.set(method, scored(mutualInformationScores(input, rng.fork("entropy"))));
        break;
      case "variance":
        orders.set(method, scored(varianceScores(input)));
        break;
      case "pca-loadings":
        orders.set(method, scored(pcaLoadingScores(input, undefined, pca)));
        break;
      case "centroid":
        orders.set(method, scored(centroidScores(input)));
        break;
      case "random":
        orders.set(method, scored(randomScores(input.k, rng.fork("random"))));
        break;
      case "pca-components":
        break;
      default: {
        const relevancy = variants.get(method);
        if (relevancy === undefined) throw new Error(`no relevancy computed for "${method}"`);
        orders.set(method, scored(relevancy));
        break;
      }
    }
  }
  return { orders, pca };
}
