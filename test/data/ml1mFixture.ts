/**
 * A tiny MovieLens-1M-shaped fixture written by the tests themselves (MovieLens may not be
 * redistributed), with hooks to replace one file at a time.
 */

import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** The fixture's files as text (movies.dat still to be encoded as Latin-1). */
export function ml1mFixtureTexts(): Record<string, string> {
  return {
    "movies.dat": `${[
      "1::Toy Story (1995)::Animation|Children's|Comedy",
      "20::Misérables, Les (1995)::Drama|Musical",
      "3::Four Rooms (1995)::Thriller",
      "4::Unrated Movie (1990)::Action",
    ].join("\n")}\n`,
    "users.dat": `${["7::M::25::15::85711", "2::F::56::16::94043", "3::M::1::10::", "5::F::45::0::55455"].join("\n")}\n`,
    "ratings.dat": `${[
      "7::1::5::978300760",
      "2::20::3::978302109",
      "3::1::4",
      "7::3::1::978301968",
      "2::1::2::978300275",
      "5::20::5::978824291",
    ].join("\n")}\n`,
  };
}

/** The fixture's files as bytes, as GroupLens ships them. */
export function ml1mFixtureFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(ml1mFixtureTexts())) {
    files[name] = Buffer.from(text, name === "movies.dat" ? "latin1" : "utf8");
  }
  files.README = Buffer.from("fixture readme\n");
  return files;
}

/** Writes the fixture (optionally with files replaced) into `dir`; returns `dir`. */
export async function writeMl1mFixture(
  dir: string,
  replace: Record<string, string | Uint8Array> = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(ml1mFixtureFiles())) {
    await writeFile(join(dir, name), replace[name] ?? bytes);
  }
  return dir;
}
