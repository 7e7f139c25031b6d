/** The .npy decoder, on files encodeNpy writes, then mutated. */

import fc from "fast-check";
import { decodeNpy, encodeNpy, type NpyData } from "../../src/io/npy.js";
import { type FuzzTarget, invariant } from "../fuzzTarget.js";
import { type MutatedBytes, mutated } from "../mutations.js";

const shapes = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 12 })).map((s) => [...s]),
  fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 6 })).map((s) => [...s]),
);

const validNpy = fc
  .tuple(shapes, fc.constantFrom("f4", "f8", "i4"), fc.integer({ min: 0, max: 1000 }))
  .map(([shape, dtype, seed]) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data: NpyData =
      dtype === "f4"
        ? new Float32Array(size)
        : dtype === "f8"
          ? new Float64Array(size)
          : new Int32Array(size);
    for (let i = 0; i < size; i++) data[i] = ((seed + i * 7919) % 2001) - 1000;
    return encodeNpy(data, shape);
  });

const FILE = "/fuzz/factors.npy";

/** decodeNpy: a decoded array always has as many values as its shape says. */
export const npyTarget: FuzzTarget<MutatedBytes> = {
  name: "npy",
  reader: ".npy files (decodeNpy)",
  input: mutated(validNpy, 3),
  mustName: FILE,
  run(input) {
    const { data, shape } = decodeNpy(input.bytes, FILE);
    invariant(
      shape.every((d) => Number.isSafeInteger(d) && d >= 0),
      `bad shape ${shape.join(",")}`,
    );
    const size = shape.reduce((a, b) => a * b, 1);
    invariant(data.length === size, `shape ${shape.join(",")} but ${data.length} values`);
  },
};
