import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetMetadata } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { ConfigError, DataFormatError } from "../../src/errors.js";
import { exportFactors, type FactorsWithIds, factorFiles } from "../../src/io/exportFactors.js";
import { parseFactorsCsv } from "../../src/io/factorsCsv.js";
import { FACTOR_FORMATS } from "../../src/io/importedFactors.js";
import { importFactors } from "../../src/io/importFactors.js";
import { encodeNpy } from "../../src/io/npy.js";
import { encodeNpz } from "../../src/io/npz.js";
import { sparkAlsModelFiles } from "../../src/io/sparkAlsModel.js";

const tempDir = () => mkdtemp(join(tmpdir(), "du-factors-"));

/** Factors with awkward values: NaN, ±Inf, −0, subnormals, the float32 extremes. */
function awkwardFactors(): FactorsWithIds {
  const k = 4;
  const users = Float32Array.from({ length: 5 * k }, (_, x) => Math.fround(Math.sin(x + 1) * 3));
  users.set([Number.NaN, -0, 1e-45, 3.4028234663852886e38], 4);
  const items = Float32Array.from({ length: 3 * k }, (_, x) => Math.fround(Math.cos(x) / 7));
  items.set([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], 2);
  return {
    userIds: ["10", "7", "3", "12", "5"],
    itemIds: ["100", "-2", "2147483647"],
    factors: { k, userCount: 5, itemCount: 3, userFactors: users, itemFactors: items },
  };
}

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** Asserts a thrown DeepUnhideError of `type` whose message names `file` and matches `pattern`. */
async function expectError(
  work: () => Promise<unknown>,
  type: typeof DataFormatError | typeof ConfigError,
  file: string,
  pattern: RegExp,
): Promise<void> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected an error").toBeInstanceOf(type);
  expect((caught as Error).message).toContain(file);
  expect((caught as Error).message).toMatch(pattern);
}

/**
 * A Spark-style factor part: required int32 id, optional list features. `standard` is the
 * 3-level list of float Spark writes today; `legacy` the `bag`/`array` layout of
 * `writeLegacyFormat` with doubles, as the RDD-era model has them.
 */
function sparkPart(
  ids: number[],
  features: ((number | null)[] | null)[],
  layout: "standard" | "legacy" = "standard",
): Uint8Array {
  const [group, element, type] =
    layout === "standard" ? ["list", "element", "FLOAT"] : ["bag", "array", "DOUBLE"];
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: "id", data: Int32Array.from(ids) },
        { name: "features", data: features },
      ],
      schema: [
        { name: "spark_schema", num_children: 2 },
        { name: "id", type: "INT32", repetition_type: "REQUIRED" },
        { name: "features", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: group, repetition_type: "REPEATED", num_children: 1 },
        { name: element, type: type as "FLOAT" | "DOUBLE", repetition_type: "OPTIONAL" },
      ],
    }),
  );
}

async function writeTree(dir: string, files: Record<string, Uint8Array | string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, content);
  }
}

