/**
 * A tiny MovieLens-100K-shaped fixture written by the tests themselves (MovieLens may not be
 * redistributed), with hooks to damage one file at a time.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ML100K_GENRES } from "../../src/data/synthetic.js";

/** ML-100K's 19 genre names, in index order. */
export const GENRES = ML100K_GENRES;

function flags(on: number[]): string {
  return GENRES.map((_, g) => (on.includes(g) ? "1" : "0")).join("|");
}

/** The fixture's files as text (u.item still to be encoded as Latin-1). */
export function fixtureTexts(): Record<string, string> {
  return {
    "u.genre": `${GENRES.map((g, i) => `${g}|${i}`).join("\n")}\n\n`,
    "u.item": `${[
      `1|Toy Story (1995)|01-Jan-1995||http://x|${flags([3, 4, 5])}`,
      `20|Misérables, Les (1995)|01-Jan-1995||http://x|${flags([8, 12])}`,
      `3|Four Rooms (1995)|01-Jan-1995||http://x|${flags([16])}`,
      `4|Unrated Movie (1990)|01-Jan-1990||http://x|${flags([0])}`,
    ].join("\n")}\n`,
    "u.user": `${["7|24|M|technician|85711", "2|53|F|other|94043", "3|23|M||"].join("\n")}\n`,
    "u.data": `${[
      "7\t1\t5\t874965758",
      "2\t20\t3\t876893171",
      "3\t1\t4\t878542960",
      "7\t3\t1\t876893119",
      "2\t1\t2\t889751712",
    ].join("\n")}\n`,
  };
}

/** Writes the fixture (optionally with some files replaced) into `dir`; returns `dir`. */
export async function writeFixture(
  dir: string,
  replace: Record<string, string | Uint8Array | null> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const texts = fixtureTexts();
  for (const [name, text] of Object.entries(texts)) {
    const override = replace[name];
    if (override === null) continue;
    const content =
      override !== undefined ? override : name === "u.item" ? Buffer.from(text, "latin1") : text;
    await writeFile(join(dir, name), content);
  }
  return dir;
}
