/**
 * User attributes from any delimited file: one row per user, one column the user id, every
 * other column an attribute (numeric when all its values are numbers, categorical otherwise).
 */

import { DataFormatError } from "../errors.js";
import type { Attribute, SourceFile } from "./dataset.js";
import { readDelimitedRecords } from "./delimitedRecords.js";
import { type ColumnRef, columnIndex, type DelimitedLayout } from "./sniffDelimited.js";

/** What {@link readDelimitedUserAttributes} returns. */
export interface DelimitedUserAttributes {
  /** User ids in file order. */
  readonly ids: string[];
  /** User id → position in {@link DelimitedUserAttributes.ids}. */
  readonly index: Map<string, number>;
  /** Attributes by column name (the header's, else `column<i>` with i 0-based). */
  readonly attributes: Record<string, Attribute>;
  readonly source: SourceFile;
}

/**
 * Reads a user attribute file. An empty cell is a missing value. Rejected, as a
 * {@link DataFormatError} naming file, line and field: rows with another number of fields than
 * the first, empty or repeated user ids, repeated column names, a file without users.
 */
export async function readDelimitedUserAttributes(
  path: string,
  layout: DelimitedLayout,
  userIdColumn: ColumnRef,
): Promise<DelimitedUserAttributes> {
  let names: string[] = [];
  let idColumn = -1;
  let width = 0;
  const ids: string[] = [];
  const index = new Map<string, number>();
  const columns: string[][] = [];
  const source = await readDelimitedRecords(
    path,
    { delimiter: layout.delimiter, quotes: true },
    (record) => {
      if (width === 0) {
        width = record.fieldCount;
        const header: string[] = [];
        for (let i = 0; i < width; i++) header.push(record.text(i).trim());
        names = layout.header ? header : header.map((_, i) => `column${i}`);
        const repeated = names.find((name, i) => names.indexOf(name) !== i);
        if (repeated !== undefined) {
          throw new DataFormatError(
            { file: path, line: record.line, field: repeated },
            `column name "${repeated}" is used twice`,
          );
        }
        idColumn = columnIndex(path, userIdColumn, width, layout.header ? names : undefined);
        for (let i = 0; i < width; i++) columns.push([]);
        if (layout.header) return;
      }
      const line = record.line;
      if (record.fieldCount !== width) {
        throw new DataFormatError(
          { file: path, line },
          `expected ${width} fields (as on line 1), found ${record.fieldCount}`,
        );
      }
      const id = record.text(idColumn).trim();
      if (id === "") {
        throw new DataFormatError({ file: path, line, field: names[idColumn] }, "user id is empty");
      }
      if (index.has(id)) {
        throw new DataFormatError(
          { file: path, line, field: names[idColumn] },
          `user "${id}" is listed twice`,
        );
      }
      index.set(id, ids.length);
      ids.push(id);
      for (let i = 0; i < width; i++) if (i !== idColumn) columns[i].push(record.text(i).trim());
    },
    { fieldName: (i) => names[i] },
  );
  if (ids.length === 0) throw new DataFormatError({ file: path }, "file has no users");
  const attributes: Record<string, Attribute> = {};
  for (let i = 0; i < width; i++) {
    if (i === idColumn) continue;
    attributes[names[i]] = inferAttribute(columns[i]);
  }
  return { ids, index, attributes, source };
}

/** Numeric when every non-empty value is a finite number (and one at least is), else categorical. */
function inferAttribute(values: string[]): Attribute {
  let numbers = 0;
  for (const value of values) {
    if (value === "") continue;
    if (!Number.isFinite(Number(value))) return { kind: "categorical", values };
    numbers++;
  }
  if (numbers === 0) return { kind: "categorical", values };
  return {
    kind: "numeric",
    values: Float64Array.from(values, (value) => (value === "" ? Number.NaN : Number(value))),
  };
}
