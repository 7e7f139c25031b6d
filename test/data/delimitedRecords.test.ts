import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type DelimitedFormat,
  findRecordLines,
  readDelimitedRecords,
} from "../../src/data/delimitedRecords.js";
import { findDuplicatePair, RatingsBuilder } from "../../src/data/ratingsBuilder.js";
import { DataFormatError } from "../../src/errors.js";
import { createRng } from "../../src/util/rng.js";
import { sha256Hex } from "../../src/util/sha256.js";

const dir = await mkdtemp(join(tmpdir(), "du-records-"));
let fileNo = 0;
async function fileOf(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `f${++fileNo}.csv`);
  await writeFile(path, content);
  return path;
}

const CSV: DelimitedFormat = { delimiter: ",", quotes: true };

async function readAll(
  path: string,
  format: DelimitedFormat = CSV,
  chunkBytes?: number,
): Promise<{ line: number; fields: string[] }[]> {
  const out: { line: number; fields: string[] }[] = [];
  await readDelimitedRecords(
    path,
    format,
    (record) => {
      const fields: string[] = [];
      for (let i = 0; i < record.fieldCount; i++) fields.push(record.text(i));
      out.push({ line: record.line, fields });
    },
    { chunkBytes },
  );
  return out;
}

/** RFC 4180 writing: quote when needed, double inner quotes. */
function csvLine(fields: string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(",");
}

async function rejection(promise: Promise<unknown>): Promise<DataFormatError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

describe("readDelimitedRecords", () => {
  it("reads back random quoted fields (commas, quotes, line breaks, UTF-8) at every chunk size", async () => {
    const rng = createRng(3);
    const alphabet = ["a", "b", ",", '"', "\n", "é", "漢", " ", "1", "\r\n"];
    const rows: string[][] = [];
    for (let r = 0; r < 60; r++) {
      const row: string[] = [];
      for (let f = 0; f < 4; f++) {
        let text = "";
        const length = Math.floor(rng.next() * 6);
        for (let k = 0; k < length; k++) text += alphabet[Math.floor(rng.next() * alphabet.length)];
        row.push(text);
      }
      if (row.join("") === "") row[0] = "x";
      rows.push(row);
    }
    const content = `${rows.map(csvLine).join("\r\n")}\r\n`;
    const path = await fileOf(content);
    // The line each record starts on: 1 + the line breaks of the rows before it.
    const expectedLines: number[] = [];
    let line = 1;
    for (const row of rows) {
      expectedLines.push(line);
      line += 1 + (csvLine(row).match(/\n/g)?.length ?? 0);
    }
    for (const chunk of [1, 2, 3, 7, 64, 1 << 20]) {
      const records = await readAll(path, CSV, chunk);
      expect(
        records.map((r) => r.fields),
        `chunk ${chunk}`,
      ).toEqual(rows);
      expect(
        records.map((r) => r.line),
        `chunk ${chunk}`,
      ).toEqual(expectedLines);
    }
  });

  it("hashes the file while reading, skips a BOM, accepts a last line without newline and trailing blank lines", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a,b\n1,2\n\n\n")]);
    const path = await fileOf(bytes);
    const records: string[][] = [];
    const source = await readDelimitedRecords(path, CSV, (r) =>
      records.push([r.text(0), r.text(1)]),
    );
    expect(records).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(source.sha256).toBe(sha256Hex(bytes));
    expect(source.bytes).toBe(bytes.length);
    expect((await readAll(await fileOf("x,y\n3,4"))).map((r) => r.fields)).toEqual([
      ["x", "y"],
      ["3", "4"],
    ]);
  });

  it("splits on a multi-character delimiter across chunk boundaries, Latin-1 when asked", async () => {
    const path = await fileOf(
      Buffer.from("1::Misérables, Les (1995)::Drama\n2::a:b::\n", "latin1"),
    );
    const format: DelimitedFormat = { delimiter: "::", quotes: false, encoding: "latin1" };
    for (const chunk of [1, 2, 5, 100]) {
      expect((await readAll(path, format, chunk)).map((r) => r.fields)).toEqual([
        ["1", "Misérables, Les (1995)", "Drama"],
        ["2", "a:b", ""],
      ]);
    }
  });

  it("parses canonical integers and numbers from field bytes", async () => {
    const path = await fileOf("12,012,-3,4.5, 7 ,,1234567890\n");
    let ints: number[] = [];
    let numbers: number[] = [];
    await readDelimitedRecords(path, CSV, (r) => {
      ints = Array.from({ length: r.fieldCount }, (_, i) => r.integer(i));
      numbers = Array.from({ length: r.fieldCount }, (_, i) => r.number(i));
    });
    expect(ints).toEqual([12, -1, -1, -1, -1, -1, -1]);
    expect(numbers).toEqual([12, 12, -3, 4.5, 7, Number.NaN, 1234567890]);
  });

  it("rejects a quoted field left open, naming the line it opened on and the field", async () => {
    const path = await fileOf('id,title\n1,"ok"\n2,"never closed\n3,x\n');
    const error = await rejection(
      readDelimitedRecords(path, CSV, () => {}, { fieldName: (i) => ["id", "title"][i] }),
    );
    expect(error.file).toBe(path);
    expect(error.line).toBe(3);
    expect(error.field).toBe("title");
    expect(error.message).toMatch(/never closed/);
  });

  it("rejects text after a closing quote, a blank line inside the file, and empty or missing files", async () => {
    const afterQuote = await rejection(readAll(await fileOf('a,b\n"x"y,2\n')));
    expect(afterQuote.line).toBe(2);
    expect(afterQuote.field).toBe("column 1");
    expect(afterQuote.message).toMatch(/after the closing quote/);
    const blank = await rejection(readAll(await fileOf("a,b\n\n1,2\n")));
    expect(blank.line).toBe(2);
    expect(blank.message).toMatch(/empty line/);
    expect((await rejection(readAll(await fileOf("")))).message).toMatch(/empty/);
    expect((await rejection(readAll(join(dir, "absent.csv")))).message).toMatch(/not found/);
    expect((await rejection(readAll(dir))).message).toMatch(/folder/);
  });

  it("finds the lines of matching records on a second pass", async () => {
    const path = await fileOf('u,i\na,1\n"b\nc",2\na,1\n');
    const lines = await findRecordLines(path, CSV, (r) => r.text(0) === "a" && r.text(1) === "1");
    expect(lines).toEqual([2, 5]);
  });
});

