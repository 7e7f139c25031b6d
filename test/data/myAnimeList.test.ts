import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadMyAnimeList } from "../../src/data/myAnimeList.js";
import { ConfigError, DataFormatError } from "../../src/errors.js";
import { sha256Hex } from "../../src/util/sha256.js";
import {
  animeRow,
  csvRow,
  listRow,
  MAL_LIST_COLUMNS,
  MAL_USER_COLUMNS,
  malFixtureTexts,
  userRow,
  writeMalFixture,
} from "./malFixture.js";

const root = await mkdtemp(join(tmpdir(), "du-mal-"));
let caseNo = 0;
const fresh = (replace: Record<string, string> = {}) =>
  writeMalFixture(join(root, `case-${++caseNo}`), replace);
afterAll(() => rm(root, { recursive: true, force: true }));

const texts = malFixtureTexts();
const lists = (...rows: string[]) => `${[csvRow(MAL_LIST_COLUMNS), ...rows].join("\n")}\n`;
const usersFile = (...rows: string[]) => `${[csvRow(MAL_USER_COLUMNS), ...rows].join("\n")}\n`;

async function formatError(replace: Record<string, string>): Promise<DataFormatError> {
  const error = await loadMyAnimeList(await fresh(replace)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

describe("loadMyAnimeList on a fixture in the Kaggle layout", () => {
  it("keeps scores 1..10, drops zero scores and users who scored nothing, maps usernames to dense ids", async () => {
    const notes: string[] = [];
    const dataset = await loadMyAnimeList(await fresh(), { onInfo: (m) => notes.push(m) });
    expect(dataset.name).toBe("myanimelist");
    expect(dataset.users.ids).toEqual(["karthiga", "Damonashu", "bskai", "shadow"]);
    expect(dataset.items.ids).toEqual(["21", "59", "74", "999"]);
    expect(Array.from(dataset.ratings.user)).toEqual([0, 0, 1, 1, 2, 3]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 2, 0, 3, 1, 2]);
    expect(Array.from(dataset.ratings.value)).toEqual([9, 7, 10, 3, 1, 5]);
    expect(dataset.ratingScale).toEqual({ min: 1, max: 10 });
    expect(notes.join("\n")).toMatch(
      /6 scores kept, 2 unscored entries.*1 users without scores dropped, 1 anime not in anime_cleaned\.csv/,
    );
  });

  it("tells apart users whose names have the same length, interleaved in the lists", async () => {
    const dataset = await loadMyAnimeList(
      await fresh({
        "users_cleaned.csv": usersFile(
          userRow("alice", "Female", ""),
          userRow("bobby", "Male", ""),
        ),
        "animelists_cleaned.csv": lists(
          listRow("alice", 21, 1),
          listRow("bobby", 21, 2),
          listRow("bobby", 59, 3),
          listRow("alice", 59, 4),
        ),
      }),
    );
    expect(Array.from(dataset.ratings.user)).toEqual([0, 1, 1, 0]);
    expect(Array.from(dataset.ratings.value)).toEqual([1, 2, 3, 4]);
  });

  it("reads gender as M/F with Non-Binary and empty missing, and age in whole years at the reference date", async () => {
    const dataset = await loadMyAnimeList(await fresh());
    expect(dataset.userAttributes.gender).toEqual({
      kind: "categorical",
      values: ["F", "M", "", "M"],
    });
    const age = (d: typeof dataset) =>
      Array.from((d.userAttributes.age as { values: Float64Array }).values);
    // Born 1990-04-29 and 1990-05-01: 28 and 28 on 2018-05-01 (a birthday on the day counts).
    expect(age(dataset)).toEqual([28, 28, 22, Number.NaN]);
    const earlier = await loadMyAnimeList(await fresh(), { referenceDate: "2018-04-30" });
    expect(age(earlier)).toEqual([28, 27, 22, Number.NaN]);
    await expect(loadMyAnimeList(await fresh(), { referenceDate: "May 2018" })).rejects.toThrow(
      ConfigError,
    );
  });

  it("reads titles with commas and genre lists into the genre matrix; unlisted anime have no title", async () => {
    const dir = await fresh();
    const dataset = await loadMyAnimeList(dir);
    expect(dataset.itemAttributes.titles).toEqual(["One Piece", "Chobits", "Gakuen Alice", ""]);
    const genres = dataset.itemAttributes.genres!;
    expect(genres.names).toEqual([
      "Action",
      "Adventure",
      "Comedy",
      "Drama",
      "Romance",
      "Sci-Fi",
      "Shounen",
    ]);
    const of = (item: number) =>
      genres.names.filter((_, g) => genres.matrix[item * genres.names.length + g] === 1);
    expect(of(0)).toEqual(["Action", "Adventure", "Comedy", "Shounen"]);
    expect(of(1)).toEqual(["Comedy", "Drama", "Romance", "Sci-Fi"]);
    expect(of(2)).toEqual([]);
    expect(of(3)).toEqual([]);
    for (const source of dataset.sources) {
      expect(source.sha256).toBe(sha256Hex(await readFile(join(dir, source.name))));
    }
  });
});

describe("loadMyAnimeList rejects bad input with file, line and field", () => {
  it("a quoted field left open", async () => {
    const error = await formatError({
      "anime_cleaned.csv": `${texts["anime_cleaned.csv"]}${animeRow(80, "Ok", "Drama").replace("Ok", '"Never closed')}\n`,
    });
    expect(error.file).toMatch(/anime_cleaned\.csv$/);
    expect(error.line).toBe(6);
    expect(error.field).toBe("title");
    expect(error.message).toMatch(/never closed/);
  });

  it("truncated lines and wrong column counts", async () => {
    const truncated = await formatError({
      "animelists_cleaned.csv": lists(listRow("karthiga", 21, 9), "karthiga,59"),
    });
    expect(truncated.file).toMatch(/animelists_cleaned\.csv$/);
    expect(truncated.line).toBe(3);
    expect(truncated.message).toMatch(
      /expected 11 ','-separated fields \(as in the header\), found 2/,
    );
    const extra = await formatError({
      "users_cleaned.csv": usersFile(`${userRow("a", "Male", "")},x`),
    });
    expect(extra.line).toBe(2);
  });

  it("non-numeric and out-of-scale scores", async () => {
    for (const [score, reason] of [
      ["great", /must be a number/],
      ["11", /11 is outside 1\.\.10/],
      ["7.5", /must be an integer 1\.\.10/],
      ["-1", /-1 is outside/],
    ] as const) {
      const error = await formatError({
        "animelists_cleaned.csv": lists(listRow("karthiga", 21, 9), listRow("karthiga", 59, score)),
      });
      expect([error.line, error.field], score).toEqual([3, "my_score"]);
      expect(error.message, score).toMatch(reason);
    }
  });

  it("unknown users, duplicate users and duplicate scores (naming both lines)", async () => {
    const unknown = await formatError({
      "animelists_cleaned.csv": lists(listRow("karthiga", 21, 9), listRow("nobody", 21, 9)),
    });
    expect([unknown.line, unknown.field]).toEqual([3, "username"]);
    expect(unknown.message).toMatch(/user "nobody" is not in users_cleaned\.csv/);
    const twice = await formatError({
      "users_cleaned.csv": usersFile(userRow("a", "Male", ""), userRow("a", "Female", "")),
    });
    expect([twice.line, twice.field]).toEqual([3, "username"]);
    const pair = await formatError({
      "animelists_cleaned.csv": lists(
        listRow("karthiga", 21, 9, "multi\nline"),
        listRow("Damonashu", 21, 8),
        listRow("karthiga", 21, 0),
        listRow("karthiga", 21, 4),
      ),
    });
    expect(pair.line).toBe(6);
    expect(pair.message).toMatch(/first on line 2/);
  });

  it("bad gender, bad birth date, a missing column and a bad anime id", async () => {
    const gender = await formatError({ "users_cleaned.csv": usersFile(userRow("a", "Robot", "")) });
    expect([gender.line, gender.field]).toEqual([2, "gender"]);
    const birth = await formatError({
      "users_cleaned.csv": usersFile(userRow("a", "Male", "29/04/1990")),
    });
    expect([birth.line, birth.field]).toEqual([2, "birth_date"]);
    const column = await formatError({
      "animelists_cleaned.csv": "username,anime_id,score\nkarthiga,21,9\n",
    });
    expect([column.line, column.field]).toEqual([1, "my_score"]);
    expect(column.message).toMatch(/no column "my_score".*username, anime_id, score/);
    const id = await formatError({
      "animelists_cleaned.csv": lists(listRow("karthiga", "x21", 9)),
    });
    expect([id.line, id.field]).toEqual([2, "anime_id"]);
  });
});
