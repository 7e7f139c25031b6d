/**
 * The two fairness levers side by side, the paper's re-weighting and the archetype shift: the
 * minority-leaning items' share of exposure against parity, and the held-out RMSE, over α, on
 * synthetic data (one pipeline per data seed) and on saved model folders (e.g. ML-100K).
 * `npx tsx bench/fairnessShift.ts [dataSeeds, e.g. 7,8] [model folder …]`
 * → bench/results/fairness-shift.json.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { modelFairness } from "../src/apply/fairnessInput.js";
import { FAIRNESS_METHODS } from "../src/apply/fairnessSweep.js";
import { generateSynthetic } from "../src/data/synthetic.js";
import { type LoadedModel, loadModelFolder, modelFromPipeline } from "../src/io/modelFolder.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";

const dataSeeds = (process.argv[2] ?? "7").split(",").filter(Boolean).map(Number);
const folders = process.argv.slice(3);
const alphas = [0, 0.1, 0.25, 0.5, 1, 2];
const out: Record<string, unknown>[] = [];

function measure(source: string, model: LoadedModel): void {
  for (const attribute of model.manifest.attributes.map((a) => a.name)) {
    for (const method of FAIRNESS_METHODS) {
      const sweep = modelFairness(model, attribute, source, { alphas, method });
      const row = {
        source,
        attribute,
        method,
        rows: sweep.rows.map((r) => ({
          alpha: r.alpha,
          rmse: r.rmse.overall,
          rmseMajority: r.rmse.majority,
          rmseMinority: r.rmse.minority,
          ndcgMajority: r.ndcg.majority,
          ndcgMinority: r.ndcg.minority,
          beyondParityValue: r.beyondParity.value,
          minorityLeaningShare: r.exposure.allLists.minorityLeaning.exposureShare,
          parity: r.exposure.allLists.minorityLeaning.itemShare,
        })),
      };
      out.push(row);
      console.log(JSON.stringify(row));
    }
  }
}

for (const dataSeed of dataSeeds) {
  const { dataset } = generateSynthetic({}, dataSeed);
  measure(
    `synthetic-${dataSeed}`,
    modelFromPipeline(runPipeline(dataset, { seed: 42, randomDraws: 0 })),
  );
}
for (const folder of folders) measure(folder, await loadModelFolder(folder));
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/fairness-shift.json", `${JSON.stringify(out, null, 2)}\n`);
