/**
 * Issue 7 research harness: the DeepUnHide relevancy variants against the paper's method and
 * the baselines on ML-100K (stability across seeds and E2 at small N, paired by seed).
 * `npx tsx bench/variants.ts [dataDir] [seeds]` → bench/results/variants-ml-100k.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { loadMovieLens100k } from "../src/data/movielens100k.js";
import { runExperiments } from "../src/evaluate/experiments/runExperiments.js";
import { DEEPUNHIDE_VARIANTS, PAPER_RANKING_METHODS } from "../src/evaluate/experiments/types.js";
import { pairedComparison } from "../src/evaluate/statistics.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";

const dir = process.argv[2] ?? "/work/shared/data/ml-100k";
const seeds = Number(process.argv[3] ?? 10);
const ensembleMembers = Number(process.argv[4] ?? 5);
const ns = [5, 10, 20];
const dataset = await loadMovieLens100k(dir);
const pipeline = runPipeline(dataset, { seed: 42 });
const methods = [
  ...PAPER_RANKING_METHODS.filter((m) => m !== "pca-components" && m !== "pca-loadings"),
  ...DEEPUNHIDE_VARIANTS,
];
const started = performance.now();
const run = await runExperiments(pipeline, {
  seeds,
  e2Ns: ns,
  e1Ns: [5],
  e3Classifiers: [],
  workers: 2,
  methods,
  ensembleMembers,
});
console.log(
  `ensemble of ${ensembleMembers}; experiments: ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const baselines = ["logistic", "entropy", "centroid", "random"] as const;
const f = (x: number) => x.toFixed(3);
for (const [name, a] of Object.entries(run.document.attributes)) {
  console.log(
    `\n== ${name}: top-20 Jaccard across ${seeds} seeds (random ${f(a.stability.random.mean)})`,
  );
  for (const [method, s] of Object.entries(a.stability.byMethod ?? {}))
    console.log(`  ${method.padEnd(30)} ${f(s.mean)} ± ${f(s.std)}`);
  const values = (method: string, n: number) => {
    const cell = a.e2.cells.find((c) => c.method === method && c.n === n);
    if (cell === undefined) throw new Error(`${method}@${n}`);
    return cell.metrics.balancedAccuracy.values;
  };
  for (const n of ns) {
    console.log(`  -- E2 balanced accuracy, N = ${n}`);
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const best = [...baselines].sort((p, q) => mean(values(q, n)) - mean(values(p, n)))[0];
    for (const method of methods) {
      const v = values(method, n);
      const vs = baselines
        .filter((b) => b !== method)
        .map((b) => {
          const c = pairedComparison(v, values(b, n), b, "balancedAccuracy");
          return `${b} ${c.meanDifference >= 0 ? "+" : ""}${f(c.meanDifference)} [${f(c.ciLow)}, ${f(c.ciHigh)}]`;
        });
      console.log(
        `  ${method.padEnd(30)} ${f(mean(v))}  (best baseline ${best})  ${vs.join("  ")}`,
      );
    }
  }
}
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(
  new URL(`./results/variants-ml-100k-m${ensembleMembers}.json`, import.meta.url),
  `${JSON.stringify({ seeds, ensembleMembers, ns, methods, attributes: Object.fromEntries(Object.entries(run.document.attributes).map(([n, a]) => [n, { e2: a.e2, stability: a.stability }])) }, null, 1)}\n`,
);
