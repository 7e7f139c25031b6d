import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadMovieLens100k } from "../../src/data/movielens100k.js";
import { DataFormatError } from "../../src/errors.js";
import { fixtureTexts, GENRES, writeFixture } from "./ml100kFixture.js";

const root = await mkdtemp(join(tmpdir(), "deepunhide-ml100k-"));
let counter = 0;
afterAll(() => rm(root, { recursive: true, force: true }));

function freshDir(): string {
  counter++;
  return join(root, `case-${counter}`);
}

/** Loads a fixture with some files replaced and returns the DataFormatError it throws. */
async function failure(
  replace: Record<string, string | Uint8Array | null>,
): Promise<DataFormatError> {
  const dir = await writeFixture(freshDir(), replace);
  const error = await loadMovieLens100k(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

describe("loadMovieLens100k on a generated fixture", () => {
  it("maps ids in file order, keeps ratings in u.data order and reads attributes", async () => {
    const dir = await writeFixture(freshDir());
    const d = await loadMovieLens100k(dir);
    expect(d.name).toBe("ml-100k");
    expect(d.ratingScale).toEqual({ min: 1, max: 5 });
    expect(d.users.ids).toEqual(["7", "2", "3"]);
    expect(d.items.ids).toEqual(["1", "20", "3", "4"]);
    expect(Array.from(d.ratings.user)).toEqual([0, 1, 2, 0, 1]);
    expect(Array.from(d.ratings.item)).toEqual([0, 1, 0, 2, 0]);
    expect(Array.from(d.ratings.value)).toEqual([5, 3, 4, 1, 2]);
    const { gender, age, occupation, zip } = d.userAttributes;
    expect(gender).toEqual({ kind: "categorical", values: ["M", "F", "M"] });
    expect(age.kind).toBe("numeric");
    expect(Array.from(age.values as Float64Array)).toEqual([24, 53, 23]);
    expect(occupation.values).toEqual(["technician", "other", ""]);
    expect(zip.values).toEqual(["85711", "94043", ""]);
  });

  it("decodes Latin-1 titles and reads the genre matrix", async () => {
    const d = await loadMovieLens100k(await writeFixture(freshDir()));
    expect(d.itemAttributes.titles?.[1]).toBe("Misérables, Les (1995)");
    const genres = d.itemAttributes.genres!;
    expect(genres.names).toEqual(GENRES);
    const row = (i: number) => GENRES.filter((_, g) => genres.matrix[i * GENRES.length + g] === 1);
    expect(row(0)).toEqual(["Animation", "Children's", "Comedy"]);
    expect(row(1)).toEqual(["Drama", "Musical"]);
    expect(row(3)).toEqual(["unknown"]);
  });

  it("records name, size and SHA-256 of every file read", async () => {
    const dir = await writeFixture(freshDir());
    const d = await loadMovieLens100k(dir);
    expect(d.sources.map((s) => s.name)).toEqual(["u.data", "u.item", "u.user", "u.genre"]);
    for (const source of d.sources) {
      const bytes = await readFile(join(dir, source.name));
      expect(source.bytes).toBe(bytes.length);
      expect(source.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("tolerates a UTF-8 BOM, CRLF endings and extra trailing newlines", async () => {
    const plain = await loadMovieLens100k(await writeFixture(freshDir()));
    const texts = fixtureTexts();
    const crlf = (s: string) => `\ufeff${s.replace(/\n/g, "\r\n")}\r\n`;
    const dir = await writeFixture(freshDir(), {
      "u.data": crlf(texts["u.data"]),
      "u.user": crlf(texts["u.user"]),
      "u.genre": crlf(texts["u.genre"]),
      // A BOM marks u.item as re-saved in UTF-8: the title must still come out right.
      "u.item": Buffer.from(crlf(texts["u.item"]), "utf8"),
    });
    const d = await loadMovieLens100k(dir);
    expect(d.users).toEqual(plain.users);
    expect(d.items).toEqual(plain.items);
    expect(d.ratings).toEqual(plain.ratings);
    expect(d.userAttributes).toEqual(plain.userAttributes);
    expect(d.itemAttributes).toEqual(plain.itemAttributes);
  });

  it("reads a u.item re-saved as UTF-8 without BOM correctly", async () => {
    const dir = await writeFixture(freshDir(), {
      "u.item": Buffer.from(fixtureTexts()["u.item"], "utf8"),
    });
    const d = await loadMovieLens100k(dir);
    expect(d.itemAttributes.titles?.[1]).toBe("Misérables, Les (1995)");
  });
});

describe("loadMovieLens100k rejects bad input with file, line and field", () => {
  const data = fixtureTexts()["u.data"];
  const user = fixtureTexts()["u.user"];

  it("a comma-separated u.data", async () => {
    const e = await failure({ "u.data": data.replace(/\t/g, ",") });
    expect(e.file.endsWith("u.data")).toBe(true);
    expect(e.line).toBe(1);
    expect(e.message).toContain("TAB");
    expect(e.message).toContain("','-separated");
  });

  it("a missing field", async () => {
    const e = await failure({ "u.data": data.replace("3\t1\t4\t878542960", "3\t1\t4") });
    expect(e.line).toBe(3);
    expect(e.message).toContain("found 3");
  });

  it("an empty field", async () => {
    const e = await failure({ "u.data": data.replace("3\t1\t4\t878542960", "3\t\t4\t878542960") });
    expect([e.line, e.field]).toEqual([3, "item id"]);
  });

  it("non-numeric, non-integer and out-of-range ratings", async () => {
    for (const [bad, words] of [
      ["x", "must be a number"],
      ["4.5", "integer"],
      ["6", "outside 1..5"],
      ["0", "outside 1..5"],
    ]) {
      const e = await failure({ "u.data": data.replace("2\t20\t3\t", `2\t20\t${bad}\t`) });
      expect([e.line, e.field]).toEqual([2, "rating"]);
      expect(e.message).toContain(words);
    }
  });

  it("a non-numeric timestamp", async () => {
    const e = await failure({ "u.data": data.replace("876893119", "yesterday") });
    expect([e.line, e.field]).toEqual([4, "timestamp"]);
  });

  it("ratings of users not in u.user and of unknown items", async () => {
    const u = await failure({ "u.data": `${data}99\t1\t3\t1\n` });
    expect([u.line, u.field]).toEqual([6, "user id"]);
    expect(u.message).toContain('"99"');
    const i = await failure({ "u.data": `${data}7\t999\t3\t1\n` });
    expect([i.line, i.field]).toEqual([6, "item id"]);
    // "01" is not the id "1": ids compare as strings, not as numbers.
    const z = await failure({ "u.data": `${data}7\t01\t3\t1\n` });
    expect([z.line, z.field]).toEqual([6, "item id"]);
  });

  it("a duplicate (user, item) pair, naming both lines", async () => {
    const e = await failure({ "u.data": `${data}2\t20\t4\t1\n` });
    expect(e.line).toBe(6);
    expect(e.message).toContain("first on line 2");
  });

  it("a duplicate pair among non-numeric ids, naming both lines", async () => {
    const ids = {
      "u.user": user.replace("3|23|M||", "x3|23|M||"),
      "u.data": data.replace("3\t1\t4\t878542960", "x3\t1\t4\t878542960"),
    };
    const loaded = await loadMovieLens100k(await writeFixture(freshDir(), ids));
    expect(loaded.users.ids).toEqual(["7", "2", "x3"]);
    expect(loaded.ratings.user[2]).toBe(2);
    const e = await failure({ ...ids, "u.data": `${ids["u.data"]}x3\t1\t2\t5\n` });
    expect(e.line).toBe(6);
    expect(e.message).toContain("first on line 3");
  });

  it("an empty line inside u.data", async () => {
    const e = await failure({ "u.data": data.replace("\n", "\n\n") });
    expect(e.line).toBe(2);
    expect(e.message).toContain("empty line");
  });

  it("users without gender or age, or with a bad gender", async () => {
    const g = await failure({ "u.user": user.replace("2|53|F|", "2|53||") });
    expect([g.line, g.field]).toEqual([2, "gender"]);
    const x = await failure({ "u.user": user.replace("2|53|F|", "2|53|female|") });
    expect(x.field).toBe("gender");
    const a = await failure({ "u.user": user.replace("2|53|F|", "2||F|") });
    expect([a.line, a.field]).toEqual([2, "age"]);
    const n = await failure({ "u.user": user.replace("2|53|F|", "2|old|F|") });
    expect(n.field).toBe("age");
  });

  it("a user in u.user without any rating", async () => {
    const e = await failure({ "u.user": `${user}8|30|F|writer|12345\n` });
    expect(e.file.endsWith("u.user")).toBe(true);
    expect([e.line, e.field]).toEqual([4, "user id"]);
    expect(e.message).toContain("no ratings");
  });

  it("duplicate user ids and a wrong field count in u.user", async () => {
    const d = await failure({ "u.user": `${user}7|30|F|writer|12345\n` });
    expect(d.line).toBe(4);
    expect(d.message).toContain("line 1");
    const f = await failure({ "u.user": user.replace(/\|/g, "\t") });
    expect(f.line).toBe(1);
    expect(f.message).toContain("TAB-separated");
  });

  it("a bad genre flag and a short u.item line", async () => {
    const item = fixtureTexts()["u.item"];
    const flag = await failure({ "u.item": item.replace("|1|0|0\n", "|2|0|0\n") });
    expect([flag.line, flag.field]).toEqual([3, "Thriller"]);
    const short = await failure({ "u.item": item.replace("|http://x|", "|") });
    expect(short.line).toBe(1);
  });

  it("empty and missing files, naming the path expected", async () => {
    const empty = await failure({ "u.user": "" });
    expect(empty.message).toContain("empty");
    const onlyNewlines = await failure({ "u.genre": "\n\n" });
    expect(onlyNewlines.file.endsWith("u.genre")).toBe(true);
    const dir = await writeFixture(freshDir(), { "u.item": null });
    const missing = (await loadMovieLens100k(dir).catch((e: unknown) => e)) as DataFormatError;
    expect(missing).toBeInstanceOf(DataFormatError);
    expect(missing.message).toContain(join(dir, "u.item"));
  });
});

const realRoot = process.env.DEEPUNHIDE_DATA;
describe.skipIf(realRoot === undefined)("loadMovieLens100k on the real files", () => {
  it("matches the published statistics", async () => {
    const started = performance.now();
    const d = await loadMovieLens100k(join(realRoot!, "ml-100k"));
    const elapsed = performance.now() - started;
    expect(d.users.ids.length).toBe(943);
    expect(d.items.ids.length).toBe(1682);
    expect(d.ratings.value.length).toBe(100_000);
    const histogram = [0, 0, 0, 0, 0];
    for (const v of d.ratings.value) histogram[v - 1]++;
    expect(histogram).toEqual([6110, 11370, 27145, 34174, 21201]);
    const gender = d.userAttributes.gender.values as readonly string[];
    expect(gender.filter((g) => g === "M").length).toBe(670);
    expect(d.itemAttributes.titles).toContain("Misérables, Les (1995)");
    expect(d.sources[0].sha256).toBe(
      "06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490",
    );
    // Generous bound: the point is catching an accidental quadratic, not benchmarking.
    expect(elapsed).toBeLessThan(1000);
  });
});
