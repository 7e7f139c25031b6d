/**
 * The relevancy of every requested DeepUnHide variant (issue 7) in one seed, from the seed's
 * MLN, its archetypes and, for the `*-ensemble` variants, extra MLNs on bootstrap resamples of
 * the training users. Each variant's relevancy is then ranked like any other score.
 */

import { fitClassifier } from "../../nn/fitClassifier.js";
import type { Mlp } from "../../nn/mlp.js";
import { bootstrapRows, ensembleRelevancy } from "../../unhide/ensembleRelevancy.js";
import { gradientRelevancy } from "../../unhide/gradientRelevancy.js";
import { type ArchetypePair, localizeArchetypes } from "../../unhide/localizeArchetype.js";
import { buildFactorProfile } from "../../unhide/profile.js";
import { scaledArchetypeRelevancy } from "../../unhide/scaledRelevancy.js";
import { columnMoments } from "../../util/columnMoments.js";
import type { Rng } from "../../util/rng.js";
import type { ExperimentConfig } from "./experimentConfig.js";
import { DEEPUNHIDE_VARIANTS, type DeepUnhideVariant, type RankingMethod } from "./types.js";

/** What {@link computeVariantRelevancies} reads. */
export interface VariantInput {
  /** Users × k factor matrix, row-major. */
  readonly factors: ArrayLike<number>;
  readonly k: number;
  readonly labels: Uint8Array;
  readonly split: { readonly train: Int32Array; readonly validation: Int32Array };
  /** The seed's MLN (output 0) and its archetypes. */
  readonly net: Mlp;
  readonly archetypes: ArchetypePair;
  readonly config: ExperimentConfig;
  readonly rng: Rng;
}

/** Whether `method` is one of {@link DEEPUNHIDE_VARIANTS}. */
export function isDeepUnhideVariant(method: RankingMethod): method is DeepUnhideVariant {
  return (DEEPUNHIDE_VARIANTS as readonly string[]).includes(method);
}

/** Per-factor relevancy of every variant among `config.methods` (none when none requested). */
export function computeVariantRelevancies(
  input: VariantInput,
): Map<DeepUnhideVariant, Float64Array> {
  const { factors, k, labels, split, net, archetypes, config, rng } = input;
  const wanted = config.methods.filter(isDeepUnhideVariant);
  const out = new Map<DeepUnhideVariant, Float64Array>();
  if (wanted.length === 0) return out;
  const variance = columnMoments(factors, k, split.train, 1).variance;
  const scale = Float64Array.from(variance, (v) => (v > 0 ? Math.sqrt(v) : 0));

  interface Member {
    readonly net: Mlp;
    readonly archetypes: ArchetypePair;
  }
  const members: Member[] = [{ net, archetypes }];
  if (wanted.some((m) => m.endsWith("-ensemble"))) {
    const classifierConfig = { ...config.classifier, trackTrainingMetrics: false };
    for (let i = 1; i < config.ensembleMembers; i++) {
      const memberRng = rng.fork(`ensemble-${i}`);
      const bootstrap = memberRng.fork("bootstrap");
      const train = bootstrapRows(split.train, () => bootstrap.next());
      const fitted = fitClassifier(
        factors as Float64Array,
        [labels],
        { train, validation: split.validation },
        classifierConfig,
        memberRng.fork("classifier"),
      );
      const memberArchetypes = localizeArchetypes(
        fitted.net,
        0,
        config.localization,
        memberRng.fork("localization"),
      );
      members.push({ net: fitted.net, archetypes: memberArchetypes });
    }
  }
  const paper = (m: Member) =>
    buildFactorProfile(m.archetypes.majority.vector, m.archetypes.minority.vector).relevancy;
  const scaled = (m: Member) =>
    scaledArchetypeRelevancy(m.archetypes.majority.vector, m.archetypes.minority.vector, scale);
  const gradient = (m: Member) =>
    gradientRelevancy({ net: m.net, output: 0, x: factors, rows: split.train, scale });
  const pooled = (f: (m: Member) => Float64Array) =>
    ensembleRelevancy(members.map(f), config.stabilityTopN).relevancy;
  for (const method of wanted) {
    switch (method) {
      case "deepunhide-scaled":
        out.set(method, scaled(members[0]));
        break;
      case "deepunhide-ensemble":
        out.set(method, pooled(paper));
        break;
      case "deepunhide-scaled-ensemble":
        out.set(method, pooled(scaled));
        break;
      case "deepunhide-gradient":
        out.set(method, gradient(members[0]));
        break;
      case "deepunhide-gradient-ensemble":
        out.set(method, pooled(gradient));
        break;
    }
  }
  return out;
}
