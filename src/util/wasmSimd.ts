/**
 * Synchronous loading of the project's WebAssembly SIMD kernels (the MLN's and PMF's). Each
 * kernel is a small module compiled by AssemblyScript that owns no memory layout: its loader
 * lays out buffers in the module's linear memory and passes byte offsets.
 */

import { readFileSync } from "node:fs";

/** The part of the WebAssembly.Memory API the loaders use. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The part of the WebAssembly API used here (the project's `lib` has no WebAssembly types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Bytes of one WebAssembly memory page. */
export const WASM_PAGE_BYTES = 65536;

let simdSupported: boolean | undefined;

/** Whether this host runs WebAssembly with SIMD (Node ≥ 16.4 does). */
function hasWasmSimd(): boolean {
  if (simdSupported === undefined) {
    // A module whose only function returns a v128 constant.
    const probe = new Uint8Array([
      0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
    ]);
    simdSupported = wasm?.validate(probe) === true;
  }
  return simdSupported;
}

/**
 * Compiles and instantiates the module at `file` synchronously (no imports), or returns null
 * when the host has no WebAssembly SIMD, so that callers fall back to their TypeScript path.
 */
export function instantiateSimdModule(file: URL): object | null {
  if (wasm === undefined || !hasWasmSimd()) return null;
  const module = new wasm.Module(readFileSync(file));
  return new wasm.Instance(module, {}).exports;
}

/**
 * Grows `memory` so that it holds at least `bytes` bytes. Growing detaches every view of the
 * old buffer: take views of `memory.buffer` only after this call.
 */
export function ensureWasmMemory(memory: WasmMemory, bytes: number): void {
  const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
  const have = memory.buffer.byteLength / WASM_PAGE_BYTES;
  if (have < pages) memory.grow(pages - have);
}

/** Hands out byte offsets for a kernel's buffers, one after another. */
export interface WasmBufferLayout {
  /** The offset of a new buffer of `bytes` bytes, 16-byte aligned (for v128 loads). */
  take(bytes: number): number;
  /** The end of the last buffer: the memory size the layout needs. */
  readonly top: number;
}

/** A layout of buffers starting at the module's heap base (`__heap_base`). */
export function wasmBufferLayout(heapBase: number): WasmBufferLayout {
  let top = Math.ceil(heapBase / 16) * 16;
  return {
    take(bytes: number): number {
      const at = top;
      top += Math.ceil(bytes / 16) * 16;
      return at;
    },
    get top(): number {
      return top;
    },
  };
}
