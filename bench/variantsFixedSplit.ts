/**
 * Issue 7: stability across CLASSIFIER seeds alone. One stratified user split (seed 42's, as
 * in the paired seeds), the MLN retrained with `seeds` initialization streams, each variant's
 * top-20 compared over all pairs. A deterministic ranking of the training users (logistic,
 * centroid) scores 1 here; the paired-seed harness (bench/variants.ts) also moves the split.
 * `npx tsx bench/variantsFixedSplit.ts [dataDir] [seeds] [ensembleMembers] [bootstrap|balanced] [methods,…]`
 */

import { loadMovieLens100k } from "../src/data/movielens100k.js";
import { computeVariantRelevancies } from "../src/evaluate/experiments/deepunhideVariants.js";
import {
  type EnsembleSampling,
  resolveExperimentConfig,
} from "../src/evaluate/experiments/experimentConfig.js";
import { jaccard } from "../src/evaluate/experiments/stability.js";
import { DEEPUNHIDE_VARIANTS, type DeepUnhideVariant } from "../src/evaluate/experiments/types.js";
import { summarizeSeeds } from "../src/evaluate/statistics.js";
import { stratifiedSplit } from "../src/evaluate/stratifiedSplit.js";
import { fitClassifier } from "../src/nn/fitClassifier.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";
import { localizeArchetypes } from "../src/unhide/localizeArchetype.js";
import { buildFactorProfile } from "../src/unhide/profile.js";
import { rankDescending } from "../src/unhide/rankDescending.js";
import { createRng } from "../src/util/rng.js";

const dir = process.argv[2] ?? "/work/shared/data/ml-100k";
const seeds = Number(process.argv[3] ?? 10);
const ensembleMembers = Number(process.argv[4] ?? 5);
const ensembleSampling = (process.argv[5] ?? "bootstrap") as EnsembleSampling;
const variants = (process.argv[6]?.split(",") ?? DEEPUNHIDE_VARIANTS) as DeepUnhideVariant[];
const pipeline = runPipeline(await loadMovieLens100k(dir), { seed: 42 });
const factors = pipeline.mf.model.userFactors;
const k = pipeline.mf.model.k;
const config = resolveExperimentConfig(
  { methods: ["deepunhide", ...variants], ensembleMembers, ensembleSampling },
  k,
);
for (const [name, attribute] of Object.entries(pipeline.attributes)) {
  const labels = attribute.labels;
  const [train, validation] = stratifiedSplit(labels, [0.7, 0.1, 0.2], createRng(42).fork("split"));
  const tops = new Map<string, Int32Array[]>();
  const push = (method: string, relevancy: ArrayLike<number>) => {
    const list = tops.get(method) ?? [];
    list.push(rankDescending(relevancy).subarray(0, 20));
    tops.set(method, list);
  };
  for (let s = 0; s < seeds; s++) {
    const rng = createRng(1000 + s);
    const fitted = fitClassifier(
      factors,
      [labels],
      { train, validation },
      { trackTrainingMetrics: false },
      rng.fork("classifier"),
    );
    const archetypes = localizeArchetypes(fitted.net, 0, {}, rng.fork("localization"));
    push(
      "deepunhide",
      buildFactorProfile(archetypes.majority.vector, archetypes.minority.vector).relevancy,
    );
    const variants = computeVariantRelevancies({
      factors,
      k,
      labels,
      split: { train, validation },
      net: fitted.net,
      archetypes,
      config,
      rng: rng.fork("variants"),
    });
    for (const [method, relevancy] of variants) push(method, relevancy);
  }
  console.log(
    `== ${name}: top-20 Jaccard over ${seeds} classifier seeds, one split, ensemble of ${ensembleMembers} (${ensembleSampling})`,
  );
  for (const [method, list] of tops) {
    const values: number[] = [];
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) values.push(jaccard(list[a], list[b]));
    const s = summarizeSeeds(values);
    console.log(`  ${method.padEnd(30)} ${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`);
  }
}
