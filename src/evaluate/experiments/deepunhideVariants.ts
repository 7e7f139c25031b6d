/**
 * The relevancy of every requested DeepUnHide variant (issue 7) in one seed, from the seed's
 * MLN, its archetypes and, for the `*-ensemble` variants, extra MLNs on the training users as
 * `ensembleSampling` draws them. Each member's relevancy of a kind is computed once and
 * shared by the single-net, mean and mean-rank readings; each variant's relevancy is then
 * ranked like any other score.
 */

import { fitClassifier } from "../../nn/fitClassifier.js";
import type { Mlp } from "../../nn/mlp.js";
import {
  balancedBootstrapRows,
  bootstrapRows,
  ensembleRelevancy,
  meanRankRelevancy,
} from "../../unhide/ensembleRelevancy.js";
import { gradientRelevancy } from "../../unhide/gradientRelevancy.js";
import { groupContrastRelevancy } from "../../unhide/integratedGradients.js";
import { type ArchetypePair, localizeArchetypes } from "../../unhide/localizeArchetype.js";
import {
  localizePenalizedArchetypes,
  type PenalizedPopulation,
  penalizedRelevancy,
} from "../../unhide/penalizedArchetype.js";
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
  const population = penalizedPopulation(factors, k, labels, split.train);
  const scale = population.scale;

  // The seed's MLN is member 0 (its paper archetypes are given); the others are fitted only
  // when an ensemble variant is requested, and each member's archetypes only when read.
  const nets: { readonly net: Mlp; readonly rng: Rng; archetypes?: ArchetypePair }[] = [
    { net, rng: rng.fork("member-0"), archetypes },
  ];
  if (wanted.some((m) => m.endsWith("-ensemble"))) {
    const classifierConfig = { ...config.classifier, trackTrainingMetrics: false };
    for (let i = 1; i < config.ensembleMembers; i++) {
      const memberRng = rng.fork(`ensemble-${i}`);
      const bootstrap = memberRng.fork("bootstrap");
      const next = () => bootstrap.next();
      const train =
        config.ensembleSampling === "balanced"
          ? balancedBootstrapRows(split.train, labels, next)
          : config.ensembleSampling === "none"
            ? split.train
            : bootstrapRows(split.train, next);
      const fitted = fitClassifier(
        factors as Float64Array,
        [labels],
        { train, validation: split.validation },
        classifierConfig,
        memberRng.fork("classifier"),
      );
      nets.push({ net: fitted.net, rng: memberRng });
    }
  }
  type Member = (typeof nets)[number];
  const paperArchetypes = (m: Member): ArchetypePair => {
    m.archetypes ??= localizeArchetypes(m.net, 0, config.localization, m.rng.fork("localization"));
    return m.archetypes;
  };
  const cache = new Map<string, Float64Array[]>();
  const perMember = (name: string, f: (m: Member) => Float64Array, all: boolean) => {
    const key = `${name}:${all}`;
    let values = cache.get(key);
    if (values === undefined) {
      values = (all ? nets : nets.slice(0, 1)).map(f);
      cache.set(key, values);
    }
    return values;
  };
  const paper = (m: Member) => {
    const a = paperArchetypes(m);
    return buildFactorProfile(a.majority.vector, a.minority.vector).relevancy;
  };
  const scaled = (m: Member) => {
    const a = paperArchetypes(m);
    return scaledArchetypeRelevancy(a.majority.vector, a.minority.vector, scale);
  };
  const gradient = (m: Member) =>
    gradientRelevancy({ net: m.net, output: 0, x: factors, rows: split.train, scale });
  const contrast = (m: Member) =>
    groupContrastRelevancy({
      net: m.net,
      output: 0,
      x: factors,
      labels,
      rows: split.train,
      baseline: population.center,
    });
  const penalized = (m: Member) =>
    penalizedRelevancy(
      localizePenalizedArchetypes(
        m.net,
        0,
        population,
        config.penalizedLocalization,
        m.rng.fork("penalized"),
      ),
    );
  const single = (name: string, f: (m: Member) => Float64Array) => perMember(name, f, false)[0];
  const pooled = (name: string, f: (m: Member) => Float64Array) =>
    ensembleRelevancy(perMember(name, f, true), config.stabilityTopN).relevancy;
  for (const method of wanted) {
    switch (method) {
      case "deepunhide-scaled":
        out.set(method, single("scaled", scaled));
        break;
      case "deepunhide-ensemble":
        out.set(method, pooled("paper", paper));
        break;
      case "deepunhide-scaled-ensemble":
        out.set(method, pooled("scaled", scaled));
        break;
      case "deepunhide-gradient":
        out.set(method, single("gradient", gradient));
        break;
      case "deepunhide-gradient-ensemble":
        out.set(method, pooled("gradient", gradient));
        break;
      case "deepunhide-contrast-ig":
        out.set(method, single("contrast", contrast));
        break;
      case "deepunhide-contrast-ig-ensemble":
        out.set(method, pooled("contrast", contrast));
        break;
      case "deepunhide-contrast-ig-rank-ensemble":
        out.set(method, meanRankRelevancy(perMember("contrast", contrast, true)));
        break;
      case "deepunhide-penalized":
        out.set(method, single("penalized", penalized));
        break;
      case "deepunhide-penalized-ensemble":
        out.set(method, pooled("penalized", penalized));
        break;
    }
  }
  return out;
}

/**
 * The training users' mean and sample standard deviation per factor, and each group's
 * centroid: what the penalized archetypes are kept close to and start from, and the scale
 * of the gradient relevancy.
 */
export function penalizedPopulation(
  factors: ArrayLike<number>,
  k: number,
  labels: Uint8Array,
  train: Int32Array,
): PenalizedPopulation & { readonly center: Float64Array; readonly scale: Float64Array } {
  const moments = columnMoments(factors, k, train, 1);
  const majority = train.filter((r) => labels[r] === 1);
  const minority = train.filter((r) => labels[r] === 0);
  return {
    center: moments.mean,
    scale: moments.variance.map((v) => (v > 0 ? Math.sqrt(v) : 0)),
    centroids: {
      majority: columnMoments(factors, k, majority).mean,
      minority: columnMoments(factors, k, minority).mean,
    },
  };
}
