/**
 * Loader for MyAnimeList in the layout of the widely used Kaggle release (azathoth42,
 * "MyAnimeList Dataset"): `users_cleaned.csv`, `animelists_cleaned.csv` (several GB) and
 * `anime_cleaned.csv`. Every file is streamed (see `readDelimitedRecords`); ratings go
 * straight into growable typed arrays, so memory is 12 bytes per kept rating plus the id maps.
 */

import { join } from "node:path";
import { ConfigError, DataFormatError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";
import { type Attribute, createIdMap, type Dataset, type SourceFile } from "./dataset.js";
import {
  type DelimitedFormat,
  type DelimitedRecord,
  readHeadedRecords,
} from "./delimitedRecords.js";
import { keepUsers, usersWithRatings } from "./keepUsers.js";
import { findDuplicatePair, RatingsBuilder } from "./ratingsBuilder.js";
import { parseRatingValue } from "./ratingValue.js";

/** The three files, in the order their provenance is recorded. */
export const MYANIMELIST_FILES = [
  "animelists_cleaned.csv",
  "anime_cleaned.csv",
  "users_cleaned.csv",
] as const;

/** MyAnimeList scores: integers 1..10 (0 in the file means "not scored"). */
export const MYANIMELIST_RATING_SCALE = { min: 1, max: 10 } as const;

/** Options of {@link loadMyAnimeList}. */
export interface MyAnimeListConfig {
  /**
   * The day ages are computed at, `YYYY-MM-DD`. The data carries birth dates, not ages; the
   * default, 2018-05-01, is near the Kaggle release (its users were crawled in 2018), so ages
   * are the users' ages when they rated.
   */
  readonly referenceDate: string;
  /** One-line notes on what was dropped or kept and why. */
  readonly onInfo?: (message: string) => void;
}

/** Defaults of {@link MyAnimeListConfig}. */
export const DEFAULT_MYANIMELIST_CONFIG: MyAnimeListConfig = { referenceDate: "2018-05-01" };

/** Oldest plausible age: a birth date giving more (or a negative age) counts as not stated. */
const MAX_AGE = 120;

const CSV: DelimitedFormat = { delimiter: ",", quotes: true };

/**
 * Loads MyAnimeList from a folder holding the three files, found by column name in their
 * headers: `users_cleaned.csv` (`username`, `gender`, `birth_date`), `animelists_cleaned.csv`
 * (`username`, `anime_id`, `my_score`), `anime_cleaned.csv` (`anime_id`, `title`, `genre`).
 *
 * - Ratings: `my_score` 0 means "not scored" and is dropped; 1..10 are kept; anything else
 *   is a {@link DataFormatError}. A username missing from `users_cleaned.csv` is an error; an
 *   anime missing from `anime_cleaned.csv` is kept as an item without title or genres (the
 *   Kaggle anime file lists fewer titles than the lists rate). Duplicate (user, anime) scores
 *   are rejected, naming both lines.
 * - Users: `gender` "Male"/"Female" become "M"/"F"; "Non-Binary" or empty become missing
 *   (""), since the groups are binary; other values are errors. `age` is the age in whole years
 *   on `referenceDate` from `birth_date` (`YYYY-MM-DD`, optionally followed by a time); an
 *   empty date, or one giving an age outside 0..120, is missing (NaN); malformed text is an
 *   error. Users who scored nothing are dropped (their factors would be noise).
 * - Items: titles and the genre matrix (`genre` is a comma-separated list; genre names sorted).
 */
export async function loadMyAnimeList(
  dir: string,
  config: Partial<MyAnimeListConfig> = {},
): Promise<Dataset> {
  const { referenceDate, onInfo } = withDefaults(DEFAULT_MYANIMELIST_CONFIG, config);
  const reference = parseReferenceDate(referenceDate);
  const usersPath = join(dir, "users_cleaned.csv");
  const animePath = join(dir, "anime_cleaned.csv");
  const listsPath = join(dir, "animelists_cleaned.csv");

  const users = await readUsers(usersPath, reference);
  const anime = await readAnime(animePath);
  const itemIds = [...anime.ids];
  const itemIndex = new Map<number, number>();
  for (let i = 0; i < itemIds.length; i++) itemIndex.set(Number(itemIds[i]), i);

  const builder = new RatingsBuilder(1 << 20);
  let unscored = 0;
  // The lists are grouped by user: remembering the last username's bytes and index saves a
  // string and a map lookup on almost every line.
  let lastName = new Uint8Array(0);
  let lastUser = -1;
  const listColumns = ["username", "anime_id", "my_score"];
  const listsSource = await readHeadedRecords(listsPath, CSV, listColumns, (record, columns) => {
    const line = record.line;
    const [userCol, animeCol, scoreCol] = columns;
    const score = record.integer(scoreCol);
    if (score === 0) {
      unscored++;
      return;
    }
    const value =
      score > 0 && score <= 10
        ? score
        : parseRatingValue(record.text(scoreCol), MYANIMELIST_RATING_SCALE, true, {
            file: listsPath,
            line,
            field: "my_score",
          });
    const name = record.bytes(userCol);
    if (!sameBytes(name, lastName)) {
      const username = record.text(userCol);
      const user = users.index.get(username);
      if (user === undefined) {
        throw new DataFormatError(
          { file: listsPath, line, field: "username" },
          username === "" ? "username is empty" : `user "${username}" is not in users_cleaned.csv`,
        );
      }
      // A copy: `name` views the reader's buffer, which the next record overwrites.
      lastName = new Uint8Array(name);
      lastUser = user;
    }
    const animeId = animeIdOf(record, animeCol, listsPath);
    let item = itemIndex.get(animeId);
    if (item === undefined) {
      item = itemIds.length;
      itemIds.push(String(animeId));
      itemIndex.set(animeId, item);
    }
    builder.add(lastUser, item, value);
  });
  const ratings = builder.finish();
  if (ratings.value.length === 0) {
    throw new DataFormatError({ file: listsPath }, "no scored anime (every my_score is 0)");
  }
  const duplicate = findDuplicatePair(ratings, users.ids.length, itemIds.length);
  if (duplicate !== undefined) {
    const username = users.ids[ratings.user[duplicate[0]]];
    const animeId = Number(itemIds[ratings.item[duplicate[0]]]);
    const lines: number[] = [];
    await readHeadedRecords(
      listsPath,
      CSV,
      listColumns,
      (record, [userCol, animeCol, scoreCol]) => {
        if (
          lines.length < 2 &&
          record.integer(animeCol) === animeId &&
          record.integer(scoreCol) !== 0 &&
          record.text(userCol) === username
        ) {
          lines.push(record.line);
        }
      },
    );
    throw new DataFormatError(
      { file: listsPath, line: lines[1], field: "anime_id" },
      `user "${username}" scores anime ${animeId} again (first on line ${lines[0]}); duplicate (user, anime) pairs are rejected`,
    );
  }
  const untitled = itemIds.length - anime.ids.length;
  const titles = [...anime.titles, ...new Array<string>(untitled).fill("")];
  const genreWidth = anime.genres.names.length;
  const genreMatrix = new Uint8Array(itemIds.length * genreWidth);
  genreMatrix.set(anime.genres.matrix);
  const full: Dataset = {
    name: "myanimelist",
    users: createIdMap(users.ids),
    items: createIdMap(itemIds),
    ratings,
    ratingScale: MYANIMELIST_RATING_SCALE,
    userAttributes: users.attributes,
    itemAttributes: { titles, genres: { names: anime.genres.names, matrix: genreMatrix } },
    sources: [listsSource, anime.source, users.source] satisfies SourceFile[],
  };
  const rated = usersWithRatings(full);
  const dataset = keepUsers(full, rated);
  const dropped = users.ids.length - dataset.users.ids.length;
  onInfo?.(
    `MyAnimeList: ${ratings.value.length.toLocaleString("en-US")} scores kept, ${unscored.toLocaleString("en-US")} unscored entries (my_score 0) dropped, ${dropped.toLocaleString("en-US")} users without scores dropped${untitled > 0 ? `, ${untitled.toLocaleString("en-US")} anime not in anime_cleaned.csv kept without title` : ""}`,
  );
  return dataset;
}

interface ParsedUsers {
  readonly ids: string[];
  readonly index: Map<string, number>;
  readonly attributes: Record<string, Attribute>;
  readonly source: SourceFile;
}

/** Reads `users_cleaned.csv`: usernames, gender and age at the reference date. */
async function readUsers(path: string, reference: CalendarDate): Promise<ParsedUsers> {
  const ids: string[] = [];
  const index = new Map<string, number>();
  const gender: string[] = [];
  const ages: number[] = [];
  const wanted = ["username", "gender", "birth_date"];
  const source = await readHeadedRecords(path, CSV, wanted, (record, columns) => {
    const line = record.line;
    const [userCol, genderCol, birthCol] = columns;
    const username = record.text(userCol);
    if (username === "") {
      throw new DataFormatError({ file: path, line, field: "username" }, "username is empty");
    }
    if (index.has(username)) {
      throw new DataFormatError(
        { file: path, line, field: "username" },
        `user "${username}" is listed twice`,
      );
    }
    index.set(username, ids.length);
    ids.push(username);
    gender.push(parseGender(record.text(genderCol).trim(), path, line));
    ages.push(ageAt(record.text(birthCol).trim(), reference, path, line));
  });
  if (ids.length === 0) throw new DataFormatError({ file: path }, "file has no users");
  return {
    ids,
    index,
    attributes: {
      gender: { kind: "categorical", values: gender },
      age: { kind: "numeric", values: Float64Array.from(ages) },
    },
    source,
  };
}

interface ParsedAnime {
  readonly ids: string[];
  readonly titles: string[];
  readonly genres: { readonly names: string[]; readonly matrix: Uint8Array };
  readonly source: SourceFile;
}

/** Reads `anime_cleaned.csv`: ids, titles and genre lists. */
async function readAnime(path: string): Promise<ParsedAnime> {
  const ids: string[] = [];
  const titles: string[] = [];
  const itemGenres: string[][] = [];
  const seenAt = new Map<number, number>();
  const wanted = ["anime_id", "title", "genre"];
  const source = await readHeadedRecords(path, CSV, wanted, (record, columns) => {
    const line = record.line;
    const [idCol, titleCol, genreCol] = columns;
    const id = animeIdOf(record, idCol, path);
    const previous = seenAt.get(id);
    if (previous !== undefined) {
      throw new DataFormatError(
        { file: path, line, field: "anime_id" },
        `anime ${id} already listed on line ${previous}`,
      );
    }
    seenAt.set(id, line);
    ids.push(String(id));
    titles.push(record.text(titleCol));
    itemGenres.push(
      record
        .text(genreCol)
        .split(",")
        .map((genre) => genre.trim())
        .filter((genre) => genre !== ""),
    );
  });
  const names = [...new Set(itemGenres.flat())].sort();
  const genreIndex = new Map(names.map((name, g) => [name, g]));
  const matrix = new Uint8Array(ids.length * names.length);
  itemGenres.forEach((genres, i) => {
    for (const genre of genres) matrix[i * names.length + (genreIndex.get(genre) as number)] = 1;
  });
  return { ids, titles, genres: { names, matrix }, source };
}

/** The anime id in field `column`: a non-negative integer, else a {@link DataFormatError}. */
function animeIdOf(record: DelimitedRecord, column: number, path: string): number {
  const id = record.integer(column);
  if (id < 0) {
    throw new DataFormatError(
      { file: path, line: record.line, field: "anime_id" },
      `anime_id must be a non-negative integer, got "${record.text(column)}"`,
    );
  }
  return id;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** "Male"/"Female" (or "M"/"F") → "M"/"F"; "Non-Binary" or empty → missing. */
function parseGender(text: string, path: string, line: number): string {
  switch (text) {
    case "Male":
    case "M":
      return "M";
    case "Female":
    case "F":
      return "F";
    case "Non-Binary":
    case "":
      return "";
    default:
      throw new DataFormatError(
        { file: path, line, field: "gender" },
        `gender must be "Male", "Female", "Non-Binary" or empty, got "${text}"`,
      );
  }
}

interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T][0-9:.]*)?$/;

/** A `YYYY-MM-DD` date, or undefined when the text is not one (month 1–12, day 1–31). */
function parseDate(text: string): CalendarDate | undefined {
  const match = DATE.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day };
}

function parseReferenceDate(text: string): CalendarDate {
  const date = parseDate(text);
  if (date === undefined) {
    throw new ConfigError(`the reference date must be YYYY-MM-DD, got "${text}"`);
  }
  return date;
}

/** Whole years from `birth` to `reference`; NaN when empty or implausible. */
function ageAt(text: string, reference: CalendarDate, path: string, line: number): number {
  if (text === "") return Number.NaN;
  const birth = parseDate(text);
  if (birth === undefined) {
    throw new DataFormatError(
      { file: path, line, field: "birth_date" },
      `birth_date must be a date YYYY-MM-DD (optionally with a time), got "${text}"`,
    );
  }
  const beforeBirthday =
    reference.month < birth.month || (reference.month === birth.month && reference.day < birth.day);
  const age = reference.year - birth.year - (beforeBirthday ? 1 : 0);
  return age >= 0 && age <= MAX_AGE ? age : Number.NaN;
}
