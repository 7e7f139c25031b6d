/**
 * Loader for MovieLens 100K (`u.data`, `u.user`, `u.item`, `u.genre`), strict about format so
 * that a damaged or substituted file fails with its file, line and field instead of yielding
 * silently wrong factors.
 */

import { DataFormatError } from "../errors.js";
import {
  type Attribute,
  createIdMap,
  type Dataset,
  type GenreMatrix,
  type IdMap,
  type Ratings,
} from "./dataset.js";
import {
  createIdLookup,
  type IdLookup,
  lookupIdText,
  parseCanonicalInt,
  registerId,
} from "./idLookup.js";
import {
  bomLength,
  decodeLatin1OrUtf8,
  guessDelimiter,
  type LoadedFile,
  readDataFile,
  splitFields,
  textLines,
} from "./textFile.js";

/** Files of ML-100K the loader reads, in the order their provenance is recorded. */
export const ML100K_FILES = ["u.data", "u.item", "u.user", "u.genre"] as const;

/** Inclusive rating scale of ML-100K. */
export const ML100K_RATING_SCALE = { min: 1, max: 5 } as const;

/** The four input files of {@link parseMovieLens100k}, as bytes with provenance. */
export interface MovieLens100kFiles {
  readonly data: LoadedFile;
  readonly item: LoadedFile;
  readonly user: LoadedFile;
  readonly genre: LoadedFile;
}

/**
 * Loads MovieLens 100K from a folder holding `u.data`, `u.item`, `u.user` and `u.genre`.
 *
 * Users are indexed in `u.user` order and items in `u.item` order; ratings keep `u.data`
 * order. User attributes: `gender` ("M"/"F"), `age` (numeric), `occupation`, `zip`
 * (categorical). Item attributes: titles and the genre matrix.
 *
 * Policies (each a {@link DataFormatError} naming file, 1-based line and field):
 * - a duplicate (user, item) pair in `u.data` is rejected, naming both lines: a second rating
 *   of the same pair has no meaning in PMF and usually signals concatenated files;
 * - a user in `u.user` without any rating is rejected (its factors would be its random
 *   initialisation, and classifying those is meaningless); items without ratings are allowed;
 * - ratings must be integers in 1..5; every user needs a gender (M/F) and a numeric age;
 * - missing or empty files, wrong delimiters, missing or non-numeric fields are rejected.
 *
 * Tolerated: a UTF-8 BOM, CRLF line endings, trailing newlines. `u.item` is Latin-1 (as
 * distributed) unless it is valid UTF-8, see {@link decodeLatin1OrUtf8}.
 */
export async function loadMovieLens100k(dir: string): Promise<Dataset> {
  const [data, item, user, genre] = await Promise.all(
    ML100K_FILES.map((name) => readDataFile(dir, name)),
  );
  return parseMovieLens100k({ data, item, user, genre });
}

/** Parses already-read ML-100K files; the pure core of {@link loadMovieLens100k}. */
export function parseMovieLens100k(files: MovieLens100kFiles): Dataset {
  const genreNames = parseGenreFile(files.genre);
  const items = parseItemFile(files.item, genreNames);
  const users = parseUserFile(files.user);
  const ratings = parseDataFile(files.data, users.ids, items.ids);
  rejectUsersWithoutRatings(files.user, users, ratings);
  return {
    name: "ml-100k",
    users: users.ids,
    items: items.ids,
    ratings,
    ratingScale: ML100K_RATING_SCALE,
    userAttributes: users.attributes,
    itemAttributes: { titles: items.titles, genres: items.genres },
    sources: [files.data.source, files.item.source, files.user.source, files.genre.source],
  };
}

/** Splits a small `|`-separated file into lines, tolerating BOM/CRLF/trailing newlines. */
function pipeLines(file: LoadedFile): string[] {
  return textLines(file);
}

/** Splits one line into exactly `expected` `|`-separated fields or throws. */
function pipeFields(file: LoadedFile, line: string, lineNo: number, expected: number): string[] {
  return splitFields(file.path, line, lineNo, "|", expected);
}