describe("RatingsBuilder and findDuplicatePair", () => {
  it("keeps every rating in order through many doublings", () => {
    const builder = new RatingsBuilder(1);
    for (let r = 0; r < 10_000; r++) builder.add(r % 97, r % 89, (r % 5) + 1);
    const ratings = builder.finish();
    expect(ratings.user.length).toBe(10_000);
    for (const r of [0, 1, 16, 17, 4095, 9999]) {
      expect([ratings.user[r], ratings.item[r], ratings.value[r]]).toEqual([
        r % 97,
        r % 89,
        (r % 5) + 1,
      ]);
    }
  });

  it("finds a repeated pair exactly when a brute-force search does", () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 200; trial++) {
      const users = 1 + Math.floor(rng.next() * 6);
      const items = 1 + Math.floor(rng.next() * 8);
      const n = Math.floor(rng.next() * 12);
      const builder = new RatingsBuilder();
      for (let r = 0; r < n; r++) {
        builder.add(Math.floor(rng.next() * users), Math.floor(rng.next() * items), 1);
      }
      const ratings = builder.finish();
      const found = findDuplicatePair(ratings, users, items);
      const seen = new Set<number>();
      let brute = false;
      for (let r = 0; r < n; r++) {
        const key = ratings.user[r] * items + ratings.item[r];
        if (seen.has(key)) brute = true;
        seen.add(key);
      }
      expect(found !== undefined).toBe(brute);
      if (found !== undefined) {
        const [a, b] = found;
        expect(a).not.toBe(b);
        expect([ratings.user[a], ratings.item[a]]).toEqual([ratings.user[b], ratings.item[b]]);
      }
    }
  });
});
