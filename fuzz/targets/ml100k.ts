/** MovieLens 100K's four files, one of them mutated per case. */

import fc from "fast-check";
import type { Dataset } from "../../src/data/dataset.js";
import { ML100K_FILES, parseMovieLens100k } from "../../src/data/movielens100k.js";
import { ML100K_GENRES } from "../../src/data/synthetic.js";
import type { LoadedFile } from "../../src/data/textFile.js";
import { createRng } from "../../src/util/rng.js";
import { sha256Hex } from "../../src/util/sha256.js";
import { checkDataset } from "../datasetInvariants.js";
import { type FuzzTarget, invariant } from "../fuzzTarget.js";
import { type MutatedBytes, mutated, utf8 } from "../mutations.js";

type FileName = (typeof ML100K_FILES)[number];

/** A small valid ML-100K as its four texts: every user rates at least one item. */
const validFiles = fc
  .record({
    users: fc.integer({ min: 1, max: 6 }),
    items: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map(({ users, items, seed }) => {
    const rng = createRng(seed);
    const next = () => rng.next();
    const userLines = Array.from(
      { length: users },
      (_, u) =>
        `${u + 1}|${18 + Math.floor(next() * 50)}|${next() < 0.5 ? "M" : "F"}|writer|0${u}123`,
    );
    const flags = () => ML100K_GENRES.map(() => (next() < 0.2 ? "1" : "0")).join("|");
    const itemLines = Array.from(
      { length: items },
      (_, i) => `${i + 1}|Movie ${i + 1} (199${i % 10})|01-Jan-1995||http://x|${flags()}`,
    );
    const dataLines: string[] = [];
    for (let u = 1; u <= users; u++) {
      for (let i = 1; i <= items; i++) {
        if (i === 1 + (u % items) || next() < 0.4) {
          dataLines.push(`${u}\t${i}\t${1 + Math.floor(next() * 5)}\t8${u}${i}000000`);
        }
      }
    }
    return {
      "u.data": `${dataLines.join("\n")}\n`,
      "u.user": `${userLines.join("\n")}\n`,
      "u.item": `${itemLines.join("\n")}\n`,
      "u.genre": `${ML100K_GENRES.map((g, i) => `${g}|${i}`).join("\n")}\n\n`,
    } satisfies Record<FileName, string>;
  });

interface Ml100kCase {
  readonly texts: Record<FileName, string>;
  readonly file: FileName;
  readonly damage: MutatedBytes;
}

const cases: fc.Arbitrary<Ml100kCase> = fc
  .tuple(validFiles, fc.constantFrom(...ML100K_FILES))
  .chain(([texts, file]) =>
    mutated(fc.constant(utf8(texts[file]))).map((damage) => ({ texts, file, damage })),
  );

function loaded(name: string, bytes: Uint8Array): LoadedFile {
  return {
    path: `/fuzz/ml-100k/${name}`,
    bytes,
    source: { name, bytes: bytes.length, sha256: sha256Hex(bytes) },
  };
}

function checkMl100k(dataset: Dataset): void {
  checkDataset(dataset);
  const gender = dataset.userAttributes.gender;
  invariant(
    gender?.kind === "categorical" && gender.values.every((g) => g === "M" || g === "F"),
    "gender not M/F",
  );
  const age = dataset.userAttributes.age;
  invariant(
    age?.kind === "numeric" && age.values.every((a) => Number.isFinite(a)),
    "age not finite",
  );
}

/** The ML-100K parser (u.data, u.user, u.item, u.genre). */
export const ml100kTarget: FuzzTarget<Ml100kCase> = {
  name: "ml-100k",
  reader: "MovieLens 100K files (parseMovieLens100k)",
  input: cases,
  mustName: (c) => c.file,
  run(c) {
    const bytes = (name: FileName) =>
      name === c.file
        ? c.damage.bytes
        : name === "u.item"
          ? Buffer.from(c.texts[name], "latin1")
          : utf8(c.texts[name]);
    const dataset = parseMovieLens100k({
      data: loaded("u.data", bytes("u.data")),
      user: loaded("u.user", bytes("u.user")),
      item: loaded("u.item", bytes("u.item")),
      genre: loaded("u.genre", bytes("u.genre")),
    });
    checkMl100k(dataset);
  },
};