/** Reads `u.genre` (`name|index`) into genre names by index. */
function parseGenreFile(file: LoadedFile): string[] {
  const lines = pipeLines(file);
  const names: string[] = new Array(lines.length);
  const seenAt = new Map<number, number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const [name, indexText] = pipeFields(file, line, lineNo, 2);
    if (name === "")
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "name" },
        "genre name is empty",
      );
    const index = parseCanonicalInt(indexText);
    if (index < 0 || index >= lines.length) {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "index" },
        `genre index must be an integer in 0..${lines.length - 1}, got "${indexText}"`,
      );
    }
    const previous = seenAt.get(index);
    if (previous !== undefined) {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "index" },
        `genre index ${index} already used on line ${previous}`,
      );
    }
    seenAt.set(index, lineNo);
    names[index] = name;
  });
  return names;
}

interface ParsedItems {
  readonly ids: IdMap;
  readonly titles: string[];
  readonly genres: GenreMatrix;
}

/** Reads `u.item`: id, title, release date, video release date, URL, then one 0/1 per genre. */
function parseItemFile(file: LoadedFile, genreNames: readonly string[]): ParsedItems {
  const lines = pipeLines(file);
  const nGenres = genreNames.length;
  const ids: string[] = new Array(lines.length);
  const titles: string[] = new Array(lines.length);
  const matrix = new Uint8Array(lines.length * nGenres);
  const seenAt = new Map<string, number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const fields = pipeFields(file, line, lineNo, 5 + nGenres);
    const id = fields[0];
    registerId(seenAt, id, { file: file.path, line: lineNo, field: "movie id" }, "item id");
    ids[i] = id;
    titles[i] = fields[1];
    for (let g = 0; g < nGenres; g++) {
      const flag = fields[5 + g];
      if (flag !== "0" && flag !== "1") {
        throw new DataFormatError(
          { file: file.path, line: lineNo, field: genreNames[g] },
          `genre flag must be 0 or 1, got "${flag}"`,
        );
      }
      matrix[i * nGenres + g] = flag === "1" ? 1 : 0;
    }
  });
  return { ids: createIdMap(ids), titles, genres: { names: genreNames, matrix } };
}

interface ParsedUsers {
  readonly ids: IdMap;
  readonly attributes: Record<string, Attribute>;
  /** 1-based line of each user in `u.user`, for error messages. */
  readonly lines: Int32Array;
}

/** Reads `u.user` (`id|age|gender|occupation|zip`); gender and age are required. */
function parseUserFile(file: LoadedFile): ParsedUsers {
  const lines = pipeLines(file);
  const n = lines.length;
  const ids: string[] = new Array(n);
  const age = new Float64Array(n);
  const gender: string[] = new Array(n);
  const occupation: string[] = new Array(n);
  const zip: string[] = new Array(n);
  const lineOf = new Int32Array(n);
  const seenAt = new Map<string, number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const fields = pipeFields(file, line, lineNo, 5);
    const id = fields[0];
    registerId(seenAt, id, { file: file.path, line: lineNo, field: "user id" }, "user id");
    const ageValue = fields[1] === "" ? Number.NaN : Number(fields[1]);
    if (!Number.isFinite(ageValue) || ageValue < 0) {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "age" },
        fields[1] === ""
          ? `user "${id}" has no age`
          : `age must be a non-negative number, got "${fields[1]}"`,
      );
    }
    if (fields[2] !== "M" && fields[2] !== "F") {
      throw new DataFormatError(
        { file: file.path, line: lineNo, field: "gender" },
        fields[2] === ""
          ? `user "${id}" has no gender`
          : `gender must be "M" or "F", got "${fields[2]}"`,
      );
    }
    ids[i] = id;
    age[i] = ageValue;
    gender[i] = fields[2];
    occupation[i] = fields[3];
    zip[i] = fields[4];
    lineOf[i] = lineNo;
  });
  return {
    ids: createIdMap(ids),
    attributes: {
      gender: { kind: "categorical", values: gender },
      age: { kind: "numeric", values: age },
      occupation: { kind: "categorical", values: occupation },
      zip: { kind: "categorical", values: zip },
    },
    lines: lineOf,
  };
}

/** Dense index of an id field whose canonical-integer value (or -1) the caller parsed already. */
function lookupId(
  lookup: IdLookup,
  v: number,
  bytes: Uint8Array,
  start: number,
  end: number,
): number {
  if (v >= 0 && v < lookup.byNumber.length) return lookup.byNumber[v];
  return lookup.map.get(fieldText(bytes, start, end)) ?? -1;
}

function fieldText(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString("latin1");
}

