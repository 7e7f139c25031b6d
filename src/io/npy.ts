/**
 * NumPy `.npy` files (format versions 1.0–3.0), the matrix format of a saved model folder,
 * so factors open with `numpy.load` and factors from Python tools open here. Spec:
 * https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */

import { ModelFormatError } from "../errors.js";

/** Typed arrays a `.npy` file decodes to. */
export type NpyData = Float32Array | Float64Array | Int32Array;

/** A decoded `.npy` array. */
export interface NpyArray {
  /** Elements in C (row-major) order. `<i8` files decode to Int32Array. */
  readonly data: NpyData;
  /** Array shape; `[]` for a scalar. */
  readonly shape: number[];
  /** The dtype string as written in the file, e.g. `<f4`. */
  readonly dtype: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGN = 64;
// numpy pads the header as if the first axis had this many digits, so the file can grow in
// place; we copy it so our files are byte-identical to `numpy.save`.
const GROWTH_AXIS_MAX_DIGITS = 21;
const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Item size in bytes of each supported dtype. */
const ITEM_SIZE: Readonly<Record<string, number>> = { "<f4": 4, "<f8": 8, "<i4": 4, "<i8": 8 };

/**
 * Encodes an array as a `.npy` file exactly as `numpy.save` would: version 1.0 (2.0 only if
 * the header exceeds 65535 bytes), little-endian `<f4`/`<f8`/`<i4`, C order, header padded
 * with spaces to a multiple of 64 bytes and ending in `\n`.
 *
 * @param data - elements in row-major order.
 * @param shape - dimensions; their product must equal `data.length` (`[]` for a scalar).
 * @throws RangeError if the shape is invalid or does not match the data length.
 */
export function encodeNpy(data: NpyData, shape: readonly number[]): Uint8Array {
  const dtype = dtypeOf(data);
  let size = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`invalid npy dimension ${d}`);
    size *= d;
  }
  if (size !== data.length) {
    throw new RangeError(
      `npy shape (${shape.join(", ")}) holds ${size} elements, data has ${data.length}`,
    );
  }
  let header = headerText(dtype, shape, 2);
  if (header.length > 65535) header = headerText(dtype, shape, 4);
  const prefix = headerPrefix(header.length);
  const out = new Uint8Array(prefix.length + header.length + data.byteLength);
  out.set(prefix, 0);
  for (let c = 0; c < header.length; c++) out[prefix.length + c] = header.charCodeAt(c);
  writeLittleEndian(data, out, prefix.length + header.length);
  return out;
}

/**
 * Decodes a `.npy` file (versions 1.0, 2.0, 3.0; dtypes `<f4`, `<f8`, `<i4`, `<i8`; C or
 * Fortran order, the latter reordered so that `data` is always in C order).
 * `<i8` values are converted to Int32Array and rejected if any does not fit in 32 bits.
 *
 * @param bytes - the whole file.
 * @param file - the file's path, named in every error.
 * @throws ModelFormatError on bad magic, unsupported version or dtype, a malformed or truncated header, truncated data or trailing bytes.
 */
