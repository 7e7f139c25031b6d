import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Ratings } from "../../src/data/dataset.js";
import { globalMean, globalMeanRmse, rmse } from "../../src/mf/metrics.js";
import { fitPmf } from "../../src/mf/pmf.js";
import { splitRatings } from "../../src/mf/splitRatings.js";
import { createRng } from "../../src/util/rng.js";

const dataDir = process.env.DEEPUNHIDE_DATA;

/** Minimal u.data reader (TAB: user item rating timestamp, 1-based ids) for this test only. */
function readUData(path: string): Ratings {
  const lines = readFileSync(path, "utf8").trim().split("\n");
  const user = new Int32Array(lines.length);
  const item = new Int32Array(lines.length);
  const value = new Float32Array(lines.length);
  lines.forEach((line, r) => {
    const [u, i, v] = line.split("\t");
    user[r] = Number(u) - 1;
    item[r] = Number(i) - 1;
    value[r] = Number(v);
  });
  return { user, item, value };
}

describe.skipIf(!dataDir)("PMF on MovieLens 100K (needs DEEPUNHIDE_DATA)", () => {
  it("default config beats the global mean by at least 15 % test RMSE on a seeded 80/20 split", () => {
    const ratings = readUData(join(dataDir ?? "", "ml-100k", "u.data"));
    expect(ratings.value).toHaveLength(100_000);
    const { train, test } = splitRatings(ratings, 0.2, createRng(42));
    const model = fitPmf(train, 943, 1682, undefined, createRng(1));
    const baseline = globalMeanRmse(test, globalMean(train));
    const testRmse = rmse(test, model);
    console.info(
      `ML-100K PMF test RMSE ${testRmse.toFixed(4)}, global mean ${baseline.toFixed(4)}`,
    );
    expect(testRmse).toBeLessThan(0.85 * baseline);
    expect(rmse(train, model)).toBeLessThan(testRmse);
  });
});
