import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { rmse } from "../../src/mf/metrics.js";
import { fitPmf, type PmfConfig } from "../../src/mf/pmf.js";
import { sgdEpoch } from "../../src/mf/sgdEpoch.js";
import { splitRatings } from "../../src/mf/splitRatings.js";
import { openWasmSgdSession, wasmPmfAvailable } from "../../src/mf/wasmSgd.js";
import { createRng } from "../../src/util/rng.js";
import { plantedRatings } from "./plantedRatings.js";

const USERS = 120;
const ITEMS = 90;
const planted = plantedRatings(USERS, ITEMS, 3, 0.5, 0.1, 11);
const { train, test } = splitRatings(planted, 0.2, createRng(1));

/**
 * How far the f32 SIMD kernel may drift from the f64-accumulating reference. Measured: after
 * 5–60 epochs the largest factor difference is 1–4e-6 on this data (factors up to 2.7 in size)
 * and 2e-5 on the synthetic ML-100K-shaped data; the test RMSEs agree to 2e-6. The bounds
 * leave a margin of 10× yet sit far below anything a rounding-order change could hide: one
 * wrong index, sign or step would move factors by 1e-2 or more.
 */
const FACTOR_TOLERANCE = 5e-5;
const RMSE_TOLERANCE = 2e-5;

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let x = 0; x < a.length; x++) max = Math.max(max, Math.abs(a[x] - b[x]));
  return max;
}

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

describe("the WebAssembly PMF kernel", () => {
  it("is available on this host (Node ≥ 16.4 has WebAssembly SIMD)", () => {
    expect(wasmPmfAvailable()).toBe(true);
  });

  it("does one epoch's arithmetic as the TypeScript sgdEpoch, up to f32 rounding", () => {
    // K = 10 exercises both the f32x4 lanes and the scalar tail.
    const k = 10;
    const init = createRng(3);
    const p = Float32Array.from({ length: USERS * k }, () => init.uniform(-0.5, 0.5));
    const q = Float32Array.from({ length: ITEMS * k }, () => init.uniform(-0.5, 0.5));
    const n = planted.value.length;
    const session = openWasmSgdSession(n, USERS, ITEMS, k);
    expect(session).not.toBeNull();
    if (session === null) return;
    try {
      session.user.set(planted.user);
      session.item.set(planted.item);
      session.value.set(planted.value);
      session.userFactors.set(p);
      session.itemFactors.set(q);
      const wasmSse = session.epoch(0.02, 0.05);
      const jsSse = sgdEpoch(p, q, k, planted.user, planted.item, planted.value, n, 0.02, 0.05);
      expect(Math.abs(wasmSse - jsSse) / jsSse).toBeLessThan(1e-5);
      expect(maxDifference(session.userFactors, p)).toBeLessThan(1e-5);
      expect(maxDifference(session.itemFactors, q)).toBeLessThan(1e-5);
      // The update really happened (the comparison above is not between two copies of init).
      const fresh = createRng(3);
      expect(Math.abs(p[0] - Math.fround(fresh.uniform(-0.5, 0.5)))).toBeGreaterThan(1e-3);
    } finally {
      session.release();
    }
  });

  it.each([
    { k: 10, epochs: 5, learningRate: 0.02, regularization: 0.02 },
    { k: 8, epochs: 60, learningRate: 0.02, regularization: 0.02 },
    { k: 100, epochs: 40 },
  ] satisfies Partial<PmfConfig>[])(
    "gives the reference's factors and RMSE within tolerance (%o)",
    (config) => {
      const wasm = fitPmf(train, USERS, ITEMS, { ...config, kernel: "wasm" }, createRng(2));
      const js = fitPmf(train, USERS, ITEMS, { ...config, kernel: "js" }, createRng(2));
      expect(maxDifference(wasm.userFactors, js.userFactors)).toBeLessThan(FACTOR_TOLERANCE);
      expect(maxDifference(wasm.itemFactors, js.itemFactors)).toBeLessThan(FACTOR_TOLERANCE);
      expect(Math.abs(rmse(test, wasm) - rmse(test, js))).toBeLessThan(RMSE_TOLERANCE);
      expect(Math.abs(rmse(train, wasm) - rmse(train, js))).toBeLessThan(RMSE_TOLERANCE);
      for (let e = 0; e < js.history.length; e++) {
        expect(Math.abs(wasm.history[e].trainRmse - js.history[e].trainRmse)).toBeLessThan(
          RMSE_TOLERANCE,
        );
      }
      // Different seeds differ by far more than the tolerance: the bound above is meaningful.
      const other = fitPmf(train, USERS, ITEMS, { ...config, kernel: "js" }, createRng(3));
      expect(maxDifference(other.userFactors, js.userFactors)).toBeGreaterThan(
        100 * FACTOR_TOLERANCE,
      );
    },
  );

  it.each(["wasm", "js"] as const)("is deterministic per seed (kernel %s)", (kernel) => {
    const config = { k: 12, epochs: 6, kernel };
    const a = fitPmf(train, USERS, ITEMS, config, createRng(7));
    const b = fitPmf(train, USERS, ITEMS, config, createRng(7));
    const c = fitPmf(train, USERS, ITEMS, config, createRng(8));
    expect(bytesOf(a.userFactors)).toEqual(bytesOf(b.userFactors));
    expect(bytesOf(a.itemFactors)).toEqual(bytesOf(b.itemFactors));
    expect(a.history).toEqual(b.history);
    expect(bytesOf(a.userFactors)).not.toEqual(bytesOf(c.userFactors));
  });

  it("reuses its memory across fits: a fit after a larger one equals a fresh fit", () => {
    const config = { k: 16, epochs: 3, kernel: "wasm" as const };
    const before = fitPmf(train, USERS, ITEMS, config, createRng(5));
    fitPmf(planted, USERS, ITEMS, { k: 64, epochs: 2, kernel: "wasm" }, createRng(6));
    const after = fitPmf(train, USERS, ITEMS, config, createRng(5));
    expect(bytesOf(after.userFactors)).toEqual(bytesOf(before.userFactors));
    expect(bytesOf(after.itemFactors)).toEqual(bytesOf(before.itemFactors));
    // The returned factors are copies, not views of kernel memory the next fit overwrites.
    expect(after.userFactors.buffer).not.toBe(before.userFactors.buffer);
  });

  it("runs a fit started while another holds the kernel on the TypeScript path", () => {
    const config = { k: 6, epochs: 2 };
    let nested: Float32Array | undefined;
    let nestedKernel: string | undefined;
    fitPmf(train, USERS, ITEMS, { ...config, epochs: 1, kernel: "wasm" }, createRng(1), () => {
      const inner = fitPmf(train, USERS, ITEMS, { ...config, kernel: "wasm" }, createRng(9));
      nested = inner.userFactors;
      nestedKernel = inner.kernel;
    });
    const js = fitPmf(train, USERS, ITEMS, { ...config, kernel: "js" }, createRng(9));
    expect(nested && bytesOf(nested)).toEqual(bytesOf(js.userFactors));
    expect(nestedKernel).toBe("js");
  });

  it("rejects an unknown kernel with a ConfigError", () => {
    expect(() => fitPmf(train, USERS, ITEMS, { kernel: "gpu" as "js" }, createRng(1))).toThrow(
      ConfigError,
    );
  });
});
