import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMovieLens100k } from "../../src/data/movielens100k.js";
import { spearman } from "../../src/evaluate/spearman.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

const dataRoot = process.env.DEEPUNHIDE_DATA;

// Real MovieLens 100K, read from DEEPUNHIDE_DATA (CI sets it to ../shared/data).
describe.skipIf(dataRoot === undefined)("the item side on real MovieLens 100K", () => {
  let result: PipelineResult;

  beforeAll(async () => {
    const dataset = await loadMovieLens100k(join(dataRoot as string, "ml-100k"));
    result = runPipeline(dataset, { seed: 42, randomDraws: 0 });
  }, 120_000);

  it("reports every genre's output beside its floor, and the factors carry some genres", () => {
    const items = result.items!;
    for (const g of items.genres) {
      const t = g.classifier.test;
      console.log(
        `ML-100K genre ${g.name.padEnd(11)} ${String(g.items.with).padStart(3)} items: AUC ${t.auc.toFixed(3)}, balanced accuracy ${t.balancedAccuracy.toFixed(3)}, accuracy ${t.accuracy.toFixed(3)} vs floor ${t.majorityFloor.toFixed(3)}; top factors ${Array.from(g.topFactors).join(", ")}`,
      );
    }
    expect(items.skipped.map((g) => g.name)).toContain("unknown");
    const auc = (name: string) => items.genres.find((g) => g.name === name)!.classifier.test.auc;
    for (const name of ["Drama", "Children's", "Horror", "Sci-Fi"])
      expect(auc(name)).toBeGreaterThan(0.7);
  });

  it("gives genres that share items similar factor profiles", () => {
    // Over all pairs of profiled genres: the more items two genres share (Jaccard over the
    // included items), the more alike their relevancy over the factors (rank correlation). Nothing in the method
    // ties the outputs together but the items, so this checks that the profiles read the items.
    const items = result.items!;
    const genres = result.dataset.itemAttributes.genres!;
    const g = genres.names.length;
    const sets = items.genres.map(
      (genre) =>
        new Set([...items.items.included].filter((i) => genres.matrix[i * g + genre.index] === 1)),
    );
    const overlap: number[] = [];
    const alike: number[] = [];
    for (let a = 0; a < sets.length; a++) {
      for (let b = a + 1; b < sets.length; b++) {
        const both = [...sets[a]].filter((i) => sets[b].has(i)).length;
        overlap.push(both / (sets[a].size + sets[b].size - both));
        alike.push(spearman(items.genres[a].profile.relevancy, items.genres[b].profile.relevancy));
      }
    }
    const rho = spearman(Float64Array.from(overlap), Float64Array.from(alike));
    console.log(
      `ML-100K genre pairs: Spearman(shared items, relevancy rank correlation) = ${rho.toFixed(3)} over ${overlap.length} pairs`,
    );
    // 0.18 is the two-sided 5% critical value for 120 pairs.
    expect(rho).toBeGreaterThan(0.18);
  });
});
