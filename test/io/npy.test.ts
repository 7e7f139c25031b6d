import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ModelFormatError } from "../../src/errors.js";
import { importFactors } from "../../src/io/importFactors.js";
import { decodeNpy, encodeNpy, type NpyData } from "../../src/io/npy.js";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

function bytesOf(a: NpyData | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Assembles a .npy file by hand: magic, version, header length, header text, data. */
function assemble(header: string, data: Uint8Array, major = 1): Uint8Array {
  const text = new TextEncoder().encode(header);
  const lengthBytes = major === 1 ? 2 : 4;
  const out = new Uint8Array(8 + lengthBytes + text.length + data.length);
  out.set(MAGIC, 0);
  out[6] = major;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, text.length, true);
  else view.setUint32(8, text.length, true);
  out.set(text, 8 + lengthBytes);
  out.set(data, 8 + lengthBytes + text.length);
  return out;
}

function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
}

/** numpy.arange(6, dtype='<f4').reshape(2, 3), written per the format spec. */
const ARANGE_2x3_F4 = assemble(
  // 59-char dict + 20 growth spaces (21 − len("2")) + 38 alignment spaces + "\n" = 118 bytes,
  // so the data starts at 10 + 118 = 128, a multiple of 64.
  `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }${" ".repeat(58)}\n`,
  hex("00000000" + "0000803f" + "00000040" + "00004040" + "00008040" + "0000a040"),
);

function expectFormatError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ModelFormatError);
  expect((caught as Error).message).toMatch(/^factors\.npy: /);
  expect((caught as Error).message).toMatch(pattern);
}

