/**
 * Loader of the WebAssembly PMF kernel (`wasm/pmfKernel.as.ts`, compiled to
 * `./wasm/pmfKernel.wasm` next to this module): the SGD epoch of `sgdEpoch.ts` with f32x4
 * lanes over the factors (5× less CPU than the TypeScript kernel on MovieLens 100K, 2.3× at
 * MyAnimeList scale, where the epoch is bound by memory). One fit lays the
 * rating triples and both factor matrices out in the kernel's linear memory once; every epoch
 * then shuffles the triples there in place (JS draws the order) and runs the kernel on them.
 * The module is instantiated once per thread and its memory reused by later fits (it only
 * grows: about 100 MB after a MyAnimeList-sized fit).
 */

import {
  ensureWasmMemory,
  instantiateSimdModule,
  type WasmMemory,
  wasmBufferLayout,
} from "../util/wasmSimd.js";

/** Exports of pmfKernel.wasm. Pointers are byte offsets into `memory`. */
interface PmfKernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  sgdEpoch(
    users: number,
    items: number,
    values: number,
    count: number,
    userFactors: number,
    itemFactors: number,
    k: number,
    learningRate: number,
    regularization: number,
  ): number;
}

/**
 * Ratings per call into the kernel. V8 first runs a WebAssembly function from its baseline
 * compiler and swaps in the optimized code only at the next call (there is no on-stack
 * replacement in wasm): one call per epoch ran the whole first epoch 5–7× slower than the
 * others. Calls over blocks of ratings pick up the optimized code within the first epoch;
 * the per-call overhead is negligible at this size.
 */
const EPOCH_CALL_RATINGS = 16384;

let cached: PmfKernelExports | null | undefined;

/** Whether this thread's kernel memory holds a fit in progress (a fit started from onEpoch). */
let kernelBusy = false;

function pmfKernel(): PmfKernelExports | null {
  if (cached === undefined) {
    cached = instantiateSimdModule(
      new URL("./wasm/pmfKernel.wasm", import.meta.url),
    ) as PmfKernelExports | null;
  }
  return cached;
}

/** Whether the WebAssembly PMF kernel can run on this host. */
export function wasmPmfAvailable(): boolean {
  return pmfKernel() !== null;
}

/**
 * One fit's buffers inside the kernel's memory. The views stay valid until {@link release};
 * copy the factors out before releasing.
 */
export interface WasmSgdSession {
  /** User index of each rating (shuffle these three in place between epochs). */
  readonly user: Int32Array;
  /** Item index of each rating. */
  readonly item: Int32Array;
  /** Rating value. */
  readonly value: Float32Array;
  /** P, userCount × k row-major. */
  readonly userFactors: Float32Array;
  /** Q, itemCount × k row-major. */
  readonly itemFactors: Float32Array;
  /** One SGD pass over all the session's ratings in their current order; returns Σe². */
  epoch(learningRate: number, regularization: number): number;
  /** Frees the kernel for the next fit of this thread. */
  release(): void;
}

/**
 * Opens a session for a fit of `ratingCount` ratings, or returns null when the kernel is
 * unavailable, already holds a fit of this thread, or cannot grow its memory that far. The
 * caller fills every view.
 */
export function openWasmSgdSession(
  ratingCount: number,
  userCount: number,
  itemCount: number,
  k: number,
): WasmSgdSession | null {
  const kernel = pmfKernel();
  if (kernel === null || kernelBusy) return null;
  const layout = wasmBufferLayout(kernel.heapBase());
  const take = layout.take;
  const userPtr = take(ratingCount * 4);
  const itemPtr = take(ratingCount * 4);
  const valuePtr = take(ratingCount * 4);
  const userFactorPtr = take(userCount * k * 4);
  const itemFactorPtr = take(itemCount * k * 4);
  try {
    ensureWasmMemory(kernel.memory, layout.top);
  } catch {
    // Beyond wasm32's 4 GiB (about 10 million users at K = 100): the TypeScript path has no
    // such limit.
    return null;
  }
  const buffer = kernel.memory.buffer;
  kernelBusy = true;
  return {
    user: new Int32Array(buffer, userPtr, ratingCount),
    item: new Int32Array(buffer, itemPtr, ratingCount),
    value: new Float32Array(buffer, valuePtr, ratingCount),
    userFactors: new Float32Array(buffer, userFactorPtr, userCount * k),
    itemFactors: new Float32Array(buffer, itemFactorPtr, itemCount * k),
    epoch(learningRate, regularization): number {
      let squaredErrorSum = 0;
      for (let start = 0; start < ratingCount; start += EPOCH_CALL_RATINGS) {
        const count = Math.min(EPOCH_CALL_RATINGS, ratingCount - start);
        squaredErrorSum += kernel.sgdEpoch(
          userPtr + start * 4,
          itemPtr + start * 4,
          valuePtr + start * 4,
          count,
          userFactorPtr,
          itemFactorPtr,
          k,
          learningRate,
          regularization,
        );
      }
      return squaredErrorSum;
    },
    release(): void {
      kernelBusy = false;
    },
  };
}
