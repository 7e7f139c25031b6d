import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import {
  allocateStrata,
  capUserSplit,
  stratifiedSplit,
  stratifiedSubsample,
} from "../../src/evaluate/stratifiedSplit.js";
import { createRng } from "../../src/util/rng.js";

function randomStrata(n: number, k: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = new Int32Array(n);
  // Skewed stratum sizes, like gender × age on ML-100K.
  for (let i = 0; i < n; i++) out[i] = Math.min(k - 1, Math.floor(k * rng.next() ** 2));
  return out;
}

describe("allocateStrata", () => {
  it("is largest-remainder rounding for a single stratum", () => {
    // 0.7·943 = 660.1, 0.1·943 = 94.3, 0.2·943 = 188.6 → floors 660, 94, 188, one left for part 2
    expect(allocateStrata([943], [0.7, 0.1, 0.2])).toEqual([[660, 94, 189]]);
    expect(allocateStrata([10], [0.7, 0.1, 0.2])).toEqual([[7, 1, 2]]);
  });

  it("keeps every part within floor..ceil of its share of each stratum and the total", () => {
    const fractions = [0.7, 0.1, 0.2];
    for (let seed = 0; seed < 20; seed++) {
      const rng = createRng(seed);
      const sizes = Array.from({ length: 1 + rng.int(12) }, () => 1 + rng.int(30));
      const counts = allocateStrata(sizes, fractions);
      const totals = [0, 0, 0];
      counts.forEach((row, s) => {
        expect(row.reduce((a, b) => a + b, 0)).toBe(sizes[s]);
        row.forEach((c, p) => {
          expect(c).toBeGreaterThanOrEqual(Math.floor(fractions[p] * sizes[s]));
          expect(c).toBeLessThanOrEqual(Math.ceil(fractions[p] * sizes[s]));
          totals[p] += c;
        });
      });
      const n = sizes.reduce((a, b) => a + b, 0);
      totals.forEach((t, p) => {
        expect(Math.abs(t - fractions[p] * n)).toBeLessThan(1.5);
      });
    }
  });

  it("does not round every tiny stratum into the largest part", () => {
    const counts = allocateStrata([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [0.7, 0.1, 0.2]);
    const totals = [0, 1, 2].map((p) => counts.reduce((a, row) => a + row[p], 0));
    expect(totals).toEqual([7, 1, 2]);
  });
});

describe("stratifiedSplit", () => {
  const strata = randomStrata(943, 4, 1);
  const fractions = [0.7, 0.1, 0.2];

  it("returns disjoint sorted parts covering every index", () => {
    const parts = stratifiedSplit(strata, fractions, createRng(7));
    expect(parts).toHaveLength(3);
    const seen = new Uint8Array(strata.length);
    for (const part of parts) {
      for (let k = 0; k < part.length; k++) {
        if (k > 0) expect(part[k]).toBeGreaterThan(part[k - 1]);
        seen[part[k]]++;
      }
    }
    expect(seen.every((v) => v === 1)).toBe(true);
    parts.forEach((part, p) => {
      expect(Math.abs(part.length - fractions[p] * strata.length)).toBeLessThan(1.5);
    });
  });

  it("gives each part its share of every stratum", () => {
    const parts = stratifiedSplit(strata, fractions, createRng(7));
    for (let s = 0; s < 4; s++) {
      const size = strata.filter((v) => v === s).length;
      parts.forEach((part, p) => {
        const count = part.filter((i) => strata[i] === s).length;
        expect(Math.abs(count - fractions[p] * size)).toBeLessThan(1);
      });
    }
  });

  it("is deterministic per seed and changes with the seed", () => {
    const a = stratifiedSplit(strata, fractions, createRng(3));
    const b = stratifiedSplit(strata, fractions, createRng(3));
    const c = stratifiedSplit(strata, fractions, createRng(4));
    expect(a).toEqual(b);
    expect(a[2]).not.toEqual(c[2]);
  });

  it("accepts arbitrary (negative, sparse) stratum ids", () => {
    const ids = Int32Array.from([-5, 100, -5, 100, 7, 7, 7, 7, -5, 100]);
    const parts = stratifiedSplit(ids, [0.5, 0.5], createRng(1));
    expect(parts[0].length + parts[1].length).toBe(10);
    for (const id of [-5, 100, 7]) {
      const inFirst = Array.from(parts[0]).filter((i) => ids[i] === id).length;
      const size = ids.filter((v) => v === id).length;
      expect(Math.abs(inFirst - size / 2)).toBeLessThanOrEqual(0.5);
    }
  });

  it("rejects fractions that are negative or do not sum to 1", () => {
    expect(() => stratifiedSplit(strata, [0.7, 0.2], createRng(1))).toThrow(ConfigError);
    expect(() => stratifiedSplit(strata, [1.2, -0.2], createRng(1))).toThrow(ConfigError);
  });
});

describe("stratifiedSubsample", () => {
  const strata = randomStrata(2000, 4, 9);
  const rows = Int32Array.from({ length: 1500 }, (_, r) => 2 * r - (r >= 1000 ? 1999 : 0)).sort();

  it("returns the rows themselves, drawing nothing, when they are within the size", () => {
    const rng = createRng(1);
    expect(stratifiedSubsample(strata, rows, 1500, rng)).toBe(rows);
    expect(rng.next()).toBe(createRng(1).next());
  });

  it("keeps about `size` of the rows, sorted, distinct, with each stratum's share", () => {
    const kept = stratifiedSubsample(strata, rows, 300, createRng(2));
    expect(Math.abs(kept.length - 300)).toBeLessThanOrEqual(1);
    const inRows = new Set(rows);
    expect(new Set(kept).size).toBe(kept.length);
    expect([...kept].every((r) => inRows.has(r))).toBe(true);
    expect([...kept]).toEqual([...kept].sort((a, b) => a - b));
    for (let s = 0; s < 4; s++) {
      const among = (list: Int32Array) => list.filter((r) => strata[r] === s).length;
      // Within floor..ceil of the stratum's exact share.
      expect(Math.abs(among(kept) - (among(rows) * 300) / 1500)).toBeLessThan(1);
    }
  });

  it("is deterministic per seed and changes with the seed", () => {
    const a = stratifiedSubsample(strata, rows, 300, createRng(3));
    expect(stratifiedSubsample(strata, rows, 300, createRng(3))).toEqual(a);
    expect(stratifiedSubsample(strata, rows, 300, createRng(4))).not.toEqual(a);
  });
});

describe("capUserSplit", () => {
  const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 < 7 ? 1 : 0));
  const [train, validation, test] = stratifiedSplit(labels, [0.7, 0.1, 0.2], createRng(1));
  const split = { train, validation, test };

  it("returns the split itself when it is within the cap", () => {
    expect(capUserSplit(split, labels, 1000, createRng(2))).toBe(split);
  });

  it("shrinks training and validation in proportion, within each part and class, and keeps the test users", () => {
    const capped = capUserSplit(split, labels, 400, createRng(2));
    expect(capped.test).toBe(test);
    expect(capped.train).toHaveLength(280);
    expect(capped.validation).toHaveLength(40);
    const inPart = (part: Int32Array, of: Int32Array) => {
      const set = new Set(of);
      return [...part].every((r) => set.has(r));
    };
    expect(inPart(capped.train, train)).toBe(true);
    expect(inPart(capped.validation, validation)).toBe(true);
    const majority = (rows: Int32Array) => rows.filter((r) => labels[r] === 1).length / rows.length;
    expect(majority(capped.train)).toBeCloseTo(0.7, 2);
    expect(majority(capped.validation)).toBeCloseTo(0.7, 2);
    expect(capUserSplit(split, labels, 400, createRng(2))).toEqual(capped);
  });
});
