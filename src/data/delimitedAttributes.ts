/**
 * User attributes from any delimited file: one row per user, one column the user id, every
 * other column an attribute (numeric when all its values are numbers, categorical otherwise).
 */

import { DataFormatError } from "../errors.js";
import type { Attribute, SourceFile } from "./dataset.js";
import { type ColumnRef, type DelimitedLayout, readLaidOutRecords } from "./sniffDelimited.js";

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
  const ids: string[] = [];
  const index = new Map<string, number>();
  const columns: string[][] = [];
  let names: readonly string[] = [];
  let idColumn = -1;
  const source = await readLaidOutRecords(
    path,
    layout,
    [userIdColumn],
    (record, chosen, fieldNames) => {
      if (columns.length === 0) {
        names = fieldNames;
        idColumn = chosen[0];
        for (let i = 0; i < names.length; i++) columns.push([]);
      }
      const line = record.line;
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
      for (let i = 0; i < names.length; i++)
        if (i !== idColumn) columns[i].push(record.text(i).trim());
    },
  );
  if (ids.length === 0) throw new DataFormatError({ file: path }, "file has no users");
  const attributes: Record<string, Attribute> = {};
  for (let i = 0; i < names.length; i++) {
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
