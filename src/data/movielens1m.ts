/**
 * Loader for MovieLens 1M (`ratings.dat`, `users.dat`, `movies.dat`, `::`-separated), with
 * the same strictness as the ML-100K loader, and the age rule for its age bands.
 */

import { join } from "node:path";
import { ConfigError, DataFormatError } from "../errors.js";
import {
  type Attribute,
  createIdMap,
  type Dataset,
  type GenreMatrix,
  type IdMap,
} from "./dataset.js";
import { readDelimitedRecords } from "./delimitedRecords.js";
import { ageRuleAt, type BinaryGroupRule } from "./groups.js";
import { createIdLookup, lookupRecordId, registerId } from "./idLookup.js";
import { findDuplicatePair, RatingsBuilder } from "./ratingsBuilder.js";
import { parseRatingValue } from "./ratingValue.js";
import { ML100K_GENRES } from "./synthetic.js";
import { type LoadedFile, readDataFile, splitFields, textLines } from "./textFile.js";

/** Files of ML-1M the loader reads, in the order their provenance is recorded. */
export const ML1M_FILES = ["ratings.dat", "movies.dat", "users.dat"] as const;

/** Inclusive rating scale of ML-1M. */
export const ML1M_RATING_SCALE = { min: 1, max: 5 } as const;

/**
 * ML-1M's age codes: each is the lower bound of a band (1 stands for "under 18"). The `age`
 * attribute of the dataset holds the code.
 */
export const ML1M_AGE_BANDS: readonly { readonly code: number; readonly label: string }[] = [
  { code: 1, label: "under 18" },
  { code: 18, label: "18-24" },
  { code: 25, label: "25-34" },
  { code: 35, label: "35-44" },
  { code: 45, label: "45-49" },
  { code: 50, label: "50-55" },
  { code: 56, label: "56+" },
];

/**
 * Default age cut on ML-1M: senior = 45 or older. The paper's cut, 40, falls inside the
 * 35–44 band, so it cannot be applied to ML-1M; 45 is the nearest boundary above it.
 */
export const ML1M_DEFAULT_AGE_THRESHOLD = 45;

/** The genres of ML-1M's README, in its order (ML-100K's without "unknown"); others found in `movies.dat` follow. */
export const ML1M_GENRES: readonly string[] = ML100K_GENRES.slice(1);

/**
 * The age rule for ML-1M's bands: a band is senior (minority) when its lower bound is at
 * least `threshold`, young otherwise. Because only bands are known, the threshold must be a
 * band boundary (18, 25, 35, 45, 50 or 56), where the rule is exact: every user of a senior
 * band is at least `threshold` years old and every user of a young band is younger. A
 * threshold inside a band (e.g. 40, inside 35–44) would put people of both sides in one
 * group, so it is a {@link ConfigError} naming the two nearest boundaries.
 */
export function ml1mAgeRule(threshold: number = ML1M_DEFAULT_AGE_THRESHOLD): BinaryGroupRule {
  const boundaries = ML1M_AGE_BANDS.slice(1).map((band) => band.code);
  if (!boundaries.includes(threshold)) {
    const inside = [...ML1M_AGE_BANDS].reverse().find((band) => band.code <= threshold);
    const below = [...boundaries].reverse().find((b) => b < threshold);
    const above = boundaries.find((b) => b > threshold);
    const where =
      inside !== undefined && threshold > inside.code
        ? `${threshold} falls inside the age band ${inside.label}`
        : `${threshold} is not a band boundary`;
    const nearest = [below, above].filter((b) => b !== undefined).join(" or ");
    throw new ConfigError(
      `age threshold ${where}: MovieLens 1M records only age bands, so the threshold must be a band boundary (${boundaries.join(", ")})${nearest !== "" ? `; the nearest are ${nearest}` : ""}`,
    );
  }
  return ageRuleAt(threshold);
}

/**
 * Loads MovieLens 1M from a folder holding `ratings.dat`, `users.dat` and `movies.dat`.
 *
 * Users are indexed in `users.dat` order, items in `movies.dat` order; ratings keep
 * `ratings.dat` order. User attributes: `gender` ("M"/"F"), `age` (the band code, see
 * {@link ML1M_AGE_BANDS}), `occupation` (the code, 0–20), `zip`. Item attributes: titles
 * (Latin-1, as distributed) and the genre matrix.
 *
 * `ratings.dat` lines are `UserID::MovieID::Rating::Timestamp`; a line without the timestamp
 * (unused) is accepted. Rejected, each as a {@link DataFormatError} naming file, line and
 * field: wrong field counts, ratings that are not integers in 1..5, users or movies missing
 * from `users.dat`/`movies.dat`, duplicate (user, movie) pairs (both lines named), users
 * without ratings, unknown gender or age codes, duplicate ids, empty files.
 */
