/**
 * Issue 7 research harness: the DeepUnHide relevancy variants against the paper's method and
 * every baseline on ML-100K or the synthetic data: stability across paired seeds (new split
 * and classifier per seed) and across classifier seeds on one split, E2 at N ≤ 20 paired by
 * seed, E3 at N = 50 with the four classifiers, and the archetype usability check.
 * `npx tsx bench/variants.ts [ml-100k dir | synthetic] [seeds] [members] [sampling] [variants,…] [workers]`
 * → bench/results/variants-<dataset>-m<members>-<sampling>.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { loadMovieLens100k } from "../src/data/movielens100k.js";
import { generateSynthetic } from "../src/data/synthetic.js";
import type { EnsembleSampling } from "../src/evaluate/experiments/experimentConfig.js";
import { runExperiments } from "../src/evaluate/experiments/runExperiments.js";
import {
  DEEPUNHIDE_VARIANTS,
  type DeepUnhideVariant,
  PAPER_RANKING_METHODS,
} from "../src/evaluate/experiments/types.js";
import { pairedComparison } from "../src/evaluate/statistics.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";

const source = process.argv[2] ?? "/work/shared/data/ml-100k";
const seeds = Number(process.argv[3] ?? 10);
const ensembleMembers = Number(process.argv[4] ?? 15);
const ensembleSampling = (process.argv[5] ?? "none") as EnsembleSampling;
const variants = (process.argv[6]?.split(",") ?? DEEPUNHIDE_VARIANTS) as DeepUnhideVariant[];
const workers = Number(process.argv[7] ?? 1);
const ns = [5, 10, 15, 20];
const synthetic = source === "synthetic";
const dataset = synthetic ? generateSynthetic({}, 7).dataset : await loadMovieLens100k(source);
const pipeline = runPipeline(dataset, { seed: 42 });
const baselines = PAPER_RANKING_METHODS.filter((m) => m !== "deepunhide");
const methods = [...PAPER_RANKING_METHODS, ...variants];
const started = performance.now();
const run = await runExperiments(pipeline, {
  seeds,
  e2Ns: ns,
  e1Ns: [5],
  workers,
  methods,
  ensembleMembers,
  ensembleSampling,
});
const label = `${synthetic ? "synthetic" : "ml-100k"}-m${ensembleMembers}-${ensembleSampling}`;
console.log(`${label}, ${seeds} seeds: ${((performance.now() - started) / 1000).toFixed(1)} s`);
const f = (x: number) => x.toFixed(3);
const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const comparisons: Record<string, unknown>[] = [];
for (const [name, a] of Object.entries(run.document.attributes)) {
  const fixed = a.stability.classifierSeeds?.byMethod ?? {};
  console.log(`\n== ${name}: top-20 Jaccard (random ${f(a.stability.random.mean)})`);
  console.log(`  ${"method".padEnd(38)} paired-seeds  classifier-seeds`);
  for (const [method, s] of Object.entries(a.stability.byMethod ?? {})) {
    const c = fixed[method as DeepUnhideVariant];
    console.log(`  ${method.padEnd(38)} ${f(s.mean)}        ${c ? f(c.mean) : "  –  "}`);
  }
  for (const u of a.usability ?? [])
    console.log(
      `  usability ${u.method}: scores ${f(u.majorityScore)}/${f(u.minorityScore)} own groups ${u.ownGroups}, E4 Spearman ${f(u.e4Spearman)}`,
    );
  const values = (method: string, n: number) => {
    const cell = a.e2.cells.find((c) => c.method === method && c.n === n);
    if (cell === undefined) throw new Error(`${method}@${n}`);
    return cell.metrics.balancedAccuracy.values;
  };
  for (const n of ns) {
    const best = [...baselines].sort((p, q) => mean(values(q, n)) - mean(values(p, n)))[0];
    console.log(
      `  -- E2 balanced accuracy, N = ${n} (best baseline ${best} ${f(mean(values(best, n)))})`,
    );
    for (const method of ["deepunhide", ...variants]) {
      const v = values(method, n);
      const vs = baselines.map((b) => {
        const c = pairedComparison(v, values(b, n), b, "balancedAccuracy");
        comparisons.push({ attribute: name, factors: n, method, ...c, best: b === best });
        const mark = c.ciLow > 0 ? "+" : c.ciHigh < 0 ? "-" : "=";
        return `${b}${mark}${f(c.meanDifference)}`;
      });
      const c = pairedComparison(v, values(best, n), best, "balancedAccuracy");
      console.log(
        `  ${method.padEnd(38)} ${f(mean(v))} vs best ${c.meanDifference >= 0 ? "+" : ""}${f(c.meanDifference)} [${f(c.ciLow)}, ${f(c.ciHigh)}]  ${vs.join(" ")}`,
      );
    }
  }
}
for (const [name, a] of Object.entries(run.document.attributes)) {
  console.log(
    `\n== ${name}: E3 at N = ${a.e3.n}, balanced accuracy, variant − ranking [95% interval]`,
  );
  for (const c of a.e3.variantComparisons ?? []) {
    if (c.metric !== "balancedAccuracy") continue;
    const mark = c.ciLow > 0 ? "wins" : c.ciHigh < 0 ? "loses" : "ties";
    console.log(
      `  ${c.classifier.padEnd(14)} ${c.variant.padEnd(34)} vs ${c.against.padEnd(22)} ${f(c.meanDifference)} [${f(c.ciLow)}, ${f(c.ciHigh)}] ${mark}`,
    );
  }
}
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL(`./results/variants-${label}.json`, import.meta.url),
  `${JSON.stringify(
    {
      seeds,
      ensembleMembers,
      ensembleSampling,
      ns,
      methods,
      comparisons,
      attributes: Object.fromEntries(
        Object.entries(run.document.attributes).map(([n, a]) => [
          n,
          { e2: a.e2, e3: a.e3, stability: a.stability, usability: a.usability },
        ]),
      ),
    },
    null,
    1,
  )}\n`,
);