describe("encodeNpy / decodeNpy", () => {
  const cases: [string, NpyData, number[]][] = [
    ["f4 matrix", Float32Array.from({ length: 12 }, (_, x) => x * 0.5 - 1), [3, 4]],
    ["f4 specials", Float32Array.of(Number.NaN, -0, Infinity, -Infinity, 1e-45, 3.4e38), [6]],
    ["f8 3-D", Float64Array.from({ length: 24 }, (_, x) => Math.sin(x) * 1e10), [2, 3, 4]],
    ["i4 vector", Int32Array.of(-2147483648, -1, 0, 1, 2147483647), [5]],
    ["f8 scalar", Float64Array.of(Math.PI), []],
    ["empty", new Float32Array(0), [0, 7]],
  ];

  for (const [name, data, shape] of cases) {
    it(`round-trips every byte (${name}) with a 64-byte-aligned header`, () => {
      const file = encodeNpy(data, shape);
      const headerLength = new DataView(file.buffer).getUint16(8, true);
      expect(file[6]).toBe(1);
      expect((10 + headerLength) % 64).toBe(0);
      expect(file[10 + headerLength - 1]).toBe(0x0a);
      expect(file.length).toBe(10 + headerLength + data.byteLength);
      const back = decodeNpy(file, "factors.npy");
      expect(back.shape).toEqual(shape);
      expect(back.data.constructor).toBe(data.constructor);
      expect(bytesOf(back.data)).toEqual(bytesOf(data));
    });
  }

  it("writes exactly the bytes of the hand-written spec fixture, and reads it back", () => {
    expect(encodeNpy(Float32Array.of(0, 1, 2, 3, 4, 5), [2, 3])).toEqual(ARANGE_2x3_F4);
    const { data, shape, dtype } = decodeNpy(ARANGE_2x3_F4, "factors.npy");
    expect(dtype).toBe("<f4");
    expect(shape).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("reads from a pooled Node Buffer without picking up its neighbours", () => {
    const pooled = Buffer.from(ARANGE_2x3_F4);
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    const { data } = decodeNpy(pooled, "factors.npy");
    expect(data).toEqual(Float32Array.of(0, 1, 2, 3, 4, 5));
  });

  it("reads data from a Uint8Array at an unaligned offset", () => {
    const padded = new Uint8Array(ARANGE_2x3_F4.length + 3);
    padded.set(ARANGE_2x3_F4, 3);
    expect(Array.from(decodeNpy(padded.subarray(3), "factors.npy").data)).toEqual([
      0, 1, 2, 3, 4, 5,
    ]);
  });

  it("reads version 2 and 3 headers, loose spacing, and other key orders", () => {
    const data = bytesOf(Int32Array.of(7, -8, 9));
    const v2 = assemble(`{"shape":(3,),"fortran_order":False,"descr":"<i4"}\n`, data, 2);
    expect(Array.from(decodeNpy(v2, "x.npy").data)).toEqual([7, -8, 9]);
    // Version 3 headers are UTF-8; the length field counts bytes, not characters.
    const v3 = assemble(
      `{'descr': '<i4', 'fortran_order': False, 'shape': (3,), 'note': '\u00e9', }\n`,
      data,
      3,
    );
    expect(Array.from(decodeNpy(v3, "x.npy").data)).toEqual([7, -8, 9]);
    const pyLong = assemble(
      `{'descr': '<i4', 'fortran_order': False, 'shape': (1L, 3L), }\n`,
      data,
    );
    expect(decodeNpy(pyLong, "x.npy").shape).toEqual([1, 3]);
  });

  it("converts <i8 to Int32Array and rejects values beyond 32 bits", () => {
    const header = `{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n`;
    const ok = decodeNpy(assemble(header, bytesOf(BigInt64Array.of(-5n, 2147483647n))), "x.npy");
    expect(ok.dtype).toBe("<i8");
    expect(ok.data).toEqual(Int32Array.of(-5, 2147483647));
    expectFormatError(
      () => decodeNpy(assemble(header, bytesOf(BigInt64Array.of(1n, 2147483648n))), "factors.npy"),
      /2147483648 .*32 bits/,
    );
  });

  it("reorders Fortran-order arrays into C order, in 2-D and 3-D", () => {
    // Column-major bytes of [[0, 1, 2], [3, 4, 5]].
    const f2 = assemble(
      `{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }\n`,
      bytesOf(Float32Array.of(0, 3, 1, 4, 2, 5)),
    );
    expect(decodeNpy(f2, "f.npy").data).toEqual(Float32Array.of(0, 1, 2, 3, 4, 5));
    // Element (i, j, l) of a 2×3×2 array sits at i + 2j + 6l in Fortran order; value 100i + 10j + l.
    const fortran = new Float64Array(12);
    const c = new Float64Array(12);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let l = 0; l < 2; l++) {
          fortran[i + 2 * j + 6 * l] = 100 * i + 10 * j + l;
          c[i * 6 + j * 2 + l] = 100 * i + 10 * j + l;
        }
    const f3 = assemble(
      `{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3, 2), }\n`,
      bytesOf(fortran),
    );
    expect(decodeNpy(f3, "f.npy").data).toEqual(c);
  });

  it("rejects bad magic, versions, dtypes and malformed headers", () => {
    const f4 = bytesOf(Float32Array.of(1, 2));
    const h = (descr: string, order = "False", shape = "(2,)") =>
      `{'descr': '${descr}', 'fortran_order': ${order}, 'shape': ${shape}, }\n`;
    const notNpy = ARANGE_2x3_F4.slice();
    notNpy[1] = 0x4f;
    expectFormatError(() => decodeNpy(notNpy, "factors.npy"), /bad magic/);
    expectFormatError(
      () => decodeNpy(new TextEncoder().encode("user,item\n1,2\n"), "factors.npy"),
      /bad magic/,
    );
    const v4 = assemble(h("<f4"), f4);
    v4[6] = 4;
    expectFormatError(() => decodeNpy(v4, "factors.npy"), /version 4/);
    expectFormatError(
      () => decodeNpy(assemble(h(">f4"), f4), "factors.npy"),
      /unsupported dtype '>f4'/,
    );
    expectFormatError(() => decodeNpy(assemble(h("<u2"), f4), "factors.npy"), /unsupported dtype/);
    expectFormatError(
      () =>
        decodeNpy(
          assemble(`{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }\n`, f4),
          "factors.npy",
        ),
      /descr/,
    );
    expectFormatError(
      () => decodeNpy(assemble(h("<f4", "False", "(2, x)"), f4), "factors.npy"),
      /shape entry/,
    );
    expectFormatError(
      () => decodeNpy(assemble(h("<f4", "False", "(-2,)"), f4), "factors.npy"),
      /shape entry/,
    );
    expectFormatError(
      () => decodeNpy(assemble(`['<f4', False, (2,)]\n`, f4), "factors.npy"),
      /not a dict/,
    );
    const badUtf8 = assemble(h("<f4"), f4, 3);
    badUtf8[12] = 0xff;
    expectFormatError(() => decodeNpy(badUtf8, "factors.npy"), /UTF-8/);
  });

  it("rejects a shape that does not match the data size", () => {
    const f4 = bytesOf(Float32Array.of(1, 2, 3));
    const h = (shape: string) => `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }\n`;
    expectFormatError(() => decodeNpy(assemble(h("(2,)"), f4), "factors.npy"), /size mismatch/);
    expectFormatError(() => decodeNpy(assemble(h("(2, 2)"), f4), "factors.npy"), /truncated data/);
    expectFormatError(
      () => decodeNpy(assemble(h("(4294967296, 4294967296)"), f4), "factors.npy"),
      /too large/,
    );
  });

  it("gives a ModelFormatError naming the file at every truncation offset", () => {
    const files = [
      encodeNpy(Float64Array.of(1.5, -2.5, 3.5), [3]),
      assemble(
        `{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }\n`,
        bytesOf(BigInt64Array.of(1n, 2n)),
        2,
      ),
      assemble(
        `{'descr': '<i4', 'fortran_order': False, 'shape': (1,), }\n`,
        bytesOf(Int32Array.of(1)),
        3,
      ),
    ];
    for (const file of files) {
      for (let n = 0; n < file.length; n++) {
        expectFormatError(
          () => decodeNpy(file.subarray(0, n), "factors.npy"),
          /truncated|bad magic/,
        );
      }
      expect(() => decodeNpy(file, "factors.npy")).not.toThrow();
    }
  });

  it("rejects data/shape mismatches when encoding", () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(RangeError);
    expect(() => encodeNpy(new Float32Array(2), [-1, -2])).toThrow(RangeError);
    expect(() => encodeNpy(new Float32Array(2), [2.5])).toThrow(RangeError);
  });
});

