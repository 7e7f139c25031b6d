/**
 * Fairness against the synthetic dataset's planted item leanings, over data seeds: how many
 * of E4's top-10 minority items were built to lean to the minority, and the minority-leaning
 * items' exposure over α (the README's "Fairer recommendations" numbers).
 * `npx tsx bench/fairnessPlanted.ts [dataSeeds, e.g. 7,8]` → bench/results/fairness-planted.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { modelFairness } from "../src/apply/fairnessInput.js";
import { generateSynthetic } from "../src/data/synthetic.js";
import { runE4 } from "../src/evaluate/experiments/e4.js";
import { modelFromPipeline } from "../src/io/modelFolder.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";

const dataSeeds = (process.argv[2] ?? "7,8").split(",").map(Number);
const alphas = [0, 0.25, 0.5, 1, 1.5, 2];
const out: Record<string, unknown>[] = [];
for (const dataSeed of dataSeeds) {
  const { dataset, truth } = generateSynthetic({}, dataSeed);
  const result = runPipeline(dataset, { seed: 42, randomDraws: 0 });
  const model = modelFromPipeline(result);
  for (const [attribute, classes] of [
    ["gender", truth.itemGenderClass],
    ["age", truth.itemAgeClass],
  ] as const) {
    const a = result.attributes[attribute];
    const e4 = runE4({
      dataset,
      itemFactors: result.mf.model.itemFactors,
      normalizedMajority: a.profile.normalizedMajority,
      normalizedMinority: a.profile.normalizedMinority,
      labels: a.labels,
    });
    const builtMinority = e4.minorityItems.filter(
      (item) => classes[dataset.items.index.get(item.item) as number] === -1,
    ).length;
    const sweep = modelFairness(model, attribute, "synthetic", { alphas });
    const row = {
      dataSeed,
      attribute,
      e4MinorityTop10BuiltMinority: builtMinority,
      exposure: sweep.rows.map((r) => ({
        alpha: r.alpha,
        rmse: r.rmse.overall,
        minorityLeaningShare: r.exposure.allLists.minorityLeaning.exposureShare,
        parity: r.exposure.allLists.minorityLeaning.itemShare,
      })),
    };
    out.push(row);
    console.log(JSON.stringify(row));
  }
}
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/fairness-planted.json", `${JSON.stringify(out, null, 2)}\n`);
