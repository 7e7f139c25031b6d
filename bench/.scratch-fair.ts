import { generateSynthetic } from "../src/data/synthetic.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";
import { modelFromPipeline } from "../src/io/modelFolder.js";
import { fairnessInput } from "../src/apply/fairnessInput.js";
import { fairnessSweep } from "../src/apply/fairnessSweep.js";
import { minorityItemScores } from "../src/apply/minorityItems.js";
import { itemRatingCounts, itemWeights } from "../src/evaluate/experiments/e4.js";
import { selectTopNPerGroup } from "../src/unhide/selectFactors.js";
import { rankDescending } from "../src/unhide/rankDescending.js";

const seed = Number(process.argv[2] ?? 7);
const { dataset, truth } = generateSynthetic({}, seed);
let t = performance.now();
const result = runPipeline(dataset, { seed: 42, randomDraws: 0 });
console.log("pipeline", ((performance.now() - t) / 1000).toFixed(1), "s", result.warnings);
const model = modelFromPipeline(result);
for (const attr of ["gender", "age"] as const) {
  const cls = attr === "gender" ? truth.itemGenderClass : truth.itemAgeClass;
  const a = result.attributes[attr];
  const counts = itemRatingCounts(dataset.ratings, a.labels, dataset.items.ids.length);
  const eligible: number[] = [];
  for (let i = 0; i < counts.total.length; i++) if (counts.total[i] >= 75) eligible.push(i);
  const k = result.mf.model.k;
  const top10 = (w: Float64Array) => Array.from(rankDescending(eligible.map((i) => w[i])).subarray(0, 10), (p) => eligible[p]);
  const count = (list: number[]) => list.filter((i) => cls[i] === -1).length;
  const sel = selectTopNPerGroup(a.profile.normalizedMajority, a.profile.normalizedMinority, 20);
  const wm = itemWeights(result.mf.model.itemFactors, k, a.profile.normalizedMinority, sel.minority);
  const contrast = minorityItemScores(result.mf.model.itemFactors, k, a.archetypes);
  const base = eligible.filter((i) => cls[i] === -1).length / eligible.length;
  console.log(attr, "eligible", eligible.length, "minority-class share", base.toFixed(2), "paper E4:", count(top10(wm)), "contrast:", count(top10(contrast)));
  t = performance.now();
  const sweep = fairnessSweep(fairnessInput(model, attr, "mem"), { alphas: [0, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5] });
  console.log("sweep", ((performance.now() - t) / 1000).toFixed(1), "s", JSON.stringify(sweep.leaningItems), JSON.stringify(sweep.heldOut));
  // agreement of leaning with construction
  for (const r of sweep.rows) {
    console.log(r.alpha, "rmse", r.rmse.overall.toFixed(3), r.rmse.majority.toFixed(3), r.rmse.minority.toFixed(3), "ndcg", r.ndcg.majority.toFixed(3), r.ndcg.minority.toFixed(3), "bp val", r.beyondParity.value.toFixed(3), "par", r.beyondParity.nonParity.toFixed(3), "exp all", r.exposure.allLists.minorityLeaning.exposureShare.toFixed(3), "/", r.exposure.allLists.minorityLeaning.itemShare.toFixed(3), "minLists", r.exposure.minorityLists.minorityLeaning.exposureShare.toFixed(3), "majLists", r.exposure.majorityLists.minorityLeaning.exposureShare.toFixed(3));
  }
}
