import { describe, expect, it } from "vitest";
import { TrainingError } from "../../src/errors.js";
import {
  type ClassifierConfig,
  type FitClassifierResult,
  fitClassifier,
} from "../../src/nn/fitClassifier.js";
import { mlnKernel } from "../../src/nn/wasmKernel.js";
import { createRng } from "../../src/util/rng.js";
import { randomRows } from "./helpers.js";

/** n rows in R^d (offset, uneven scales) and two labels, for any d ≥ 1. */
function data(n: number, d: number, seed: number) {
  const x = randomRows(n, d, seed);
  for (let i = 0; i < x.length; i++) x[i] = (i % d) * 0.5 - 0.3 + x[i] * (1 + (i % 3));
  const rng = createRng(seed + 1);
  const y1 = new Uint8Array(n);
  const y2 = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = x[i * d];
    const b = x[i * d + (d - 1)];
    y1[i] = a + 0.5 * rng.normal() > 0 ? 1 : 0;
    y2[i] = a * b + 0.5 * rng.normal() > 0.2 ? 1 : 0;
  }
  return { x, y1, y2 };
}

function split(n: number, validation: number): { train: Int32Array; validation: Int32Array } {
  const order = Int32Array.from({ length: n }, (_, i) => (i * 7919) % n); // n prime to 7919
  return { train: order.slice(validation), validation: order.slice(0, validation) };
}

function fitBoth(
  shape: { n: number; d: number; outputs: 1 | 2; validation: number },
  config: Partial<ClassifierConfig>,
  seed = 5,
): [FitClassifierResult, FitClassifierResult] {
  const { x, y1, y2 } = data(shape.n, shape.d, seed);
  const targets = shape.outputs === 1 ? [y1] : [y1, y2];
  const s = split(shape.n, shape.validation);
  const train = (kernel: "wasm" | "js") =>
    fitClassifier(x, targets, s, { ...config, kernel }, createRng(seed + 100));
  return [train("wasm"), train("js")];
}

function expectIdentical(a: FitClassifierResult, b: FitClassifierResult): void {
  expect(a.net.w1).toEqual(b.net.w1);
  expect(a.net.b1).toEqual(b.net.b1);
  expect(a.net.w2).toEqual(b.net.w2);
  expect(a.net.b2).toEqual(b.net.b2);
  expect(a.history).toEqual(b.history);
  expect(a.bestEpoch).toBe(b.bestEpoch);
  // toEqual treats +0 and −0 alike; the bits must match too.
  const bits = (r: FitClassifierResult) =>
    [r.net.w1, r.net.b1, r.net.w2, r.net.b2].map((p) => Array.from(new Uint32Array(p.buffer)));
  expect(bits(a)).toEqual(bits(b));
}

describe("the WebAssembly MLN kernel", () => {
  it("is available on this Node (WebAssembly SIMD)", () => {
    expect(mlnKernel()).not.toBeNull();
  });

  const cases: [string, { n: number; d: number; outputs: 1 | 2; validation: number }][] = [
    ["1 input, 1 output", { n: 211, d: 1, outputs: 1, validation: 30 }],
    ["3 inputs, 2 outputs", { n: 211, d: 3, outputs: 2, validation: 30 }],
    ["5 inputs, 1 output", { n: 307, d: 5, outputs: 1, validation: 40 }],
    ["5 inputs, 2 outputs", { n: 307, d: 5, outputs: 2, validation: 40 }],
    ["50 inputs, 1 output", { n: 307, d: 50, outputs: 1, validation: 40 }],
    ["100 inputs, 2 outputs", { n: 307, d: 100, outputs: 2, validation: 40 }],
  ];
  for (const [name, shape] of cases) {
    for (const dropout of [0, 0.3]) {
      it(`gives the TypeScript path's net and history: ${name}, dropout ${dropout}`, () => {
        const [a, b] = fitBoth(shape, { dropout, epochs: 60, patience: 8 });
        expect(a.history.length).toBeGreaterThan(1);
        expectIdentical(a, b);
      });
    }
  }

  it("matches with batch remainders, odd hidden sizes and odd input counts", () => {
    for (const [d, hiddenSize, batchSize] of [
      [7, 5, 7],
      [13, 3, 10],
      [6, 11, 32],
      [2, 1, 1],
    ]) {
      const [a, b] = fitBoth(
        { n: 97, d, outputs: 2, validation: 11 },
        {
          hiddenSize,
          batchSize,
          epochs: 15,
        },
      );
      expectIdentical(a, b);
    }
  });

  it("matches without validation rows, with training metrics on and off", () => {
    for (const trackTrainingMetrics of [true, false]) {
      const [a, b] = fitBoth(
        { n: 120, d: 9, outputs: 1, validation: 0 },
        {
          epochs: 25,
          trackTrainingMetrics,
        },
      );
      expect(a.history).toHaveLength(25);
      expectIdentical(a, b);
    }
    const [a, b] = fitBoth(
      { n: 150, d: 9, outputs: 2, validation: 30 },
      {
        epochs: 40,
        trackTrainingMetrics: false,
      },
    );
    expect(Number.isNaN(a.history[0].trainLoss)).toBe(true);
    expectIdentical(a, b);
  });

  it("matches without standardization, without restoring, and on Float32 inputs", () => {
    const [a, b] = fitBoth(
      { n: 150, d: 8, outputs: 2, validation: 30 },
      {
        standardize: false,
        restoreBestWeights: false,
        earlyStopping: false,
        epochs: 30,
      },
    );
    expectIdentical(a, b);
    const { x, y1 } = data(150, 8, 9);
    const s = split(150, 30);
    const x32 = Float32Array.from(x);
    const train = (kernel: "wasm" | "js") =>
      fitClassifier(x32, [y1], s, { epochs: 20, kernel }, createRng(4));
    expectIdentical(train("wasm"), train("js"));
  });

  it("reports divergence at the same epoch", () => {
    const { x, y1 } = data(150, 8, 9);
    const s = split(150, 30);
    // An infinite input on one training row: NaN and ±Infinity reach the gradients.
    x[s.train[5] * 8 + 2] = Number.POSITIVE_INFINITY;
    const train = (kernel: "wasm" | "js") => {
      try {
        return fitClassifier(
          x,
          [y1],
          s,
          { standardize: false, learningRate: 10, epochs: 30, kernel },
          createRng(4),
        ).history.length;
      } catch (error) {
        expect(error).toBeInstanceOf(TrainingError);
        return (error as Error).message;
      }
    };
    const result = train("wasm");
    expect(result).toMatch(/diverged/);
    expect(result).toEqual(train("js"));
  });

  it("falls back to the TypeScript path for a fit started from onEpoch of another", () => {
    const { x, y1 } = data(120, 6, 3);
    const s = split(120, 20);
    const inner: FitClassifierResult[] = [];
    const outer = fitClassifier(x, [y1], s, { epochs: 5 }, createRng(1), (record) => {
      if (record.epoch === 2) {
        inner.push(fitClassifier(x, [y1], s, { epochs: 5 }, createRng(2)));
      }
    });
    const outerJs = fitClassifier(x, [y1], s, { epochs: 5, kernel: "js" }, createRng(1));
    const innerJs = fitClassifier(x, [y1], s, { epochs: 5, kernel: "js" }, createRng(2));
    expectIdentical(outer, outerJs);
    expectIdentical(inner[0], innerJs);
  });
});