describe("exportFactors → importFactors", () => {
  for (const format of FACTOR_FORMATS) {
    it(`${format}: gives the factors back bit for bit, NaN, −0 and ±Inf included, with their ids`, async () => {
      const original = awkwardFactors();
      const dir = join(await tempDir(), "out");
      await exportFactors(dir, original, format);
      const back = await importFactors(dir);
      expect(back.format).toBe(format);
      expect(back.userIds).toEqual(original.userIds);
      expect(back.itemIds).toEqual(original.itemIds);
      expect(back.factors.k).toBe(4);
      expect(bits(back.factors.userFactors)).toEqual(bits(original.factors.userFactors));
      expect(bits(back.factors.itemFactors)).toEqual(bits(original.factors.itemFactors));
      // Every file read is recorded with its hash.
      expect(back.sources.length).toBeGreaterThanOrEqual(2);
      for (const source of back.sources) expect(source.sha256).toMatch(/^[0-9a-f]{64}$/);
    });
  }

  it("writes the same bytes for the same factors (no timestamps, no random names)", () => {
    for (const format of FACTOR_FORMATS) {
      expect(factorFiles(awkwardFactors(), format)).toEqual(factorFiles(awkwardFactors(), format));
    }
  });

  it("writes Spark parts that are snappy-compressed Parquet with id INT32 and a list of FLOAT", () => {
    const files = sparkAlsModelFiles(awkwardFactors());
    const part = files["userFactors/part-00000-deepunhide.snappy.parquet"] as Uint8Array;
    const meta = parquetMetadata(part.buffer.slice(part.byteOffset) as ArrayBuffer);
    expect(meta.row_groups[0].columns.map((c) => c.meta_data?.codec)).toEqual(["SNAPPY", "SNAPPY"]);
    expect(meta.schema.map((e) => [e.name, e.type ?? e.converted_type])).toEqual([
      ["spark_schema", undefined],
      ["id", "INT32"],
      ["features", "LIST"],
      ["list", undefined],
      ["element", "FLOAT"],
    ]);
    expect(JSON.parse(files["metadata/part-00000"] as string)).toMatchObject({
      class: "org.apache.spark.ml.recommendation.ALSModel",
      rank: 4,
    });
  });

  it("replaces an earlier export, whatever its format, but never a folder holding other files", async () => {
    const dir = join(await tempDir(), "out");
    await exportFactors(dir, awkwardFactors(), "spark");
    await exportFactors(dir, awkwardFactors(), "npz");
    expect((await readdir(dir)).sort()).toEqual(["factors.npz", "item_ids.txt", "user_ids.txt"]);
    await writeFile(join(dir, "notes.md"), "mine");
    await expectError(
      () => exportFactors(dir, awkwardFactors(), "csv"),
      ConfigError,
      dir,
      /holds files that are not a factor export's \(notes\.md\)/,
    );
    expect(await readFile(join(dir, "notes.md"), "utf8")).toBe("mine");
  });

  it("refuses to export non-integer ids to Spark, whose ALS ids are int", () => {
    const factors = { ...awkwardFactors(), userIds: ["a", "b", "c", "d", "e"] };
    expect(() => sparkAlsModelFiles(factors)).toThrow(ConfigError);
    expect(() => sparkAlsModelFiles(factors)).toThrow(/"a" is not one/);
  });
});

describe("CSV factors", () => {
  const csv = (text: string) => parseFactorsCsv(new TextEncoder().encode(text), "f.csv");

  it("reads rows with or without a header, quoted ids and nan/inf spellings", () => {
    const withHeader = csv('id,f0,f1\r\n"a,b",1.5,nan\n"say ""hi""",-inf,Infinity\n');
    expect(withHeader.ids).toEqual(["a,b", 'say "hi"']);
    expect(Array.from(withHeader.values)).toEqual([1.5, Number.NaN, -Infinity, Infinity]);
    const without = csv("1,0.25,2\n2,3,4\n");
    expect(without.ids).toEqual(["1", "2"]);
    expect(without.k).toBe(2);
    expect(Array.from(without.values)).toEqual([0.25, 2, 3, 4]);
  });

  it("names the file, line and field of a ragged row or a value that is not a number", async () => {
    const bad = (text: string) => () => Promise.resolve(csv(text));
    await expectError(
      bad("id,f0,f1\n1,2,3\n2,3\n"),
      DataFormatError,
      "f.csv, line 3",
      /expected 3 fields .* found 2/,
    );
    await expectError(
      bad("1,2,3\n2,3,x\n"),
      DataFormatError,
      'f.csv, line 2, field "f1"',
      /"x" is not a number/,
    );
    await expectError(bad("1;2;3\n"), DataFormatError, "f.csv, line 1", /';'-separated/);
    await expectError(bad("id,f0\n,1\n"), DataFormatError, 'f.csv, line 2, field "id"', /empty id/);
  });

  it("refuses a user and an item file of different ranks, naming both", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "u.csv"), "1,0.1,0.2,0.3\n");
    await writeFile(join(dir, "i.csv"), "1,0.1,0.2\n");
    await expectError(
      () => importFactors(join(dir, "u.csv"), { itemFactors: join(dir, "i.csv") }),
      DataFormatError,
      join(dir, "u.csv"),
      /rank mismatch: the user factors have 3 columns, the item factors in .*i\.csv have 2/,
    );
  });

  it("refuses duplicate ids and id files for a format that has its own ids", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "u.csv"), "1,0.1\n2,0.2\n1,0.3\n");
    await writeFile(join(dir, "i.csv"), "1,0.1\n");
    await expectError(
      () => importFactors(join(dir, "u.csv"), { itemFactors: join(dir, "i.csv") }),
      DataFormatError,
      "u.csv",
      /user id "1" appears twice \(rows 1 and 3\)/,
    );
    await writeFile(join(dir, "ids.txt"), "1\n");
    await expectError(
      () =>
        importFactors(join(dir, "i.csv"), {
          itemFactors: join(dir, "i.csv"),
          userIds: join(dir, "ids.txt"),
        }),
      ConfigError,
      "csv",
      /carry their own ids/,
    );
  });
});

