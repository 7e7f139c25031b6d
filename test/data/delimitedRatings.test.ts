import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type DelimitedDatasetConfig,
  loadDelimitedDataset,
} from "../../src/data/delimitedRatings.js";
import { detectDelimiter, detectHeader } from "../../src/data/sniffDelimited.js";
import { ConfigError, DataFormatError } from "../../src/errors.js";

const root = await mkdtemp(join(tmpdir(), "du-csv-"));
afterAll(() => rm(root, { recursive: true, force: true }));
let fileNo = 0;
async function fileOf(text: string): Promise<string> {
  const path = join(root, `f${++fileNo}.txt`);
  await writeFile(path, text);
  return path;
}

const ATTRIBUTES = "user;sex;age;city\nu1;F;23;Paris\nu2;M;45;\nu3;F;;Lyon\nu4;M;31;Nice\n";

async function load(
  ratings: string,
  attributes = ATTRIBUTES,
  options: Partial<DelimitedDatasetConfig> = {},
) {
  return loadDelimitedDataset({
    ratingsFile: await fileOf(ratings),
    userAttributesFile: await fileOf(attributes),
    ...options,
  });
}

async function formatError(
  ratings: string,
  attributes = ATTRIBUTES,
  options: Partial<DelimitedDatasetConfig> = {},
): Promise<DataFormatError> {
  const error = await load(ratings, attributes, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

describe("detectDelimiter and detectHeader", () => {
  it("pick the delimiter that splits every line alike, and see a header above numeric columns", () => {
    expect(detectDelimiter(["a,b,c", "1,2,3"])).toBe(",");
    expect(detectDelimiter(["1\t2\t3.5", "4\t5\t1"])).toBe("\t");
    expect(detectDelimiter(["1::2::3", "4::5::6"])).toBe("::");
    expect(detectDelimiter(["x;y,z", "1;2,3"])).toBe(",");
    expect(detectDelimiter(["one", "two"])).toBeUndefined();
    expect(detectDelimiter(["a,b", "1,2,3", "4,5,6"])).toBeUndefined();
    expect(detectDelimiter(['"x,y";b', "1;2"])).toBe(";");
    expect(detectHeader(["user,item,rating", "1,31,4", "2,7,5"], ",")).toBe(true);
    expect(detectHeader(["1,31,4", "2,7,5"], ",")).toBe(false);
    expect(detectHeader(["alice,F", "bob,M"], ",")).toBe(false);
  });
});

describe("loadDelimitedDataset", () => {
  it("reads columns by name with detected delimiters and headers, and infers attribute kinds", async () => {
    const notes: string[] = [];
    const dataset = await load(
      'ts,item,who,stars\n1,"Heat, the movie",u2,4\n2,b,u1,3.5\n3,b,u2,1\n',
      ATTRIBUTES,
      {
        ratingColumns: ["who", "item", "stars"],
        userIdColumn: "user",
        onInfo: (m) => notes.push(m),
      },
    );
    // u3 and u4 rated nothing: dropped.
    expect(dataset.users.ids).toEqual(["u1", "u2"]);
    expect(dataset.items.ids).toEqual(["Heat, the movie", "b"]);
    expect(Array.from(dataset.ratings.user)).toEqual([1, 0, 1]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 1, 1]);
    expect(Array.from(dataset.ratings.value)).toEqual([4, 3.5, 1]);
    expect(dataset.ratingScale).toEqual({ min: 1, max: 4 });
    expect(dataset.userAttributes.sex).toEqual({ kind: "categorical", values: ["F", "M"] });
    expect(Array.from((dataset.userAttributes.age as { values: Float64Array }).values)).toEqual([
      23, 45,
    ]);
    expect(dataset.userAttributes.city).toEqual({ kind: "categorical", values: ["Paris", ""] });
    expect(notes.join("\n")).toMatch(
      /','-separated, with a header.*';'-separated, with a header.*2 without ratings dropped/,
    );
  });

  it("reads columns by index without headers, with a given delimiter and rating scale", async () => {
    const dataset = await load("5|u4|x\n2|u1|y\n", "u1|F|20\nu4|M|50\n", {
      ratingColumns: [1, 2, 0],
      delimiter: "|",
      header: false,
      ratingScale: { min: 1, max: 5 },
    });
    expect(dataset.users.ids).toEqual(["u1", "u4"]);
    expect(Array.from(dataset.ratings.value)).toEqual([5, 2]);
    expect(Object.keys(dataset.userAttributes)).toEqual(["column1", "column2"]);
    expect(dataset.ratingScale).toEqual({ min: 1, max: 5 });
  });

  it("rejects bad rows: wrong column counts, non-numeric and out-of-scale ratings, unknown users, duplicates", async () => {
    const header = "u,i,r\n";
    const named: Partial<DelimitedDatasetConfig> = { ratingColumns: ["u", "i", "r"] };
    const short = await formatError(`${header}u1,a,4\nu1,b\n`, ATTRIBUTES, named);
    expect([short.line, short.message]).toEqual([
      3,
      expect.stringMatching(/expected 3 fields \(as on line 1\), found 2/),
    ]);
    const word = await formatError(`${header}u1,a,good\n`, ATTRIBUTES, named);
    expect([word.line, word.field]).toEqual([2, "r"]);
    expect(word.message).toMatch(/must be a number/);
    const outside = await formatError(`${header}u1,a,7\n`, ATTRIBUTES, {
      ratingScale: { min: 1, max: 5 },
    });
    expect(outside.message).toMatch(/7 is outside 1\.\.5/);
    const unknown = await formatError(`${header}u1,a,4\nu9,a,4\n`, ATTRIBUTES, named);
    expect([unknown.line, unknown.field]).toEqual([3, "u"]);
    expect(unknown.message).toMatch(/user "u9" is not in/);
    const pair = await formatError(`${header}u1,a,4\nu2,a,4\n"u1",a,2\n`, ATTRIBUTES, named);
    expect(pair.line).toBe(4);
    expect(pair.message).toMatch(/rates item "a" again \(first on line 2\)/);
    const twice = await formatError(`${header}u1,a,4\n`, "user;sex\nu1;F\nu1;M\n", {
      ...named,
      header: true,
    });
    expect([twice.line, twice.message]).toEqual([3, expect.stringMatching(/listed twice/)]);
    const open = await formatError(`${header}u1,"a,4\nu2,b,3\n`, ATTRIBUTES, named);
    expect([open.line, open.field]).toEqual([2, "i"]);
    expect(open.message).toMatch(/never closed/);
  });

  it("rejects unknown columns, names without a header, and undetectable delimiters", async () => {
    const name = await formatError("u,i,r\nu1,a,4\n", ATTRIBUTES, {
      ratingColumns: ["u", "i", "stars"],
    });
    expect([name.line, name.field]).toEqual([1, "stars"]);
    expect(name.message).toMatch(/no column "stars".*u, i, r/);
    const index = await formatError("u1,a,4\n", ATTRIBUTES, {
      ratingColumns: [0, 1, 5],
      header: false,
    });
    expect(index.message).toMatch(/column 5 \(0-based\) does not exist: the file has 3 columns/);
    const headless = await formatError("u1,a,4\n", ATTRIBUTES, {
      ratingColumns: ["u", "i", "r"],
      header: false,
    });
    expect(headless.message).toMatch(/pass --header/);
    const blob = await formatError("just one column\nanother\n");
    expect(blob.message).toMatch(/pass --delimiter/);
    await expect(
      load("u,i,r\nu1,a,4\n", ATTRIBUTES, { ratingScale: { min: 5, max: 1 } }),
    ).rejects.toThrow(ConfigError);
  });
});
