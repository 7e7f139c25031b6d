/**
 * Reading small delimited text files: the raw bytes with their provenance, BOM and line-ending
 * tolerance, and the text decoding policy for files of unknown encoding.
 */

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DataFormatError } from "../errors.js";
import { sha256Hex } from "../util/sha256.js";
import type { SourceFile } from "./dataset.js";

/** The bytes of one input file together with its provenance record. */
export interface LoadedFile {
  /** Full path the file was read from. */
  readonly path: string;
  /** The file's bytes, unchanged (a BOM, if any, is still there). */
  readonly bytes: Uint8Array;
  /** Name, size and SHA-256, for results and manifests. */
  readonly source: SourceFile;
}

/**
 * Reads `name` from `dir`. A missing file, a folder in its place or an empty file is a
 * {@link DataFormatError} naming the full path expected, so the user knows where to put it.
 */
export async function readDataFile(dir: string, name: string): Promise<LoadedFile> {
  const path = join(dir, name);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? `file not found: expected ${name} at ${path}`
        : code === "EISDIR"
          ? `expected a file but found a folder at ${path}`
          : `cannot read ${path}: ${(error as Error).message}`;
    throw new DataFormatError({ file: path }, reason);
  }
  if (bytes.length === 0) throw new DataFormatError({ file: path }, "file is empty");
  return { path, bytes, source: { name, bytes: bytes.length, sha256: sha256Hex(bytes) } };
}

/** Length of a UTF-8 byte-order mark at the start of `bytes` (3), or 0 when there is none. */
export function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/**
 * Decodes a text file whose encoding is Latin-1 by convention (MovieLens) but may have been
 * re-saved as UTF-8 by a user's editor. A BOM means UTF-8. Otherwise the bytes are tried as
 * strict UTF-8 first: Latin-1 text with accented letters is almost never valid UTF-8 (an
 * `é` byte followed by a letter is an invalid sequence), so a successful decode means the file
 * really is UTF-8, and a failure means Latin-1. Pure ASCII decodes the same either way.
 */
export function decodeLatin1OrUtf8(bytes: Uint8Array): string {
  const bom = bomLength(bytes);
  const body = bytes.subarray(bom);
  if (bom > 0) return new TextDecoder("utf-8").decode(body);
  let ascii = true;
  for (let i = 0; i < body.length; i++) {
    if (body[i] >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(body.buffer, body.byteOffset, body.length).toString("latin1");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return Buffer.from(body.buffer, body.byteOffset, body.length).toString("latin1");
  }
}

/**
 * Splits text into lines, accepting LF and CRLF endings. Trailing empty lines (a final newline,
 * or several, as in ML-100K's `u.genre`) are dropped; an empty line anywhere else is kept so
 * the caller can report it with its line number.
 */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) lines[i] = line.slice(0, -1);
  }
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Delimiters recognized in data files, with the names error messages use for them. */
export const KNOWN_DELIMITERS: readonly (readonly [delimiter: string, name: string])[] = [
  ["\t", "TAB"],
  ["|", "'|'"],
  [",", "','"],
  [";", "';'"],
  ["::", "'::'"],
];

/**
 * Names the delimiter a line seems to use when it does not contain the expected one, so a
 * "wrong number of fields" error can say "looks comma-separated".
 */
export function guessDelimiter(line: string): string | undefined {
  for (const [delimiter, name] of KNOWN_DELIMITERS) if (line.includes(delimiter)) return name;
  if (/\S\s+\S/.test(line)) return "spaces";
  return undefined;
}

/**
 * The lines of a small text file read whole (Latin-1 unless valid UTF-8, see
 * {@link decodeLatin1OrUtf8}), tolerating BOM, CRLF and trailing newlines; a file without any
 * line is a {@link DataFormatError}.
 */
export function textLines(file: LoadedFile): string[] {
  const lines = splitLines(decodeLatin1OrUtf8(file.bytes));
  if (lines.length === 0) throw new DataFormatError({ file: file.path }, "file has no lines");
  return lines;
}

/**
 * Splits line `lineNo` of `file` into exactly `expected` fields separated by `delimiter`, or
 * throws a {@link DataFormatError} that says how many it found and, when the line holds a
 * single field, which delimiter it seems to use instead.
 */
export function splitFields(
  file: string,
  line: string,
  lineNo: number,
  delimiter: string,
  expected: number,
): string[] {
  if (line === "") throw new DataFormatError({ file, line: lineNo }, "empty line");
  const fields = line.split(delimiter);
  if (fields.length !== expected) {
    const other = fields.length === 1 ? guessDelimiter(line) : undefined;
    const hint = other !== undefined ? ` (the line looks ${other}-separated)` : "";
    const name = delimiter === "\t" ? "TAB" : `'${delimiter}'`;
    throw new DataFormatError(
      { file, line: lineNo },
      `expected ${expected} ${name}-separated fields, found ${fields.length}${hint}`,
    );
  }
  return fields;
}
