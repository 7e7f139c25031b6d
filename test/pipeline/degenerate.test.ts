/**
 * Degenerate data (issue 8): each case ends in a documented behaviour, either a clear error of
 * the project's own type or a handled case with a warning. README "Reliability" lists them.
 */

import { describe, expect, it } from "vitest";
import { centroidScores } from "../../src/baselines/centroidScores.js";
import { logisticScores } from "../../src/baselines/logisticScores.js";
import { mutualInformationScores } from "../../src/baselines/mutualInformationScores.js";
import { pcaLoadingScores } from "../../src/baselines/pca.js";
import { varianceScores } from "../../src/baselines/varianceScores.js";
import { generateSynthetic } from "../../src/data/synthetic.js";
import type { SyntheticConfig } from "../../src/data/syntheticConfig.js";
import { ConfigError, TrainingError } from "../../src/errors.js";
import type { RunConfig } from "../../src/pipeline/runConfig.js";
import { runPipeline } from "../../src/pipeline/runPipeline.js";
import { createRng } from "../../src/util/rng.js";

const SMALL: Partial<SyntheticConfig> = { users: 80, items: 60, ratings: 1600 };

function pipeline(data: Partial<SyntheticConfig>, run: Partial<RunConfig> = {}) {
  const { dataset } = generateSynthetic({ ...SMALL, ...data }, 3);
  return runPipeline(dataset, {
    mf: { k: 8, epochs: 3 },
    topN: 2,
    randomDraws: 0,
    ...run,
  });
}

describe("degenerate data", () => {
  it("a diverging learning rate stops with a TrainingError that names it", () => {
    expect(() => pipeline({}, { mf: { k: 8, epochs: 5, learningRate: 100 } })).toThrow(
      TrainingError,
    );
    expect(() => pipeline({}, { mf: { k: 8, epochs: 5, learningRate: 100 } })).toThrow(
      /learning rate 100/,
    );
  });

  it("all users in one group is a ConfigError naming the empty group", () => {
    expect(() => pipeline({ maleFraction: 1 })).toThrow(ConfigError);
    expect(() => pipeline({ maleFraction: 1 })).toThrow(/female group empty/);
  });

  it("a group with a single member runs, with warnings, and still gives both archetypes", () => {
    const result = pipeline({ maleFraction: 79 / 80 }, { attributes: ["gender"] });
    const labels = result.attributes.gender.labels;
    expect(labels.filter((l) => l === 0).length).toBe(1);
    expect(result.warnings.length).toBeGreaterThan(0);
    const { majority, minority } = result.attributes.gender.archetypes;
    expect(majority.vector.every(Number.isFinite)).toBe(true);
    expect(minority.vector.every(Number.isFinite)).toBe(true);
  });

  it("K larger than the number of items runs, with a warning", () => {
    const result = pipeline({}, { mf: { k: 70, epochs: 2 } });
    expect(result.warnings.some((w) => /K = 70 exceeds/.test(w))).toBe(true);
    expect(result.mf.model.userFactors.every(Number.isFinite)).toBe(true);
  });

  it("users with a single rating are kept and get finite factors", () => {
    const { dataset } = generateSynthetic({ ...SMALL, ratings: 300, minRatingsPerUser: 1 }, 3);
    const perUser = new Int32Array(dataset.users.ids.length);
    for (const u of dataset.ratings.user) perUser[u]++;
    expect(perUser.some((n) => n === 1)).toBe(true);
    const result = runPipeline(dataset, { mf: { k: 8, epochs: 3 }, topN: 2, randomDraws: 0 });
    expect(result.mf.model.userFactors.every(Number.isFinite)).toBe(true);
  });

  it("a factor with zero variance gets a finite score in every baseline, never the top one", () => {
    const users = 120;
    const k = 5;
    const rng = createRng(11);
    const x = new Float64Array(users * k);
    const labels = new Uint8Array(users);
    for (let u = 0; u < users; u++) {
      labels[u] = u % 3 === 0 ? 0 : 1;
      for (let j = 0; j < k; j++)
        x[u * k + j] = j === 2 ? 0.7 : rng.next() + (j === 0 ? labels[u] : 0);
    }
    const rows = Int32Array.from({ length: 100 }, (_, i) => i);
    const input = { x, k, labels, rows };
    const scores = {
      variance: varianceScores(input),
      centroid: centroidScores(input),
      logistic: logisticScores(input),
      entropy: mutualInformationScores(input, createRng(1)),
      pca: pcaLoadingScores(input),
    };
    for (const [name, s] of Object.entries(scores)) {
      expect(s.every(Number.isFinite), name).toBe(true);
      expect(s[2] < Math.max(...s), name).toBe(true);
    }
  });
});