const hasNumpy = spawnSync("python3", ["-c", "import numpy"], { stdio: "ignore" }).status === 0;

describe.skipIf(!hasNumpy)("numpy interoperability (needs python3 + numpy)", () => {
  const dir = mkdtempSync(join(tmpdir(), "deepunhide-npy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function python(script: string): string {
    const result = spawnSync("python3", ["-c", script], { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout;
  }

  const arrays: Record<string, [NpyData, number[], string]> = {
    f4: [
      Float32Array.from({ length: 12 }, (_, x) => x * 0.25 - 1),
      [3, 4],
      "np.arange(12, dtype='<f4').reshape(3, 4) * np.float32(0.25) - np.float32(1)",
    ],
    f8: [Float64Array.from({ length: 5 }, (_, x) => x / 3), [5], "np.arange(5, dtype='<f8') / 3"],
    i4: [
      Int32Array.from({ length: 8 }, (_, x) => x - 4),
      [2, 2, 2],
      "(np.arange(8, dtype='<i4') - 4).reshape(2, 2, 2)",
    ],
    scalar: [Float64Array.of(2.5), [], "np.array(2.5)"],
    empty: [new Float32Array(0), [0, 3], "np.zeros((0, 3), dtype='<f4')"],
    wide: [new Float32Array(123456), [123456], "np.zeros(123456, dtype='<f4')"],
  };

  it("numpy.save writes the same bytes as encodeNpy, and numpy loads ours", () => {
    for (const [name, [data, shape]] of Object.entries(arrays)) {
      writeFileSync(join(dir, `ours_${name}.npy`), encodeNpy(data, shape));
    }
    const saves = Object.entries(arrays)
      .map(([name, [, , expr]]) => `np.save('theirs_${name}.npy', ${expr})`)
      .join("\n");
    const out = python(
      `import numpy as np, json\n${saves}\n` +
        `print(json.dumps({n: [np.load('ours_' + n + '.npy').tolist(), list(np.load('ours_' + n + '.npy').shape)] for n in ${JSON.stringify(Object.keys(arrays))}}))`,
    );
    const loaded = JSON.parse(out) as Record<string, [unknown, number[]]>;
    for (const [name, [data, shape]] of Object.entries(arrays)) {
      expect(readFileSync(join(dir, `ours_${name}.npy`))).toEqual(
        readFileSync(join(dir, `theirs_${name}.npy`)),
      );
      expect(loaded[name][1]).toEqual(shape);
      expect([loaded[name][0]].flat(3)).toEqual(Array.from(data));
    }
  });

  it("reads what numpy writes: versions 1–3, int64 and Fortran order", () => {
    python(
      [
        "import numpy as np",
        "from numpy.lib import format as f",
        "a = np.arange(6, dtype='<f8').reshape(2, 3) / 7",
        "for v in [(1, 0), (2, 0), (3, 0)]:",
        "    with open('v%d.npy' % v[0], 'wb') as h: f.write_array(h, a, version=v)",
        "np.save('i8.npy', np.array([[-3, 4], [5, 2**31 - 1]], dtype='<i8'))",
        "np.save('fortran.npy', np.asfortranarray(a))",
      ].join("\n"),
    );
    for (const v of [1, 2, 3]) {
      const back = decodeNpy(readFileSync(join(dir, `v${v}.npy`)), `v${v}.npy`);
      expect(back.shape).toEqual([2, 3]);
      expect(back.data).toEqual(Float64Array.from({ length: 6 }, (_, x) => x / 7));
    }
    const i8 = decodeNpy(readFileSync(join(dir, "i8.npy")), "i8.npy");
    expect(i8.data).toEqual(Int32Array.of(-3, 4, 5, 2 ** 31 - 1));
    const fortran = decodeNpy(readFileSync(join(dir, "fortran.npy")), "fortran.npy");
    expect(fortran.shape).toEqual([2, 3]);
    expect(fortran.data).toEqual(Float64Array.from({ length: 6 }, (_, x) => x / 7));
  });

  it("reads the .npz archives numpy writes (savez with zip64 headers, savez_compressed, extra entries)", async () => {
    python(
      [
        "import numpy as np",
        "u = (np.arange(6, dtype='<f4').reshape(3, 2) - 2) / 3",
        "i = np.arange(4, dtype='<f4').reshape(2, 2) / 9",
        "np.savez('plain.npz', user_factors=u, item_factors=i, factors=np.array(2), dtype=np.array('float32'))",
        "np.savez_compressed('packed.npz', user_factors=u, item_factors=i)",
      ].join("\n"),
    );
    const expectedUsers = Float32Array.from({ length: 6 }, (_, x) => (x - 2) / 3);
    const expectedItems = Float32Array.from({ length: 4 }, (_, x) => x / 9);
    for (const name of ["plain.npz", "packed.npz"]) {
      const back = await importFactors(join(dir, name));
      expect(back.factors.userFactors).toEqual(expectedUsers);
      expect(back.factors.itemFactors).toEqual(expectedItems);
    }
  });
});
