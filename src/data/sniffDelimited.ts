/**
 * Guessing the layout of a delimited file from its first lines: which delimiter it uses and
 * whether its first line is a header. Only the first 64 KiB are read, whatever the file's size.
 */

import { open } from "node:fs/promises";
import { DataFormatError } from "../errors.js";
import type { SourceFile } from "./dataset.js";
import { type DelimitedRecord, readDelimitedRecords } from "./delimitedRecords.js";
import { KNOWN_DELIMITERS, splitLines } from "./textFile.js";

/** Bytes read from the start of a file to guess its layout. */
const HEAD_BYTES = 64 * 1024;

/** Lines looked at (the first and up to 20 more). */
const HEAD_LINES = 21;

/**
 * The first complete lines of `path` (at most {@link HEAD_LINES}), without a BOM. A file that
 * cannot be read is a {@link DataFormatError}.
 */
export async function readHeadLines(path: string): Promise<string[]> {
  let text: string;
  try {
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      text = buffer.toString("utf8", 0, bytesRead);
      if (bytesRead === HEAD_BYTES) text = text.slice(0, Math.max(0, text.lastIndexOf("\n")));
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFormatError(
      { file: path },
      code === "ENOENT"
        ? `file not found: ${path}`
        : code === "EISDIR"
          ? `expected a file but found a folder at ${path}`
          : `cannot read ${path}: ${(error as Error).message}`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return splitLines(text).slice(0, HEAD_LINES);
}

/**
 * The delimiter of `lines`: among TAB, `|`, `,`, `;` and `::`, the one that splits the first
 * line into more than one field and most of the lines (at least half) into as many; more
 * agreeing lines win, then more fields, then the order of that list. Quoted fields are
 * respected on each line (a quoted line break is not: those lines merely disagree).
 * Undefined when no candidate qualifies (a one-column file).
 */
export function detectDelimiter(lines: readonly string[]): string | undefined {
  const rows = lines.filter((line) => line !== "");
  let best: string | undefined;
  let bestAgreeing = 0;
  let bestCount = 1;
  for (const [delimiter] of KNOWN_DELIMITERS) {
    if (rows.length === 0) break;
    const counts = rows.map((line) => splitQuoted(line, delimiter).length);
    const count = counts[0];
    const agreeing = counts.filter((c) => c === count).length;
    if (count < 2 || agreeing * 2 < rows.length) continue;
    if (agreeing > bestAgreeing || (agreeing === bestAgreeing && count > bestCount)) {
      best = delimiter;
      bestAgreeing = agreeing;
      bestCount = count;
    }
  }
  return best;
}

/** One line split on `delimiter`, outside double quotes; quotes are removed, `""` kept as `"`. */
export function splitQuoted(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = "";
      i += delimiter.length - 1;
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * Whether the first of `lines` is a header: true when some column holds a non-number on the
 * first line and numbers on every following line that has it (`user,item,rating` above
 * `1,31,4`). A
 * file whose columns are all text (`username,gender` above `alice,F`) cannot be told apart
 * from data this way: name a column (which implies a header) or pass `header` explicitly.
 */
export function detectHeader(lines: readonly string[], delimiter: string): boolean {
  if (lines.length < 2) return false;
  const rows = lines.filter((line) => line !== "").map((line) => splitQuoted(line, delimiter));
  const [first, ...rest] = rows;
  for (let c = 0; c < first.length; c++) {
    if (isNumber(first[c])) continue;
    const below = rest.filter((row) => c < row.length);
    if (below.length > 0 && below.every((row) => isNumber(row[c]))) return true;
  }
  return false;
}

function isNumber(text: string): boolean {
  const trimmed = text.trim();
  return trimmed !== "" && Number.isFinite(Number(trimmed));
}

/** A column chosen by header name or by 0-based index. */
export type ColumnRef = string | number;

/** The delimiter and header decision for one file. */
export interface DelimitedLayout {
  readonly delimiter: string;
  readonly header: boolean;
}

/**
 * The layout of `path`: the given delimiter or the detected one, and the given header flag,
 * else a header when a column is chosen by name, else {@link detectHeader}. Throws
 * {@link DataFormatError} when no delimiter can be detected, and `ConfigError`-worthy
 * contradictions (names without a header) are left to {@link columnIndex}.
 */
export async function resolveLayout(
  path: string,
  delimiter: string | undefined,
  header: boolean | undefined,
  columns: readonly ColumnRef[],
): Promise<DelimitedLayout> {
  const lines = await readHeadLines(path);
  if (lines.length === 0) throw new DataFormatError({ file: path }, "file has no lines");
  const chosen = delimiter ?? detectDelimiter(lines);
  if (chosen === undefined) {
    throw new DataFormatError(
      { file: path, line: 1 },
      "cannot tell the delimiter from the first lines (none of TAB | , ; :: splits them into the same number of fields); pass --delimiter",
    );
  }
  const named = columns.some((column) => typeof column === "string");
  return { delimiter: chosen, header: header ?? (named || detectHeader(lines, chosen)) };
}

/**
 * The 0-based index of `column` in a file whose first record has `width` fields and,
 * with a header, the names `names`. A name without a header, an unknown name or an index
 * past the last column is a {@link DataFormatError} on line 1 of `path`.
 */
export function columnIndex(
  path: string,
  column: ColumnRef,
  width: number,
  names: readonly string[] | undefined,
): number {
  if (typeof column === "number") {
    if (column >= width) {
      throw new DataFormatError(
        { file: path, line: 1 },
        `column ${column} (0-based) does not exist: the file has ${width} columns`,
      );
    }
    return column;
  }
  if (names === undefined) {
    throw new DataFormatError(
      { file: path, line: 1, field: column },
      `column "${column}" is chosen by name, but the file is read without a header (pass --header, or choose columns by 0-based index)`,
    );
  }
  const at = names.indexOf(column);
  if (at < 0) {
    throw new DataFormatError(
      { file: path, line: 1, field: column },
      `no column "${column}" in the header (it has: ${names.join(", ")})`,
    );
  }
  return at;
}

/** `"2"` → 2 (an index), anything else → the name itself, trimmed. */
export function parseColumnRef(text: string): ColumnRef {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads a file laid out as `layout` says: the field names come from the header (or are
 * `column<i>`, 0-based, without one), `chosen` columns are resolved against them (see
 * {@link columnIndex}), every record must have as many fields as the first, and `onRow`
 * receives each data record with the chosen columns' indices and the names.
 */
export async function readLaidOutRecords(
  path: string,
  layout: DelimitedLayout,
  chosen: readonly ColumnRef[],
  onRow: (record: DelimitedRecord, columns: readonly number[], names: readonly string[]) => void,
): Promise<SourceFile> {
  let names: string[] = [];
  let columns: number[] = [];
  return readDelimitedRecords(
    path,
    { delimiter: layout.delimiter, quotes: true },
    (record) => {
      const width = names.length;
      if (width === 0) {
        for (let i = 0; i < record.fieldCount; i++) names.push(record.text(i).trim());
        if (!layout.header) names = names.map((_, i) => `column${i}`);
        const repeated = names.find((name, i) => names.indexOf(name) !== i);
        if (repeated !== undefined) {
          throw new DataFormatError(
            { file: path, line: record.line, field: repeated },
            `column name "${repeated}" is used twice`,
          );
        }
        const headerNames = layout.header ? names : undefined;
        columns = chosen.map((column) => columnIndex(path, column, names.length, headerNames));
        if (layout.header) return;
      } else if (record.fieldCount !== width) {
        throw new DataFormatError(
          { file: path, line: record.line },
          `expected ${width} fields (as on line 1), found ${record.fieldCount}`,
        );
      }
      onRow(record, columns, names);
    },
    { fieldName: (i) => names[i] },
  );
}
