/**
 * Streaming reader of delimited text files of any size (MyAnimeList's are several GB): the
 * file is read in chunks and parsed byte by byte into one reusable record, so memory stays
 * flat however long the file is. RFC 4180 quoting is optional: a field that starts with `"`
 * runs to the next lone `"` and may hold delimiters, `""` and line breaks.
 */

import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { DataFormatError } from "../errors.js";
import { createSha256 } from "../util/sha256.js";
import type { SourceFile } from "./dataset.js";

/** How {@link readDelimitedRecords} splits a file. */
export interface DelimitedFormat {
  /** Field separator, one or more characters (`,`, `\t`, `::`). */
  readonly delimiter: string;
  /** Whether `"` quotes fields (RFC 4180). Off for formats that never quote, such as MovieLens `.dat`. */
  readonly quotes: boolean;
  /** How field bytes become text (default UTF-8). */
  readonly encoding?: "utf8" | "latin1";
}

/**
 * One record, valid only during the callback that receives it: the reader reuses its buffers
 * for the next record, so callers copy what they keep (typically one number or one string).
 */
export interface DelimitedRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  readonly line: number;
  /** Number of fields. */
  readonly fieldCount: number;
  /** Field `i` as text. */
  text(i: number): string;
  /** Field `i`'s bytes (a view into the reader's buffer). */
  bytes(i: number): Uint8Array;
  /** Field `i` as a canonical non-negative integer (digits, no sign, no leading zero, ≤ 9 digits), or -1. */
  integer(i: number): number;
  /** Field `i` as a number (`Number` of its trimmed text), NaN when empty or not a number. */
  number(i: number): number;
}

/** Options of {@link readDelimitedRecords}. */
export interface ReadRecordsOptions {
  /** The name of field `i`, for error messages (known once the header has been read). */
  readonly fieldName?: (i: number) => string | undefined;
  /** Bytes per read (default 1 MiB). */
  readonly chunkBytes?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A growable byte buffer for the current record's field contents. */
class RecordBuffer implements DelimitedRecord {
  line = 0;
  fieldCount = 0;
  buf: Buffer = Buffer.allocUnsafe(4096);
  length = 0;
  starts = new Int32Array(64);
  ends = new Int32Array(64);

  constructor(private readonly encoding: "utf8" | "latin1") {}

  push(byte: number): void {
    if (this.length === this.buf.length) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    this.buf[this.length++] = byte;
  }

  /** Appends `source[start, end)`. */
  append(source: Uint8Array, start: number, end: number): void {
    const count = end - start;
    if (this.length + count > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + count));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    // Short runs (most fields) are cheaper byte by byte than through a native copy.
    if (count < 32) {
      const buf = this.buf;
      let at = this.length;
      for (let i = start; i < end; i++) buf[at++] = source[i];
    } else {
      this.buf.set(source.subarray(start, end), this.length);
    }
    this.length += count;
  }

