/**
 * Factors as CSV, one row per user (or item): `id,f0,…,fK-1`, the lowest common denominator
 * every engine can write (`pandas.DataFrame.to_csv`, Spark's `features` exploded, R's
 * `write.csv`). The header line is optional; ids are strings and may be RFC 4180-quoted.
 */

import { decodeLatin1OrUtf8, guessDelimiter, splitLines } from "../data/textFile.js";
import { DataFormatError } from "../errors.js";
import { csvField } from "../report/csv.js";
import type { FactorSide } from "./importedFactors.js";

// Python and numpy write "nan", "inf", "-inf"; Spark and Java "NaN", "Infinity".
const SPECIAL = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Parses one factor CSV. The first line is a header when its second field is not a number
 * (e.g. `id,f0,f1,…`). Values may be `nan`/`inf` in any case: they are kept here and judged
 * later (see `dropNonFiniteRows`).
 *
 * @param bytes - the file's bytes (UTF-8 or Latin-1, optional BOM, LF or CRLF).
 * @param file - the path named in every error.
 * @throws DataFormatError naming file, line and field for an empty file, a row with another
 *   number of fields than the first, an empty id or a value that is not a number.
 */
export function parseFactorsCsv(bytes: Uint8Array, file: string): FactorSide {
  const lines = splitLines(decodeLatin1OrUtf8(bytes));
  if (lines.length === 0) throw new DataFormatError({ file }, "file is empty");
  const first = splitRow(lines[0], file, 1);
  if (first.length < 2) {
    const hint = guessDelimiter(lines[0]);
    throw new DataFormatError(
      { file, line: 1 },
      `expected comma-separated fields id,f0,…,fK-1, found one field${hint !== undefined ? ` (the line looks ${hint}-separated)` : ""}`,
    );
  }
  const hasHeader = parseValue(first[1]) === undefined;
  const fields = first.length;
  const k = fields - 1;
  const start = hasHeader ? 1 : 0;
  const rows = lines.length - start;
  const values = new Float32Array(rows * k);
  const ids: string[] = new Array(rows);
  for (let row = 0; row < rows; row++) {
    const lineNumber = start + row + 1;
    const parts = splitRow(lines[start + row], file, lineNumber);
    if (parts.length !== fields) {
      throw new DataFormatError(
        { file, line: lineNumber },
        `expected ${fields} fields (an id and ${k} factors, as on line ${start + 1}), found ${parts.length}`,
      );
    }
    if (parts[0] === "")
      throw new DataFormatError({ file, line: lineNumber, field: "id" }, "empty id");
    ids[row] = parts[0];
    for (let j = 0; j < k; j++) {
      const value = parseValue(parts[j + 1]);
      if (value === undefined) {
        throw new DataFormatError(
          { file, line: lineNumber, field: hasHeader ? first[j + 1] : `f${j}` },
          `"${parts[j + 1]}" is not a number`,
        );
      }
      values[row * k + j] = value;
    }
  }
  return { file, ids, values, rows, k };
}

/**
 * Formats factors as CSV with a header `id,f0,…,fK-1`, LF line ends. Every value is written
 * with the shortest decimal that reads back to the same float32 (−0 kept), so a round trip is
 * bit-identical; ids are quoted per RFC 4180 when they need it.
 */
export function formatFactorsCsv(ids: readonly string[], values: Float32Array, k: number): string {
  const header = ["id", ...Array.from({ length: k }, (_, j) => `f${j}`)].join(",");
  const lines = [header];
  for (let row = 0; row < ids.length; row++) {
    let line = csvField(ids[row]);
    for (let j = 0; j < k; j++) {
      const x = values[row * k + j];
      line += `,${Object.is(x, -0) ? "-0" : String(x)}`;
    }
    lines.push(line);
  }
  return `${lines.join("\n")}\n`;
}

/** A number, NaN/±Infinity for the special spellings, `undefined` for anything else. */
function parseValue(token: string): number | undefined {
  const text = token.trim();
  if (text === "") return undefined;
  const value = Number(text);
  if (!Number.isNaN(value)) return value;
  if (!SPECIAL.test(text)) return undefined;
  if (/nan/i.test(text)) return Number.NaN;
  return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** Splits on commas; a quoted first field (an id holding a comma or a quote) is unquoted. */
function splitRow(line: string, file: string, lineNumber: number): string[] {
  if (!line.startsWith('"')) return line.split(",");
  let end = 1;
  let id = "";
  for (;;) {
    const quote = line.indexOf('"', end);
    if (quote < 0) {
      throw new DataFormatError({ file, line: lineNumber, field: "id" }, "unterminated quoted id");
    }
    id += line.slice(end, quote);
    if (line[quote + 1] === '"') {
      id += '"';
      end = quote + 2;
      continue;
    }
    end = quote + 1;
    break;
  }
  if (end < line.length && line[end] !== ",") {
    throw new DataFormatError(
      { file, line: lineNumber, field: "id" },
      "text after the closing quote of the id",
    );
  }
  return [id, ...(end < line.length ? line.slice(end + 1).split(",") : [])];
}