describe(".npy and .npz factors", () => {
  const npyHeader = (descr: string, shape: string, order = "False") =>
    `{'descr': '${descr}', 'fortran_order': ${order}, 'shape': ${shape}, }`;
  /** A .npy by hand: magic, version 1.0, header, raw bytes. */
  const npy = (header: string, data: Uint8Array) => {
    const text = new TextEncoder().encode(`${header}\n`);
    const out = new Uint8Array(10 + text.length + data.length);
    out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
    new DataView(out.buffer).setUint16(8, text.length, true);
    out.set(text, 10);
    out.set(data, 10 + text.length);
    return out;
  };
  const raw = (a: Float32Array | Float64Array | BigInt64Array) =>
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

  it("reads a .npy pair with id files, float64 narrowed and Fortran order reordered", async () => {
    const dir = await tempDir();
    // Column-major bytes of [[1, 2, 3], [4, 5, 6]].
    await writeFile(
      join(dir, "u.npy"),
      npy(npyHeader("<f4", "(2, 3)", "True"), raw(Float32Array.of(1, 4, 2, 5, 3, 6))),
    );
    await writeFile(
      join(dir, "i.npy"),
      npy(npyHeader("<f8", "(1, 3)"), raw(Float64Array.of(0.1, 0.2, 0.3))),
    );
    await writeFile(join(dir, "users.txt"), "u1\nu2\n");
    const back = await importFactors(join(dir, "u.npy"), {
      itemFactors: join(dir, "i.npy"),
      userIds: join(dir, "users.txt"),
    });
    expect(Array.from(back.factors.userFactors)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(back.factors.itemFactors)).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect(back.userIds).toEqual(["u1", "u2"]);
    expect(back.itemIds).toBeUndefined();
  });

  it("names the file of a wrong dtype, a big-endian array, a wrong shape or a truncated header", async () => {
    const dir = await tempDir();
    const item = join(dir, "i.npy");
    await writeFile(item, encodeNpy(new Float32Array(3), [1, 3]));
    const cases: [string, Uint8Array, RegExp][] = [
      [
        "i8.npy",
        npy(npyHeader("<i8", "(1, 2)"), raw(BigInt64Array.of(1n, 2n))),
        /wrong dtype '<i8'.*float32/,
      ],
      ["be.npy", npy(npyHeader(">f4", "(1, 2)"), new Uint8Array(8)), /unsupported dtype '>f4'/],
      ["1d.npy", npy(npyHeader("<f4", "(3,)"), new Uint8Array(12)), /wrong shape \(3\).*2-D/],
      ["3d.npy", npy(npyHeader("<f4", "(1, 1, 3)"), new Uint8Array(12)), /wrong shape \(1, 1, 3\)/],
      [
        "cut.npy",
        npy(npyHeader("<f4", "(1, 3)"), new Uint8Array(12)).subarray(0, 30),
        /truncated .npy header/,
      ],
    ];
    for (const [name, bytes, pattern] of cases) {
      await writeFile(join(dir, name), bytes);
      await expectError(
        () => importFactors(join(dir, name), { itemFactors: item }),
        DataFormatError,
        join(dir, name),
        pattern,
      );
    }
    await expectError(
      () => importFactors(join(dir, "1d.npy")),
      ConfigError,
      "1d.npy",
      /two files: pass the item factors/,
    );
  });

  it("reads an implicit-style .npz, stored or deflated, and names the missing key", async () => {
    const dir = await tempDir();
    const user = { data: Float32Array.of(1, 2, 3, 4), shape: [2, 2] };
    const item = { data: Float32Array.of(5, 6), shape: [1, 2] };
    for (const compressed of [false, true]) {
      const file = join(dir, `f${compressed}.npz`);
      await writeFile(file, encodeNpz({ user_factors: user, item_factors: item }, compressed));
      const back = await importFactors(file);
      expect(Array.from(back.factors.userFactors)).toEqual([1, 2, 3, 4]);
      expect(Array.from(back.factors.itemFactors)).toEqual([5, 6]);
    }
    await writeFile(join(dir, "m.npz"), encodeNpz({ user_factors: user, other: item }));
    await expectError(
      () => importFactors(join(dir, "m.npz")),
      DataFormatError,
      "m.npz",
      /no 'item_factors' array in the archive \(it holds: user_factors, other\)/,
    );
    await writeFile(
      join(dir, "r.npz"),
      encodeNpz({
        user_factors: user,
        item_factors: { data: Float32Array.of(1, 2, 3), shape: [1, 3] },
      }),
    );
    await expectError(
      () => importFactors(join(dir, "r.npz")),
      DataFormatError,
      "r.npz[user_factors]",
      /rank mismatch: .* 2 columns, .* have 3/,
    );
    await writeFile(join(dir, "z.npz"), "not a zip at all");
    await expectError(
      () => importFactors(join(dir, "z.npz")),
      DataFormatError,
      "z.npz",
      /not a readable .npz/,
    );
  });

  it("names the id file whose count does not match the rows", async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, "f.npz"),
      encodeNpz({
        user_factors: { data: new Float32Array(4), shape: [2, 2] },
        item_factors: { data: new Float32Array(2), shape: [1, 2] },
      }),
    );
    await writeFile(join(dir, "ids.txt"), "a\nb\nc\n");
    await expectError(
      () => importFactors(join(dir, "f.npz"), { userIds: join(dir, "ids.txt") }),
      DataFormatError,
      "ids.txt",
      /has 3 ids, but .*f\.npz\[user_factors\] has 2 rows/,
    );
  });
});

