/**
 * Loader of the WebAssembly MLN training kernel (`wasm/mlnKernel.as.ts`, compiled to
 * `./wasm/mlnKernel.wasm` next to this module). The module is compiled and instantiated
 * synchronously, once per thread, and its linear memory is reused by every fit of that thread
 * (fits in one thread never overlap). The kernel does the per-epoch arithmetic of
 * fitClassifier bit for bit as the TypeScript path does; JS keeps every random draw.
 */

import {
  ensureWasmMemory,
  instantiateSimdModule,
  type WasmMemory,
  wasmBufferLayout,
} from "../util/wasmSimd.js";

/** Exports of mlnKernel.wasm. Pointers are byte offsets into `memory`. */
interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): number;
  configure(
    inputs: number,
    hidden: number,
    outputs: number,
    rows: number,
    learningRate: number,
    rho: number,
    epsilon: number,
    x: number,
    targets: number,
    params: number,
    gradient: number,
    meanSquare: number,
    hiddenScratch: number,
    batchOut: number,
    w1t: number,
    b1p: number,
  ): void;
  forwardBatch(order: number, start: number, end: number, mask: number): void;
  backwardBatch(order: number, start: number, end: number, mask: number): void;
  forwardRows(rows: number, count: number, out: number): void;
}

let cached: KernelExports | null | undefined;

function instantiate(): KernelExports | null {
  const exports = instantiateSimdModule(new URL("./wasm/mlnKernel.wasm", import.meta.url));
  return exports as KernelExports | null;
}

/** The kernel of this thread, or null when the host has no WebAssembly SIMD. */
export function mlnKernel(): KernelExports | null {
  if (cached === undefined) cached = instantiate();
  return cached;
}

/** Float64Array views of one fit's buffers in kernel memory (valid until the next fit). */
export interface KernelSession {
  readonly kernel: KernelExports;
  /** w1 | b1 | w2 | b2, contiguous. */
  readonly params: Float64Array;
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
  /** The training order (row indices), reshuffled in place by the caller every epoch. */
  readonly order: Int32Array;
  /** Logits of the batch from forwardBatch, replaced by ∂L/∂z for backwardBatch. */
  readonly batchOut: Float64Array;
  /** The epoch's dropout masks (order.length × hiddenSize), or null without dropout. */
  readonly mask: Float64Array | null;
  /** Row indices handed to forwardRows (capacity: all rows). */
  readonly rows: Int32Array;
  /** forwardRows output (capacity: all rows × outputSize). */
  readonly logits: Float64Array;
  readonly orderPtr: number;
  readonly maskPtr: number;
  readonly rowsPtr: number;
  readonly logitsPtr: number;
}

/** Shape, data and optimizer settings of one fit. */
export interface KernelFitSpec {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  /** n × inputSize, row-major (already scaled). */
  readonly x: Float64Array;
  readonly targets: readonly Uint8Array[];
  readonly trainCount: number;
  readonly batchSize: number;
  readonly dropout: boolean;
  readonly learningRate: number;
  readonly rho: number;
  readonly epsilon: number;
}

/**
 * Lays out one fit's buffers in the kernel's memory (growing it when needed), copies x and
 * the targets in, zeroes the optimizer state and configures the kernel. The caller copies
 * the initial weights into `params` views.
 */
export function openKernelSession(kernel: KernelExports, spec: KernelFitSpec): KernelSession {
  const { inputSize, hiddenSize, outputSize, x, targets, trainCount } = spec;
  const batch = Math.min(spec.batchSize, trainCount);
  const n = x.length / inputSize;
  const paramCount = hiddenSize * inputSize + hiddenSize + outputSize * hiddenSize + outputSize;
  const padded = hiddenSize + (hiddenSize & 1);
  const layout = wasmBufferLayout(kernel.heapBase());
  const take = layout.take;
  const xPtr = take(x.length * 8);
  const targetPtr = take(outputSize * n * 8);
  const paramPtr = take(paramCount * 8);
  const gradPtr = take(paramCount * 8);
  const meanSquarePtr = take(paramCount * 8);
  const hiddenPtr = take(batch * padded * 8);
  const batchOutPtr = take(batch * outputSize * 8);
  const w1tPtr = take(inputSize * padded * 8);
  const b1pPtr = take(padded * 8);
  const orderPtr = take(trainCount * 4);
  const maskPtr = spec.dropout ? take(trainCount * hiddenSize * 8) : 0;
  const rowsPtr = take(n * 4);
  const logitsPtr = take(n * outputSize * 8);
  const memory = kernel.memory;
  ensureWasmMemory(memory, layout.top);
  const buffer = memory.buffer;
  new Float64Array(buffer, xPtr, x.length).set(x);
  const t = new Float64Array(buffer, targetPtr, outputSize * n);
  for (let o = 0; o < outputSize; o++) {
    const target = targets[o];
    for (let i = 0; i < n; i++) t[o * n + i] = target[i];
  }
  new Float64Array(buffer, meanSquarePtr, paramCount).fill(0);
  kernel.configure(
    inputSize,
    hiddenSize,
    outputSize,
    n,
    spec.learningRate,
    spec.rho,
    spec.epsilon,
    xPtr,
    targetPtr,
    paramPtr,
    gradPtr,
    meanSquarePtr,
    hiddenPtr,
    batchOutPtr,
    w1tPtr,
    b1pPtr,
  );
  const params = new Float64Array(buffer, paramPtr, paramCount);
  const b1At = hiddenSize * inputSize;
  const w2At = b1At + hiddenSize;
  const b2At = w2At + outputSize * hiddenSize;
  return {
    kernel,
    params,
    w1: params.subarray(0, b1At),
    b1: params.subarray(b1At, w2At),
    w2: params.subarray(w2At, b2At),
    b2: params.subarray(b2At),
    order: new Int32Array(buffer, orderPtr, trainCount),
    batchOut: new Float64Array(buffer, batchOutPtr, batch * outputSize),
    mask: spec.dropout ? new Float64Array(buffer, maskPtr, trainCount * hiddenSize) : null,
    rows: new Int32Array(buffer, rowsPtr, n),
    logits: new Float64Array(buffer, logitsPtr, n * outputSize),
    orderPtr,
    maskPtr,
    rowsPtr,
    logitsPtr,
  };
}
