/**
 * MyAnimeList files in the layout of the Kaggle release (azathoth42/myanimelist), written by
 * the tests: the real column order, quoted fields holding commas, quotes and line breaks.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** Column headers of the Kaggle files (the loader looks columns up by name). */
export const MAL_USER_COLUMNS = [
  "username",
  "user_id",
  "user_watching",
  "user_completed",
  "user_onhold",
  "user_dropped",
  "user_plantowatch",
  "user_days_spent_watching",
  "gender",
  "location",
  "birth_date",
  "access_rank",
  "join_date",
  "last_online",
  "stats_mean_score",
  "stats_rewatched",
  "stats_episodes",
];
export const MAL_LIST_COLUMNS = [
  "username",
  "anime_id",
  "my_watched_episodes",
  "my_start_date",
  "my_finish_date",
  "my_score",
  "my_status",
  "my_rewatching",
  "my_rewatching_ep",
  "my_last_updated",
  "my_tags",
];
export const MAL_ANIME_COLUMNS = [
  "anime_id",
  "title",
  "title_english",
  "type",
  "genre",
  "background",
];

/** One CSV line, quoting as pandas does (only when needed). */
export function csvRow(fields: readonly (string | number)[]): string {
  return fields
    .map(String)
    .map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f))
    .join(",");
}

/** A users_cleaned.csv row with the given username, gender and birth date. */
export function userRow(
  username: string,
  gender: string,
  birth: string,
  location = "Tokyo, Japan",
): string {
  return csvRow([
    username,
    1,
    2,
    3,
    0,
    0,
    1,
    12.5,
    gender,
    location,
    birth,
    "",
    "2014-01-01",
    "2018-05-01 10:00:00",
    7.5,
    0,
    100,
  ]);
}

/** An animelists_cleaned.csv row. */
export function listRow(
  username: string,
  animeId: number | string,
  score: number | string,
  tags = "",
): string {
  return csvRow([
    username,
    animeId,
    12,
    "0000-00-00",
    "0000-00-00",
    score,
    2,
    "",
    0,
    "2017-01-01 00:00:00",
    tags,
  ]);
}

/** An anime_cleaned.csv row. */
export function animeRow(id: number, title: string, genre: string, background = ""): string {
  return csvRow([id, title, title, "TV", genre, background]);
}

/** The fixture's files: 4 users (one Non-Binary, one without birth date, one who scored nothing). */
export function malFixtureTexts(): Record<string, string> {
  return {
    "users_cleaned.csv": `${[
      csvRow(MAL_USER_COLUMNS),
      userRow("karthiga", "Female", "1990-04-29 00:00:00"),
      userRow("Damonashu", "Male", "1990-05-01"),
      userRow("bskai", "Non-Binary", "1995-12-31 00:00:00", 'Somewhere, "quoted"'),
      userRow("shadow", "Male", ""),
      userRow("lurker", "Female", "2000-01-01"),
    ].join("\n")}\n`,
    "anime_cleaned.csv": `${[
      csvRow(MAL_ANIME_COLUMNS),
      animeRow(21, "One Piece", "Action, Adventure, Comedy, Shounen", 'Line one,\nline "two"'),
      animeRow(59, "Chobits", "Sci-Fi, Comedy, Drama, Romance"),
      animeRow(74, "Gakuen Alice", ""),
    ].join("\n")}\n`,
    "animelists_cleaned.csv": `${[
      csvRow(MAL_LIST_COLUMNS),
      listRow("karthiga", 21, 9),
      listRow("karthiga", 59, 0),
      listRow("karthiga", 74, 7, "tag, with comma\nand newline"),
      listRow("Damonashu", 21, 10),
      listRow("Damonashu", 999, 3),
      listRow("bskai", 59, 1),
      listRow("shadow", 74, 5),
      listRow("lurker", 21, 0),
    ].join("\n")}\n`,
  };
}

/** Writes the fixture (optionally with files replaced) into `dir`; returns `dir`. */
export async function writeMalFixture(
  dir: string,
  replace: Record<string, string> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(malFixtureTexts())) {
    await writeFile(join(dir, name), replace[name] ?? text);
  }
  return dir;
}
