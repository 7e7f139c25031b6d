/**
 * `npx tsx bench/mlnKernel.ts`: ms per epoch of fitClassifier with the WebAssembly kernel and
 * with the TypeScript reference, on planted data of 660 training and 94 validation rows at
 * several input sizes (defaults otherwise: 10 hidden, dropout 0.3, batch 32), and whether the
 * two give identical nets and histories.
 * Environment: BENCH_EPOCHS (default 200), BENCH_REPEATS (default 5), BENCH_OUTPUTS (1 or 2,
 * default 1), BENCH_TRACK=0 to turn the training metrics off (as the experiments do).
 */
import { type FitClassifierResult, fitClassifier } from "../src/nn/fitClassifier.js";
import { createRng } from "../src/util/rng.js";
import { plantedData } from "../test/nn/planted.js";

const epochs = Number(process.env.BENCH_EPOCHS ?? 200);
const repeats = Number(process.env.BENCH_REPEATS ?? 5);
const trackTrainingMetrics = process.env.BENCH_TRACK !== "0";
const outputs = Number(process.env.BENCH_OUTPUTS ?? 1);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function same(a: FitClassifierResult, b: FitClassifierResult): boolean {
  const eq = (p: Float64Array, q: Float64Array): boolean =>
    p.length === q.length && p.every((v, i) => Object.is(v, q[i]));
  return (
    eq(a.net.w1, b.net.w1) &&
    eq(a.net.b1, b.net.b1) &&
    eq(a.net.w2, b.net.w2) &&
    eq(a.net.b2, b.net.b2) &&
    JSON.stringify(a.history) === JSON.stringify(b.history)
  );
}

for (const inputs of [5, 20, 50, 100]) {
  const data = plantedData(754, inputs, 1);
  const train = Int32Array.from({ length: 660 }, (_, i) => i);
  const validation = Int32Array.from({ length: 94 }, (_, i) => 660 + i);
  const split = { train, validation };
  const config = { epochs, earlyStopping: false, trackTrainingMetrics };
  const run = (kernel: "wasm" | "js") =>
    fitClassifier(
      data.x,
      [data.y1, data.y2].slice(0, outputs),
      split,
      { ...config, kernel },
      createRng(7),
    );
  const times: Record<string, number[]> = { js: [], wasm: [] };
  let a: FitClassifierResult | undefined;
  let b: FitClassifierResult | undefined;
  for (let r = 0; r < repeats; r++) {
    for (const kernel of ["js", "wasm"] as const) {
      const t0 = performance.now();
      const fit = run(kernel);
      times[kernel].push((performance.now() - t0) / fit.history.length);
      if (kernel === "js") a = fit;
      else b = fit;
    }
  }
  const js = median(times.js);
  const wasm = median(times.wasm);
  console.log(
    `inputs ${String(inputs).padStart(3)}: js ${js.toFixed(3)} ms/epoch, wasm ${wasm.toFixed(3)} ms/epoch, ` +
      `speed-up ${(js / wasm).toFixed(2)}×, identical ${same(a!, b!)}`,
  );
}