export async function loadMovieLens1m(dir: string): Promise<Dataset> {
  const [items, users] = await Promise.all([
    readDataFile(dir, "movies.dat").then(parseMoviesFile),
    readDataFile(dir, "users.dat").then(parseUsersFile),
  ]);
  const ratingsPath = join(dir, "ratings.dat");
  const userLookup = createIdLookup(users.ids);
  const itemLookup = createIdLookup(items.ids);
  const builder = new RatingsBuilder(1 << 20);
  const format = { delimiter: "::", quotes: false, encoding: "latin1" } as const;
  const ratingsSource = await readDelimitedRecords(ratingsPath, format, (record) => {
    const line = record.line;
    if (record.fieldCount !== 4 && record.fieldCount !== 3) {
      throw new DataFormatError(
        { file: ratingsPath, line },
        `expected 4 '::'-separated fields (UserID::MovieID::Rating::Timestamp, the timestamp may be left out), found ${record.fieldCount}`,
      );
    }
    const user = lookupRecordId(userLookup, record, 0);
    if (user < 0) {
      throw new DataFormatError(
        { file: ratingsPath, line, field: "UserID" },
        `user "${record.text(0)}" is not in users.dat`,
      );
    }
    const item = lookupRecordId(itemLookup, record, 1);
    if (item < 0) {
      throw new DataFormatError(
        { file: ratingsPath, line, field: "MovieID" },
        `movie "${record.text(1)}" is not in movies.dat`,
      );
    }
    const value = parseRatingValue(record.text(2), ML1M_RATING_SCALE, true, {
      file: ratingsPath,
      line,
      field: "Rating",
    });
    builder.add(user, item, value);
  });
  const ratings = builder.finish();
  const duplicate = findDuplicatePair(ratings, users.ids.ids.length, items.ids.ids.length);
  if (duplicate !== undefined) {
    // Every line of ratings.dat is one rating (no header, no quoting, blank lines rejected),
    // so rating r is on line r + 1.
    throw new DataFormatError(
      { file: ratingsPath, line: duplicate[1] + 1, field: "MovieID" },
      `user "${users.ids.ids[ratings.user[duplicate[0]]]}" rates movie "${items.ids.ids[ratings.item[duplicate[0]]]}" again (first on line ${duplicate[0] + 1}); duplicate (user, movie) pairs are rejected`,
    );
  }
  const counts = new Int32Array(users.ids.ids.length);
  for (let r = 0; r < ratings.user.length; r++) counts[ratings.user[r]]++;
  const idle = counts.indexOf(0);
  if (idle >= 0) {
    throw new DataFormatError(
      { file: users.path, line: idle + 1, field: "UserID" },
      `user "${users.ids.ids[idle]}" has no ratings in ratings.dat; every user needs ratings to get meaningful factors`,
    );
  }
  return {
    name: "ml-1m",
    users: users.ids,
    items: items.ids,
    ratings,
    ratingScale: ML1M_RATING_SCALE,
    userAttributes: users.attributes,
    itemAttributes: { titles: items.titles, genres: items.genres },
    sources: [ratingsSource, items.source, users.source],
  };
}

interface ParsedMovies {
  readonly ids: IdMap;
  readonly titles: string[];
  readonly genres: GenreMatrix;
  readonly source: LoadedFile["source"];
}

/** Reads `movies.dat` (`MovieID::Title::Genre|Genre|…`). */
function parseMoviesFile(file: LoadedFile): ParsedMovies {
  const lines = textLines(file);
  const ids: string[] = new Array(lines.length);
  const titles: string[] = new Array(lines.length);
  const itemGenres: string[][] = new Array(lines.length);
  const genreNames: string[] = [...ML1M_GENRES];
  const genreIndex = new Map(genreNames.map((name, g) => [name, g]));
  const seenAt = new Map<string, number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const [id, title, genres] = splitFields(file.path, line, lineNo, "::", 3);
    registerId(seenAt, id, { file: file.path, line: lineNo, field: "MovieID" }, "movie id");
    ids[i] = id;
    titles[i] = title;
    itemGenres[i] = genres === "" ? [] : genres.split("|");
    for (const genre of itemGenres[i]) {
      if (!genreIndex.has(genre)) {
        genreIndex.set(genre, genreNames.length);
        genreNames.push(genre);
      }
    }
  });
  const width = genreNames.length;
  const matrix = new Uint8Array(lines.length * width);
  itemGenres.forEach((genres, i) => {
    for (const genre of genres) matrix[i * width + (genreIndex.get(genre) as number)] = 1;
  });
  return {
    ids: createIdMap(ids),
    titles,
    genres: { names: genreNames, matrix },
    source: file.source,
  };
}

interface ParsedUsers {
  readonly ids: IdMap;
  readonly attributes: Record<string, Attribute>;
  readonly path: string;
  readonly source: LoadedFile["source"];
}

/** Reads `users.dat` (`UserID::Gender::Age::Occupation::Zip-code`). */
function parseUsersFile(file: LoadedFile): ParsedUsers {
  const lines = textLines(file);
  const n = lines.length;
  const ids: string[] = new Array(n);
  const gender: string[] = new Array(n);
  const age = new Float64Array(n);
  const occupation: string[] = new Array(n);
  const zip: string[] = new Array(n);
  const codes = new Set(ML1M_AGE_BANDS.map((band) => band.code));
  const seenAt = new Map<string, number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const fields = splitFields(file.path, line, lineNo, "::", 5);
    const id = fields[0];
    registerId(seenAt, id, { file: file.path, line: lineNo, field: "UserID" }, "user id");
    if (fields[1] !== "M" && fields[1] !== "F") {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "Gender" },
        `gender must be "M" or "F", got "${fields[1]}"`,
      );
    }
    const code = /^\d+$/.test(fields[2]) ? Number(fields[2]) : Number.NaN;
    if (!codes.has(code)) {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "Age" },
        `age must be one of the ML-1M band codes ${[...codes].join(", ")}, got "${fields[2]}"`,
      );
    }
    ids[i] = id;
    gender[i] = fields[1];
    age[i] = code;
    occupation[i] = fields[3];
    zip[i] = fields[4];
  });
  return {
    ids: createIdMap(ids),
    attributes: {
      gender: { kind: "categorical", values: gender },
      age: { kind: "numeric", values: age },
      occupation: { kind: "categorical", values: occupation },
      zip: { kind: "categorical", values: zip },
    },
    path: file.path,
    source: file.source,
  };
}