  endField(end: number): void {
    const f = this.fieldCount;
    if (f + 2 > this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      const ends = new Int32Array(this.starts.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.ends[f] = end;
    this.fieldCount = f + 1;
    this.starts[f + 1] = this.length;
  }

  reset(): void {
    this.length = 0;
    this.fieldCount = 0;
    this.starts[0] = 0;
  }

  text(i: number): string {
    return this.buf.toString(this.encoding, this.starts[i], this.ends[i]);
  }

  bytes(i: number): Uint8Array {
    return this.buf.subarray(this.starts[i], this.ends[i]);
  }

  integer(i: number): number {
    const start = this.starts[i];
    const end = this.ends[i];
    const length = end - start;
    if (length === 0 || length > 9 || (length > 1 && this.buf[start] === 48)) return -1;
    let value = 0;
    for (let p = start; p < end; p++) {
      const c = this.buf[p] - 48;
      if (c < 0 || c > 9) return -1;
      value = value * 10 + c;
    }
    return value;
  }

  number(i: number): number {
    const text = this.text(i).trim();
    return text === "" ? Number.NaN : Number(text);
  }
}

/**
 * Reads `path` record by record, calling `onRecord` for each (the header too, if there is
 * one: the caller decides). Returns the file's provenance, hashed while reading.
 *
 * Tolerated: a UTF-8 BOM, CRLF or LF line endings, blank lines at the end. Rejected, as a
 * {@link DataFormatError} naming the file and line: a blank line followed by more records, a
 * quoted field still open at the end of the file (naming the line it opened on), and a
 * character other than a delimiter or line break after a closing quote. A missing file or a
 * folder in its place is a DataFormatError too. Errors thrown by `onRecord` propagate.
 */
export async function readDelimitedRecords(
  path: string,
  format: DelimitedFormat,
  onRecord: (record: DelimitedRecord) => void,
  options: ReadRecordsOptions = {},
): Promise<SourceFile> {
  const size = await fileSize(path);
  const delimiter = Buffer.from(format.delimiter, format.encoding ?? "utf8");
  if (delimiter.length === 0) throw new RangeError("the delimiter is empty");
  const first = delimiter[0];
  const multi = delimiter.length > 1;
  const quotes = format.quotes;
  const record = new RecordBuffer(format.encoding ?? "utf8");
  const hash = createSha256();
  const fieldLabel = (i: number) => options.fieldName?.(i) ?? `column ${i + 1}`;

  let line = 1;
  let inQuotes = false;
  let afterQuote = false;
  let fieldStart = true;
  let fieldQuoted = false;
  let blankLine = 0;
  let recordCount = 0;
  let atFileStart = true;
  record.reset();
  record.line = 1;

  const finishRecord = (): void => {
    // A CR before the LF belongs to the line ending, not to an unquoted field.
    let end = record.length;
    if (!fieldQuoted && end > record.starts[record.fieldCount] && record.buf[end - 1] === CR) {
      end--;
    }
    record.endField(end);
    const blank = record.fieldCount === 1 && !fieldQuoted && end === record.starts[0];
    if (blank) {
      if (blankLine === 0) blankLine = record.line;
    } else {
      if (blankLine !== 0) throw new DataFormatError({ file: path, line: blankLine }, "empty line");
      recordCount++;
      onRecord(record);
    }
    record.reset();
    record.line = line;
    fieldStart = true;
    fieldQuoted = false;
    afterQuote = false;
  };

  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let pos = 0;
    if (atFileStart) {
      atFileStart = false;
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) pos = 3;
    }
    const n = chunk.length;
    // Runs of ordinary bytes are found by a tight scan and copied at once; only the bytes that
    // change the state (quote, delimiter, line feed) are handled one at a time.
    while (pos < n) {
      if (inQuotes) {
        const quote = chunk.indexOf(QUOTE, pos);
        const end = quote < 0 ? n : quote;
        for (let i = pos; i < end; i++) if (chunk[i] === LF) line++;
        record.append(chunk, pos, end);
        if (quote < 0) break;
        inQuotes = false;
        afterQuote = true;
        pos = quote + 1;
        continue;
      }
      const c = chunk[pos];
      if (afterQuote) {
        if (c === QUOTE) {
          // `""` inside a quoted field is one quote.
          record.push(QUOTE);
          inQuotes = true;
          afterQuote = false;
          pos++;
          continue;
        }
        if (c === CR) {
          pos++;
          continue;
        }
        if (c !== LF && (multi || c !== first)) {
          if (!multi) {
            throw new DataFormatError(
              { file: path, line, field: fieldLabel(record.fieldCount) },
              `unexpected ${describeByte(c)} after the closing quote of a quoted field (a quote inside a quoted field must be doubled: "")`,
            );
          }
        }
        afterQuote = false;
      }
      if (quotes && fieldStart && c === QUOTE) {
        inQuotes = true;
        fieldQuoted = true;
        fieldStart = false;
        pos++;
        continue;
      }
      let i = pos;
      while (i < n) {
        const b = chunk[i];
        if (b === LF || b === first) break;
        i++;
      }
      if (i > pos) {
        record.append(chunk, pos, i);
        fieldStart = false;
      }
      if (i === n) break;
      pos = i + 1;
      if (chunk[i] === LF) {
        line++;
        finishRecord();
      } else if (!multi) {
        record.endField(record.length);
        fieldStart = true;
        fieldQuoted = false;
      } else {
        record.push(first);
        fieldStart = false;
        if (endsWithDelimiter(record, delimiter)) {
          record.length -= delimiter.length;
          record.endField(record.length);
          fieldStart = true;
          fieldQuoted = false;
        }
      }
    }
  }
  if (inQuotes) {
    throw new DataFormatError(
      { file: path, line: record.line, field: fieldLabel(record.fieldCount) },
      "a quoted field opened on this line is never closed (the file ends inside it)",
    );
  }
  if (record.length > 0 || record.fieldCount > 0 || fieldQuoted) finishRecord();
  if (recordCount === 0) throw new DataFormatError({ file: path }, "file has no records");
  return { name: basename(path), bytes: size, sha256: hash.digest("hex") };
}

