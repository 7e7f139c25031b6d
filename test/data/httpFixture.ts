/**
 * A zipped ML-100K fixture for the download tests (served by ./testServer.ts), and the
 * checksums it must pass.
 */

import { zipSync } from "fflate";
import { sha256Hex } from "../../src/util/sha256.js";
import { fixtureTexts } from "./ml100kFixture.js";

/** The fixture's files as bytes, `u.item` in Latin-1, plus a README. */
export function fixtureFiles(): Record<string, Uint8Array> {
  const texts = fixtureTexts();
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(texts)) {
    files[name] = name === "u.item" ? Buffer.from(text, "latin1") : Buffer.from(text, "utf8");
  }
  files.README = Buffer.from("fixture readme\n");
  return files;
}

/** The files zipped under `ml-100k/`, as GroupLens lays out the archive. */
export function zipOf(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) entries[`ml-100k/${name}`] = bytes;
  return zipSync(entries);
}

/** The SHA-256 of the pinned files, in the shape `expectedSha256` takes. */
export function hashesOf(files: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(
    ["u.data", "u.item", "u.user"].map((name) => [name, sha256Hex(files[name])]),
  );
}