const TAB = 9;
const LF = 10;
const CR = 13;
const DATA_FIELDS = ["user id", "item id", "rating", "timestamp"] as const;

/** Largest users × items for which duplicate detection uses a bitset (2^30 bits, 128 MB). */
const MAX_DENSE_PAIRS = 2 ** 30;

/**
 * Parses `u.data` (`user TAB item TAB rating TAB timestamp`) straight from bytes into typed
 * arrays in a single pass that splits lines and fields and accumulates digits at once: the
 * loader runs once per process, so it must be fast before the JIT warms up, and every extra
 * pass over the 2 MB costs milliseconds there.
 */
function parseDataFile(file: LoadedFile, users: IdMap, items: IdMap): Ratings {
  const bytes = file.bytes;
  const n = bytes.length;
  const userLookup = createIdLookup(users);
  const itemLookup = createIdLookup(items);
  const nItems = items.ids.length;
  // Which (user, item) pairs were seen: a bitset when it fits (ML-100K: 1.6M bits, 200 KB, which
  // stays in cache, unlike a table of line numbers), a set otherwise, so a damaged u.user with
  // huge counts cannot exhaust memory. The first line of a duplicate is looked up only then.
  const pairCells = users.ids.length * nItems;
  const pairBits =
    pairCells <= MAX_DENSE_PAIRS ? new Uint32Array((pairCells + 31) >>> 5) : undefined;
  const pairSet = pairBits === undefined ? new Set<number>() : undefined;

  // The shortest valid line, "1\t1\t1\t1\n", has 8 bytes: a safe capacity without counting.
  const capacity = Math.floor(n / 8) + 1;
  const userOut = new Int32Array(capacity);
  const itemOut = new Int32Array(capacity);
  const valueOut = new Float32Array(capacity);
  const starts = new Int32Array(4);
  const ends = new Int32Array(4);
  // Field value if the field is a canonical integer (digits only, no leading zero, ≤ 9 digits), else -1.
  const values = new Float64Array(4);

  let count = 0;
  let line = 0;
  let pos = bomLength(bytes);
  while (pos < n) {
    line++;
    const lineStart = pos;
    let fields = 0;
    let fieldStart = pos;
    let value = 0;
    let digitsOnly = true;
    let end = pos;
    for (;;) {
      const c = end < n ? bytes[end] : LF;
      if (c === TAB || c === LF || (c === CR && (end + 1 >= n || bytes[end + 1] === LF))) {
        if (fields < 4) {
          const length = end - fieldStart;
          starts[fields] = fieldStart;
          ends[fields] = end;
          values[fields] =
            digitsOnly && length > 0 && length <= 9 && (length === 1 || bytes[fieldStart] !== 48)
              ? value
              : -1;
        }
        fields++;
        if (c !== TAB) break;
        fieldStart = end + 1;
        value = 0;
        digitsOnly = true;
      } else if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
      } else {
        digitsOnly = false;
      }
      end++;
    }
    const lineEnd = end;
    pos = end < n && bytes[end] === CR ? end + 2 : end + 1;
    if (lineEnd === lineStart) {
      if (onlyLineBreaks(bytes, pos)) break;
      throw new DataFormatError({ file: file.path, line }, "empty line");
    }
    if (fields !== 4)
      throw wrongFieldCount(file, line, fields, fieldText(bytes, lineStart, lineEnd));
    for (let f = 0; f < 4; f++) {
      if (starts[f] === ends[f]) {
        throw new DataFormatError(
          { file: file.path, line, field: DATA_FIELDS[f] },
          `${DATA_FIELDS[f]} is missing`,
        );
      }
    }
    const u = lookupId(userLookup, values[0], bytes, starts[0], ends[0]);
    if (u < 0) {
      throw new DataFormatError(
        { file: file.path, line, field: "user id" },
        `user "${fieldText(bytes, starts[0], ends[0])}" is not in u.user`,
      );
    }
    const it = lookupId(itemLookup, values[1], bytes, starts[1], ends[1]);
    if (it < 0) {
      throw new DataFormatError(
        { file: file.path, line, field: "item id" },
        `item "${fieldText(bytes, starts[1], ends[1])}" is not in u.item`,
      );
    }
    const rating = values[2];
    if (rating < ML100K_RATING_SCALE.min || rating > ML100K_RATING_SCALE.max) {
      throw badRating(file, line, fieldText(bytes, starts[2], ends[2]));
    }
    if (!isDigits(bytes, starts[3], ends[3])) {
      throw new DataFormatError(
        { file: file.path, line, field: "timestamp" },
        `timestamp must be a non-negative integer, got "${fieldText(bytes, starts[3], ends[3])}"`,
      );
    }
    const key = u * nItems + it;
    let seen: boolean;
    if (pairBits !== undefined) {
      const word = key >>> 5;
      const bit = 1 << (key & 31);
      seen = (pairBits[word] & bit) !== 0;
      pairBits[word] |= bit;
    } else {
      seen = pairSet!.has(key);
      pairSet!.add(key);
    }
    if (seen) {
      const previous = firstLineOfPair(bytes, userLookup, itemLookup, u, it);
      throw new DataFormatError(
        { file: file.path, line, field: "item id" },
        `user "${users.ids[u]}" rates item "${items.ids[it]}" again (first on line ${previous}); duplicate (user, item) pairs are rejected`,
      );
    }
    userOut[count] = u;
    itemOut[count] = it;
    valueOut[count] = rating;
    count++;
  }
  if (count === 0) throw new DataFormatError({ file: file.path }, "file has no ratings");
  return {
    user: userOut.slice(0, count),
    item: itemOut.slice(0, count),
    value: valueOut.slice(0, count),
  };
}