/** Whether the bytes of the current field end with the (multi-byte) delimiter. */
function endsWithDelimiter(record: RecordBuffer, delimiter: Uint8Array): boolean {
  const d = delimiter.length;
  const start = record.length - d;
  if (start < record.starts[record.fieldCount]) return false;
  for (let k = 0; k < d; k++) if (record.buf[start + k] !== delimiter[k]) return false;
  return true;
}

function describeByte(c: number): string {
  return c >= 32 && c < 127 ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16)}`;
}

/** Size of the file at `path`; a missing file or a folder is a {@link DataFormatError}. */
async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new DataFormatError({ file: path }, `expected a file but found a folder at ${path}`);
    }
    if (info.size === 0) throw new DataFormatError({ file: path }, "file is empty");
    return info.size;
  } catch (error) {
    if (error instanceof DataFormatError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFormatError(
      { file: path },
      code === "ENOENT"
        ? `file not found: ${path}`
        : `cannot read ${path}: ${(error as Error).message}`,
    );
  }
}

/**
 * Lines of the records of `path` for which `matches` holds, at most `limit` of them: a second
 * pass over a file, for error messages that must name every line involved (a duplicate pair)
 * without the first pass having kept a line number per record.
 */
export async function findRecordLines(
  path: string,
  format: DelimitedFormat,
  matches: (record: DelimitedRecord) => boolean,
  limit = 2,
): Promise<number[]> {
  const lines: number[] = [];
  await readDelimitedRecords(path, format, (record) => {
    if (lines.length < limit && matches(record)) lines.push(record.line);
  });
  return lines;
}

/**
 * Index of each of `wanted` among the header's field names (exact match after trimming), or a
 * {@link DataFormatError} on line 1 naming the missing column and the columns there are.
 */
export function headerColumns(
  path: string,
  header: DelimitedRecord,
  wanted: readonly string[],
): number[] {
  const names: string[] = [];
  for (let i = 0; i < header.fieldCount; i++) names.push(header.text(i).trim());
  return wanted.map((name) => {
    const at = names.indexOf(name);
    if (at < 0) {
      throw new DataFormatError(
        { file: path, line: header.line, field: name },
        `no column "${name}" in the header (it has: ${names.join(", ")})`,
      );
    }
    return at;
  });
}

/**
 * Reads a file whose first record is a header: the columns `wanted` are found by name (see
 * {@link headerColumns}), every later record must have as many fields as the header, and
 * `onRow` receives each record with the indices of the wanted columns, in their order.
 */
export async function readHeadedRecords(
  path: string,
  format: DelimitedFormat,
  wanted: readonly string[],
  onRow: (record: DelimitedRecord, columns: readonly number[]) => void,
): Promise<SourceFile> {
  const names: string[] = [];
  let columns: number[] = [];
  return readDelimitedRecords(
    path,
    format,
    (record) => {
      if (names.length === 0) {
        for (let i = 0; i < record.fieldCount; i++) names.push(record.text(i).trim());
        columns = headerColumns(path, record, wanted);
        return;
      }
      if (record.fieldCount !== names.length) {
        throw new DataFormatError(
          { file: path, line: record.line },
          `expected ${names.length} '${format.delimiter}'-separated fields (as in the header), found ${record.fieldCount}`,
        );
      }
      onRow(record, columns);
    },
    { fieldName: (i) => names[i] },
  );
}
