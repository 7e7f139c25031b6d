/**
 * Loading of libsvm-js (libsvm 3.x compiled to WebAssembly), once per process. The package
 * is CommonJS, ships no types, and its module resolves to a Promise of the `SVM` class.
 * Loading it has two side effects this file undoes: it prints "wasm streaming compile
 * failed … falling back to ArrayBuffer instantiation" (Node's fetch cannot read a file
 * path; the fallback works), and Emscripten installs a process-wide `unhandledRejection`
 * handler that calls `process.exit(1)`, which would turn any stray rejection elsewhere in
 * the program into a silent exit.
 */

import { createRequire } from "node:module";

/** Options of libsvm-js' `SVM` constructor that this package uses (libsvm's flags). */
export interface LibsvmOptions {
  /** `SVM.SVM_TYPES.*`; C-SVC is "0". */
  readonly type: string;
  /** `SVM.KERNEL_TYPES.*`; linear is "0", RBF is "2". */
  readonly kernel: string;
  /** RBF γ; libsvm-js substitutes 1/width when it is 0 or absent. */
  readonly gamma?: number;
  /** C. */
  readonly cost: number;
  /** Stopping tolerance of the solver (libsvm `-e`). */
  readonly tolerance?: number;
  /** Kernel cache in MB (libsvm `-m`). */
  readonly cacheSize?: number;
  /** Suppresses libsvm's training log. */
  readonly quiet: boolean;
}

/** The instance API of libsvm-js' `SVM` that this package uses. */
export interface LibsvmSvm {
  /** Trains on one sample per entry (copied into wasm memory) and integer labels. */
  train(samples: ArrayLike<number>[], labels: number[]): void;
  /** The predicted label of one sample. */
  predictOne(sample: ArrayLike<number>): number;
  /** Class labels in libsvm's internal order: decision value > 0 means the first. */
  getLabels(): number[];
  /** 0-based indices (into the training samples) of the support vectors, in model order. */
  getSVIndices(): number[];
  /** The model in libsvm's text format (`svm_save_model`). */
  serializeModel(): string;
  /** Frees the wasm memory of the problem and the model; the GC never does. */
  free(): void;
}

/** The `SVM` class of libsvm-js. */
export interface LibsvmModule {
  new (options: LibsvmOptions): LibsvmSvm;
  readonly SVM_TYPES: { readonly C_SVC: string };
  readonly KERNEL_TYPES: { readonly LINEAR: string; readonly RBF: string };
}

let loading: Promise<LibsvmModule> | undefined;

const HARMLESS_WASM_NOTICE = /wasm streaming compile failed|falling back to ArrayBuffer/;

// Async so that a failing require() becomes a rejection rather than a synchronous throw.
async function load(): Promise<LibsvmModule> {
  const require = createRequire(import.meta.url);
  const listenersBefore = new Set(process.listeners("unhandledRejection"));
  // Emscripten binds console.warn as its stderr printer when the module is evaluated, so a
  // filter in place during require() stays in force for the asynchronous notice and passes
  // every other message through.
  const warn = console.warn;
  console.warn = (...args: unknown[]): void => {
    if (typeof args[0] === "string" && HARMLESS_WASM_NOTICE.test(args[0])) return;
    warn(...args);
  };
  let promise: Promise<LibsvmModule>;
  try {
    promise = require("libsvm-js/wasm") as Promise<LibsvmModule>;
  } finally {
    console.warn = warn;
    for (const listener of process.listeners("unhandledRejection")) {
      if (!listenersBefore.has(listener)) process.off("unhandledRejection", listener);
    }
  }
  return await promise;
}

/**
 * The libsvm-js `SVM` class, loaded and instantiated on the first call (≈60 ms) and cached
 * for the life of the process; later calls return the same promise.
 */
export function loadLibsvm(): Promise<LibsvmModule> {
  // A failed load is not cached, so a later call can try again.
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