export function decodeNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail: (reason: string) => never = (reason) => {
    throw new ModelFormatError(`${file}: ${reason}`);
  };
  for (let b = 0; b < Math.min(bytes.length, MAGIC.length); b++) {
    if (bytes[b] !== MAGIC[b]) fail("not a .npy file (bad magic string)");
  }
  if (bytes.length < 10) fail(`truncated .npy header (file is only ${bytes.length} bytes)`);
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`unsupported .npy format version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  const headerStart = 8 + lengthBytes;
  if (bytes.length < headerStart)
    fail(`truncated .npy header (file is only ${bytes.length} bytes)`);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) {
    fail(`truncated .npy header (needs ${dataStart} bytes, file has ${bytes.length})`);
  }
  const header = decodeHeaderText(bytes.subarray(headerStart, dataStart), major, fail);
  const { dtype, fortranOrder, shape } = parseHeader(header, fail);
  const itemSize = ITEM_SIZE[dtype];
  if (itemSize === undefined) {
    fail(`unsupported dtype '${dtype}' (supported: ${Object.keys(ITEM_SIZE).join(", ")})`);
  }
  let size = 1;
  for (const d of shape) size *= d;
  if (!Number.isSafeInteger(size * itemSize)) fail(`shape (${shape.join(", ")}) is too large`);
  const expected = size * itemSize;
  const available = bytes.length - dataStart;
  const described = `shape (${shape.join(", ")}) of ${dtype} needs ${expected} data bytes`;
  if (available < expected) fail(`truncated data: ${described}, file has ${available}`);
  if (available > expected) fail(`size mismatch: ${described}, file has ${available}`);
  const data = readData(bytes.subarray(dataStart), dtype, size, fail);
  return { data: fortranOrder ? toCOrder(data, shape) : data, shape, dtype };
}

function dtypeOf(data: NpyData): string {
  if (data instanceof Float32Array) return "<f4";
  if (data instanceof Float64Array) return "<f8";
  if (data instanceof Int32Array) return "<i4";
  throw new RangeError("npy data must be a Float32Array, Float64Array or Int32Array");
}

/** The header dict, padded as numpy pads it (spaces, then `\n`). */
function headerText(dtype: string, shape: readonly number[], lengthBytes: 2 | 4): string {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  if (shape.length > 0) dict += " ".repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length);
  // numpy always adds 1..64 spaces (64 when already aligned), then the newline.
  const pad = ALIGN - ((MAGIC.length + 2 + lengthBytes + dict.length + 1) % ALIGN);
  return `${dict}${" ".repeat(pad)}\n`;
}

function headerPrefix(headerLength: number): Uint8Array {
  const v1 = headerLength <= 65535;
  const prefix = new Uint8Array(v1 ? 10 : 12);
  prefix.set(MAGIC, 0);
  prefix[6] = v1 ? 1 : 2;
  prefix[7] = 0;
  const view = new DataView(prefix.buffer);
  if (v1) view.setUint16(8, headerLength, true);
  else view.setUint32(8, headerLength, true);
  return prefix;
}

function writeLittleEndian(data: NpyData, out: Uint8Array, offset: number): void {
  if (IS_LITTLE_ENDIAN) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    return;
  }
  const view = new DataView(out.buffer, out.byteOffset + offset);
  for (let x = 0; x < data.length; x++) {
    if (data instanceof Float32Array) view.setFloat32(x * 4, data[x], true);
    else if (data instanceof Float64Array) view.setFloat64(x * 8, data[x], true);
    else view.setInt32(x * 4, data[x], true);
  }
}

function decodeHeaderText(bytes: Uint8Array, major: number, fail: (r: string) => never): string {
  if (major === 3) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return fail("header is not valid UTF-8");
    }
  }
  let text = "";
  for (let b = 0; b < bytes.length; b++) text += String.fromCharCode(bytes[b]);
  return text;
}

interface ParsedHeader {
  dtype: string;
  fortranOrder: boolean;
  shape: number[];
}

/** Reads the three keys of the header's Python dict literal. */
function parseHeader(text: string, fail: (r: string) => never): ParsedHeader {
  const dict = text.trim();
  if (!dict.startsWith("{") || !dict.endsWith("}")) fail("malformed header (not a dict)");
  const descr = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(dict);
  if (!descr) fail("header has no plain 'descr' dtype string (structured dtypes are unsupported)");
  const order = /['"]fortran_order['"]\s*:\s*(True|False)\b/.exec(dict);
  if (!order) fail("header has no 'fortran_order' True/False");
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(dict);
  if (!shape) fail("header has no 'shape' tuple");
  return {
    dtype: descr![2],
    fortranOrder: order![1] === "True",
    shape: parseShape(shape![1], fail),
  };
}

function parseShape(inner: string, fail: (r: string) => never): number[] {
  const parts = inner.split(",").map((part) => part.trim());
  // "(3,)" and "()" leave one empty part at the end; a tuple of n ≥ 2 may also end in ",".
  if (parts[parts.length - 1] === "") parts.pop();
  return parts.map((part) => {
    const m = /^(\d+)L?$/.exec(part);
    const value = m ? Number(m[1]) : Number.NaN;
    if (!Number.isSafeInteger(value)) fail(`invalid shape entry '${part}' in header`);
    return value;
  });
}

/**
 * Copies the data bytes into a fresh, aligned typed array. (Never `bytes.slice().buffer`:
 * on a Node Buffer `slice` is a view, and `.buffer` the whole shared pool.)
 */
function readData(
  bytes: Uint8Array,
  dtype: string,
  size: number,
  fail: (r: string) => never,
): NpyData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (dtype) {
    case "<f4":
      return IS_LITTLE_ENDIAN
        ? copyInto(new Float32Array(size), bytes)
        : Float32Array.from({ length: size }, (_, x) => view.getFloat32(x * 4, true));
    case "<f8":
      return IS_LITTLE_ENDIAN
        ? copyInto(new Float64Array(size), bytes)
        : Float64Array.from({ length: size }, (_, x) => view.getFloat64(x * 8, true));
    case "<i4":
      return IS_LITTLE_ENDIAN
        ? copyInto(new Int32Array(size), bytes)
        : Int32Array.from({ length: size }, (_, x) => view.getInt32(x * 4, true));
    default: {
      const out = new Int32Array(size);
      for (let x = 0; x < size; x++) {
        const v = view.getBigInt64(x * 8, true);
        if (v < -2147483648n || v > 2147483647n) {
          fail(`int64 value ${v} at element ${x} does not fit in 32 bits`);
        }
        out[x] = Number(v);
      }
      return out;
    }
  }
}

/**
 * Reorders column-major (Fortran) elements into row-major order. numpy saves any
 * F-contiguous array in Fortran order (a transposed matrix, `np.save(f, a.T)`, or one made by
 * Fortran-backed code), so such files are read rather than refused.
 */
function toCOrder<T extends NpyData>(data: T, shape: readonly number[]): T {
  if (shape.length < 2) return data;
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const n = shape.length;
  // Fortran strides: the first axis varies fastest.
  const fStride = new Array<number>(n);
  fStride[0] = 1;
  for (let a = 1; a < n; a++) fStride[a] = fStride[a - 1] * shape[a - 1];
  const index = new Array<number>(n).fill(0);
  let source = 0;
  for (let c = 0; c < data.length; c++) {
    out[c] = data[source];
    // Advance the C-order multi-index (last axis fastest), keeping the Fortran offset.
    for (let a = n - 1; a >= 0; a--) {
      index[a]++;
      source += fStride[a];
      if (index[a] < shape[a]) break;
      source -= fStride[a] * shape[a];
      index[a] = 0;
    }
  }
  return out;
}

function copyInto<T extends NpyData>(out: T, bytes: Uint8Array): T {
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.byteLength));
  return out;
}