describe("Spark ALSModel folders", () => {
  const metadata = (rank: unknown) =>
    `${JSON.stringify({ class: "org.apache.spark.ml.recommendation.ALSModel", timestamp: 1, sparkVersion: "3.5.1", uid: "als_1", paramMap: {}, defaultParamMap: {}, rank })}\n`;

  it("reads many parts, skips _SUCCESS and .crc files, and turns null features into NaN rows", async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      "metadata/part-00000": metadata(2),
      "metadata/_SUCCESS": "",
      "metadata/.part-00000.crc": "crc",
      "userFactors/part-00000-a.snappy.parquet": sparkPart(
        [3, 1],
        [
          [1, 2],
          [3, 4],
        ],
      ),
      "userFactors/part-00001-a.snappy.parquet": sparkPart([2], [null]),
      "userFactors/.part-00000-a.snappy.parquet.crc": "crc",
      "userFactors/_SUCCESS": "",
      "itemFactors/part-00000-b.snappy.parquet": sparkPart([9], [[0.5, -0.5]]),
    });
    expect(await readdir(join(dir, "userFactors"))).toHaveLength(4);
    const back = await importFactors(dir);
    expect(back.format).toBe("spark");
    expect(back.userIds).toEqual(["3", "1", "2"]);
    expect(Array.from(back.factors.userFactors)).toEqual([1, 2, 3, 4, Number.NaN, Number.NaN]);
    expect(back.itemIds).toEqual(["9"]);
    expect(back.sources.map((s) => s.name.slice(dir.length + 1))).toEqual([
      "metadata/part-00000",
      "userFactors/part-00000-a.snappy.parquet",
      "userFactors/part-00001-a.snappy.parquet",
      "itemFactors/part-00000-b.snappy.parquet",
    ]);
  });

  it("reads the RDD-era MatrixFactorizationModel: data/user, data/product, legacy lists of doubles", async () => {
    const dir = await tempDir();
    await writeTree(dir, {
      "metadata/part-00000": `${JSON.stringify({ class: "org.apache.spark.mllib.recommendation.MatrixFactorizationModel", version: "1.0", rank: 2 })}\n`,
      "data/user/part-r-00000.parquet": sparkPart(
        [4, 8],
        [
          [0.1, 0.2],
          [0.3, null],
        ],
        "legacy",
      ),
      "data/product/part-r-00000.parquet": sparkPart([1], [[1e-50, 2]], "legacy"),
    });
    const back = await importFactors(dir);
    expect(back.userIds).toEqual(["4", "8"]);
    // Doubles are rounded to float32; a null element makes the row non-finite.
    expect(Array.from(back.factors.userFactors)).toEqual([
      Math.fround(0.1),
      Math.fround(0.2),
      Math.fround(0.3),
      Number.NaN,
    ]);
    expect(Array.from(back.factors.itemFactors)).toEqual([0, 2]);
  });

  it("names the part without an id or features column, and the row whose rank is wrong", async () => {
    const noFeatures = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "id", data: Int32Array.of(1) },
          { name: "vec", data: [1.5] },
        ],
      }),
    );
    const noId = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "user", data: Int32Array.of(1) },
          { name: "features", data: [1.5] },
        ],
      }),
    );
    const cases: [Record<string, Uint8Array | string>, string, RegExp][] = [
      [
        { "userFactors/part-0.parquet": noFeatures },
        "userFactors/part-0.parquet",
        /no "features" column \(found: id, vec\)/,
      ],
      [{ "userFactors/part-0.parquet": noId }, "userFactors/part-0.parquet", /no "id" column/],
      [
        {
          "userFactors/part-0.parquet": sparkPart(
            [1, 7],
            [
              [1, 2],
              [1, 2, 3],
            ],
          ),
        },
        "userFactors/part-0.parquet",
        /rank mismatch: id 7 has 3 features, the model's metadata says rank 2/,
      ],
      [
        { "userFactors/part-0.parquet": "PAR1 nonsense" },
        "userFactors/part-0.parquet",
        /not a readable Parquet file/,
      ],
      [{ "userFactors/_SUCCESS": "" }, "userFactors", /no data files/],
      [
        {
          "userFactors/part-0.parquet": sparkPart([1], [[1, 2]]),
          "metadata/part-00000": metadata("ten"),
        },
        "metadata/part-00000",
        /positive integer rank .* "ten"/,
      ],
    ];
    for (const [files, named, pattern] of cases) {
      const dir = await tempDir();
      await writeTree(dir, {
        "metadata/part-00000": metadata(2),
        "itemFactors/part-0.parquet": sparkPart([1], [[1, 2]]),
        ...files,
      });
      await expectError(() => importFactors(dir), DataFormatError, join(dir, named), pattern);
    }
    const empty = await tempDir();
    await expectError(
      () => importFactors(empty),
      DataFormatError,
      empty,
      /cannot tell which factors/,
    );
  });
});
