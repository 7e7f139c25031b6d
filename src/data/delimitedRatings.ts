/**
 * Any ratings file with a user attribute file beside it: the columns, the delimiter and the
 * header are chosen by the user or detected. The ratings file is streamed, so it may be as
 * large as MyAnimeList's.
 */

import { ConfigError, DataFormatError } from "../errors.js";
import { withDefaults } from "../util/defaults.js";
import { createIdMap, type Dataset } from "./dataset.js";
import { readDelimitedUserAttributes } from "./delimitedAttributes.js";
import { findRecordLines } from "./delimitedRecords.js";
import { keepUsers, usersWithRatings } from "./keepUsers.js";
import { findDuplicatePair, RatingsBuilder } from "./ratingsBuilder.js";
import { parseRatingValue, type RatingScale } from "./ratingValue.js";
import { type ColumnRef, readLaidOutRecords, resolveLayout } from "./sniffDelimited.js";

/** What {@link loadDelimitedDataset} reads and how. */
export interface DelimitedDatasetConfig {
  /** The ratings file: one rating per row. */
  readonly ratingsFile: string;
  /** The user attribute file: one user per row. */
  readonly userAttributesFile: string;
  /** User, item and rating columns of the ratings file, by header name or 0-based index. */
  readonly ratingColumns: readonly [user: ColumnRef, item: ColumnRef, rating: ColumnRef];
  /** User id column of the attribute file, by header name or 0-based index. */
  readonly userIdColumn: ColumnRef;
  /** Delimiter of both files; undefined detects each file's (see `detectDelimiter`). */
  readonly delimiter?: string;
  /**
   * Whether both files start with a header; undefined: yes when a column is chosen by name,
   * else detected per file (see `detectHeader`).
   */
  readonly header?: boolean;
  /** Inclusive rating scale; a rating outside it is an error. Undefined: the range found. */
  readonly ratingScale?: RatingScale;
  /** One-line notes on what was dropped and what was detected. */
  readonly onInfo?: (message: string) => void;
}

/** Defaults of {@link DelimitedDatasetConfig}: columns 0, 1, 2 and user id column 0. */
export const DEFAULT_DELIMITED_CONFIG: Pick<
  DelimitedDatasetConfig,
  "ratingColumns" | "userIdColumn"
> = { ratingColumns: [0, 1, 2], userIdColumn: 0 };

/**
 * Loads a dataset from two delimited files. Users are indexed in attribute-file order, items
 * in order of first appearance in the ratings; ratings keep file order. Fields may be quoted
 * (RFC 4180). Rejected, as a {@link DataFormatError} naming file, line and field: rows whose
 * field count differs from the first row's, non-numeric ratings, ratings outside the given
 * scale, users missing from the attribute file, duplicate users, duplicate (user, item) pairs
 * (both lines named), a quoted field left open. Users without ratings are dropped, with a note.
 */
export async function loadDelimitedDataset(
  partial: Partial<DelimitedDatasetConfig> &
    Pick<DelimitedDatasetConfig, "ratingsFile" | "userAttributesFile">,
): Promise<Dataset> {
  const config: DelimitedDatasetConfig = withDefaults(
    {
      ...DEFAULT_DELIMITED_CONFIG,
      ratingsFile: partial.ratingsFile,
      userAttributesFile: partial.userAttributesFile,
    },
    partial,
  );
  if (config.ratingColumns.length !== 3) {
    throw new ConfigError(
      `the ratings columns are three (user, item, rating), got ${config.ratingColumns.length}`,
    );
  }
  if (config.delimiter === "") throw new ConfigError("the delimiter is empty");
  const scale = config.ratingScale;
  if (scale !== undefined && !(scale.min < scale.max)) {
    throw new ConfigError(`the rating scale needs min < max, got ${scale.min}..${scale.max}`);
  }
  const path = config.ratingsFile;
  const attributesLayout = await resolveLayout(
    config.userAttributesFile,
    config.delimiter,
    config.header,
    [config.userIdColumn],
  );
  const users = await readDelimitedUserAttributes(
    config.userAttributesFile,
    attributesLayout,
    config.userIdColumn,
  );
  const layout = await resolveLayout(path, config.delimiter, config.header, config.ratingColumns);
  const format = { delimiter: layout.delimiter, quotes: true } as const;

  const itemIds: string[] = [];
  const itemIndex = new Map<string, number>();
  const builder = new RatingsBuilder();
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  let names: readonly string[] = [];
  let columns: readonly number[] = [];
  const source = await readLaidOutRecords(
    path,
    layout,
    config.ratingColumns,
    (record, chosen, fieldNames) => {
      names = fieldNames;
      columns = chosen;
      const line = record.line;
      const [userCol, itemCol, ratingCol] = columns;
      const userId = record.text(userCol).trim();
      const user = users.index.get(userId);
      if (user === undefined) {
        throw new DataFormatError(
          { file: path, line, field: names[userCol] },
          userId === ""
            ? "user id is empty"
            : `user "${userId}" is not in ${config.userAttributesFile}`,
        );
      }
      const itemId = record.text(itemCol).trim();
      if (itemId === "") {
        throw new DataFormatError({ file: path, line, field: names[itemCol] }, "item id is empty");
      }
      let item = itemIndex.get(itemId);
      if (item === undefined) {
        item = itemIds.length;
        itemIds.push(itemId);
        itemIndex.set(itemId, item);
      }
      const value = parseRatingValue(record.text(ratingCol), scale, false, {
        file: path,
        line,
        field: names[ratingCol],
      });
      if (value < low) low = value;
      if (value > high) high = value;
      builder.add(user, item, value);
    },
  );
  const ratings = builder.finish();
  if (ratings.value.length === 0) throw new DataFormatError({ file: path }, "file has no ratings");
  const duplicate = findDuplicatePair(ratings, users.ids.length, itemIds.length);
  if (duplicate !== undefined) {
    const userId = users.ids[ratings.user[duplicate[0]]];
    const itemId = itemIds[ratings.item[duplicate[0]]];
    const [userCol, itemCol] = columns;
    const lines = await findRecordLines(
      path,
      format,
      (record) =>
        !(layout.header && record.line === 1) &&
        record.fieldCount === names.length &&
        record.text(userCol).trim() === userId &&
        record.text(itemCol).trim() === itemId,
    );
    throw new DataFormatError(
      { file: path, line: lines[1], field: names[itemCol] },
      `user "${userId}" rates item "${itemId}" again (first on line ${lines[0]}); duplicate (user, item) pairs are rejected`,
    );
  }
  const full: Dataset = {
    name: "csv",
    users: createIdMap(users.ids),
    items: createIdMap(itemIds),
    ratings,
    ratingScale: scale ?? { min: low, max: high },
    userAttributes: users.attributes,
    itemAttributes: {},
    sources: [source, users.source],
  };
  const dataset = keepUsers(full, usersWithRatings(full));
  const dropped = users.ids.length - dataset.users.ids.length;
  const describe = (l: { delimiter: string; header: boolean }) =>
    `${l.delimiter === "\t" ? "TAB" : `'${l.delimiter}'`}-separated, ${l.header ? "with" : "without"} a header`;
  config.onInfo?.(
    `${path}: ${describe(layout)}; ${config.userAttributesFile}: ${describe(attributesLayout)}; ${ratings.value.length} ratings, ${itemIds.length} items, ${dataset.users.ids.length} users${dropped > 0 ? ` (${dropped} without ratings dropped)` : ""}`,
  );
  return dataset;
}
