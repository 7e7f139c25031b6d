import { describe, expect, it } from "vitest";
import { createRng, permutation } from "../../src/util/rng.js";

describe("createRng", () => {
  it("gives the same stream for the same seed and a different one for another seed", () => {
    const a = createRng(123);
    const b = createRng(123);
    const c = createRng(124);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(xs);
  });

  it("draws uniforms in [0, 1) with the right mean and variance", () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("draws standard normals", () => {
    const rng = createRng(9);
    const n = 100_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sumSq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
  });

  it("int(n) covers 0..n-1 evenly", () => {
    const rng = createRng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("forks are deterministic, distinct by label, and independent of draws on the parent", () => {
    const parent = createRng(5);
    const f1 = parent.fork("mf").next();
    parent.next();
    parent.next();
    expect(parent.fork("mf").next()).toBe(f1);
    expect(parent.fork("nn").next()).not.toBe(f1);
  });

  it("fill draws exactly what next() would, interleaved with the other draws", () => {
    for (const seed of [0, 1, 7, 123456789, 0xffffffff]) {
      const a = createRng(seed);
      const b = createRng(seed);
      for (const size of [0, 1, 5, 320, 1000]) {
        const filled = new Float64Array(size);
        a.fill(filled);
        const drawn = Float64Array.from({ length: size }, () => b.next());
        expect(filled).toEqual(drawn);
        // The stream goes on in step through every other kind of draw.
        expect(a.int(1000)).toBe(b.int(1000));
        expect(a.normal()).toBe(b.normal());
        expect(a.next()).toBe(b.next());
      }
    }
  });

  it("rejects a non-integer seed", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
  });
});

describe("permutation", () => {
  it("is a permutation of 0..n-1", () => {
    const p = permutation(1000, createRng(1));
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(p)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