/**
 * 1-based line of the first rating of (user, item): found by re-reading the file from the
 * start, which only happens on the way to reporting a duplicate, so the hot loop need not
 * remember line numbers.
 */
function firstLineOfPair(
  bytes: Uint8Array,
  userLookup: IdLookup,
  itemLookup: IdLookup,
  user: number,
  item: number,
): number {
  let line = 0;
  let pos = bomLength(bytes);
  while (pos < bytes.length) {
    line++;
    let end = pos;
    while (end < bytes.length && bytes[end] !== LF) end++;
    const text = fieldText(bytes, pos, end).replace(/\r$/, "");
    const [userField, itemField] = text.split("\t");
    if (
      userField !== undefined &&
      itemField !== undefined &&
      lookupIdText(userLookup, userField) === user &&
      lookupIdText(itemLookup, itemField) === item
    ) {
      return line;
    }
    pos = end + 1;
  }
  return 0;
}

function onlyLineBreaks(bytes: Uint8Array, from: number): boolean {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== LF && bytes[i] !== CR) return false;
  return true;
}

function isDigits(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] < 48 || bytes[i] > 57) return false;
  return end > start;
}

function wrongFieldCount(
  file: LoadedFile,
  line: number,
  fields: number,
  text: string,
): DataFormatError {
  const other = fields === 1 ? guessDelimiter(text) : undefined;
  const hint = other !== undefined ? ` (the line looks ${other}-separated)` : "";
  return new DataFormatError(
    { file: file.path, line },
    `expected 4 TAB-separated fields (user id, item id, rating, timestamp), found ${fields}${hint}`,
  );
}

function badRating(file: LoadedFile, line: number, text: string): DataFormatError {
  const value = Number(text);
  const { min, max } = ML100K_RATING_SCALE;
  const reason = !Number.isFinite(value)
    ? `rating must be a number, got "${text}"`
    : !Number.isInteger(value)
      ? `rating must be an integer ${min}..${max}, got "${text}"`
      : value >= min && value <= max
        ? `rating must be written as a plain integer, got "${text}"`
        : `rating ${text} is outside ${min}..${max}`;
  return new DataFormatError({ file: file.path, line, field: "rating" }, reason);
}

function rejectUsersWithoutRatings(file: LoadedFile, users: ParsedUsers, ratings: Ratings): void {
  const counts = new Int32Array(users.ids.ids.length);
  for (let r = 0; r < ratings.user.length; r++) counts[ratings.user[r]]++;
  let missing = 0;
  let first = -1;
  for (let u = 0; u < counts.length; u++) {
    if (counts[u] === 0) {
      missing++;
      if (first < 0) first = u;
    }
  }
  if (first >= 0) {
    const others = missing > 1 ? ` (and ${missing - 1} more users)` : "";
    throw new DataFormatError(
      { file: file.path, line: users.lines[first], field: "user id" },
      `user "${users.ids.ids[first]}" has no ratings in u.data${others}; every user needs ratings to get meaningful factors`,
    );
  }
}
