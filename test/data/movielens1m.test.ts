import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedArchiveMd5 } from "../../src/data/downloadableDataset.js";
import { applyGroupRule } from "../../src/data/groups.js";
import { loadMovieLens1m, ML1M_AGE_BANDS, ml1mAgeRule } from "../../src/data/movielens1m.js";
import {
  ML1M_ARCHIVE_MD5,
  ML1M_DATASET,
  resolveMovieLens1m,
} from "../../src/data/resolveMovieLens1m.js";
import { ConfigError, DataFormatError, DownloadError } from "../../src/errors.js";
import { sha256Hex } from "../../src/util/sha256.js";
import { ml1mFixtureFiles, ml1mFixtureTexts, writeMl1mFixture } from "./ml1mFixture.js";
import { serve, startServer, type TestServer } from "./testServer.js";

const root = await mkdtemp(join(tmpdir(), "du-ml1m-"));
let caseNo = 0;
const fresh = (replace: Record<string, string | Uint8Array> = {}) =>
  writeMl1mFixture(join(root, `case-${++caseNo}`), replace);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function formatError(replace: Record<string, string | Uint8Array>): Promise<DataFormatError> {
  const dir = await fresh(replace);
  const error = await loadMovieLens1m(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataFormatError);
  return error as DataFormatError;
}

const texts = ml1mFixtureTexts();
const withRatings = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("loadMovieLens1m on a generated fixture", () => {
  it("maps ids in file order, keeps ratings in order (with or without timestamp) and reads attributes", async () => {
    const dataset = await loadMovieLens1m(await fresh());
    expect(dataset.name).toBe("ml-1m");
    expect(dataset.users.ids).toEqual(["7", "2", "3", "5"]);
    expect(dataset.items.ids).toEqual(["1", "20", "3", "4"]);
    expect(Array.from(dataset.ratings.user)).toEqual([0, 1, 2, 0, 1, 3]);
    expect(Array.from(dataset.ratings.item)).toEqual([0, 1, 0, 2, 0, 1]);
    expect(Array.from(dataset.ratings.value)).toEqual([5, 3, 4, 1, 2, 5]);
    expect(dataset.userAttributes.gender).toEqual({
      kind: "categorical",
      values: ["M", "F", "M", "F"],
    });
    expect(Array.from((dataset.userAttributes.age as { values: Float64Array }).values)).toEqual([
      25, 56, 1, 45,
    ]);
    expect(dataset.userAttributes.occupation).toEqual({
      kind: "categorical",
      values: ["15", "16", "10", "0"],
    });
    expect(dataset.ratingScale).toEqual({ min: 1, max: 5 });
  });

  it("decodes Latin-1 titles, reads genres and records every file's hash", async () => {
    const dir = await fresh();
    const dataset = await loadMovieLens1m(dir);
    expect(dataset.itemAttributes.titles?.[1]).toBe("Misérables, Les (1995)");
    const genres = dataset.itemAttributes.genres!;
    const of = (item: number) =>
      genres.names.filter((_, g) => genres.matrix[item * genres.names.length + g] === 1);
    expect(of(0)).toEqual(["Animation", "Children's", "Comedy"]);
    expect(of(1)).toEqual(["Drama", "Musical"]);
    for (const source of dataset.sources) {
      expect(source.sha256).toBe(sha256Hex(await readFile(join(dir, source.name))));
    }
    expect(dataset.sources.map((s) => s.name)).toEqual(["ratings.dat", "movies.dat", "users.dat"]);
  });

  it("tolerates CRLF endings and trailing blank lines", async () => {
    const crlf = (text: string) => `${text.replaceAll("\n", "\r\n")}\r\n`;
    const dataset = await loadMovieLens1m(
      await fresh({
        "ratings.dat": crlf(texts["ratings.dat"]),
        "users.dat": crlf(texts["users.dat"]),
        "movies.dat": Buffer.from(crlf(texts["movies.dat"]), "latin1"),
      }),
    );
    expect(dataset.ratings.value.length).toBe(6);
    expect(dataset.userAttributes.zip).toEqual({
      kind: "categorical",
      values: ["85711", "94043", "", "55455"],
    });
  });
});

describe("loadMovieLens1m rejects bad input with file, line and field", () => {
  it("truncated lines and wrong field counts", async () => {
    const truncated = await formatError({ "ratings.dat": withRatings("7::1::5::1", "2::20") });
    expect(truncated.file).toMatch(/ratings\.dat$/);
    expect(truncated.line).toBe(2);
    expect(truncated.message).toMatch(/expected 4 '::'-separated fields.*found 2/);
    const commas = await formatError({ "users.dat": "7,M,25,15,85711\n" });
    expect(commas.file).toMatch(/users\.dat$/);
    expect(commas.line).toBe(1);
    expect(commas.message).toMatch(/looks ','-separated/);
    const short = await formatError({ "movies.dat": "1::Toy Story (1995)\n" });
    expect(short.message).toMatch(/expected 3 '::'-separated fields, found 2/);
  });

  it("non-numeric, non-integer and out-of-scale ratings", async () => {
    const cases: [string, RegExp][] = [
      ["five", /must be a number/],
      ["4.5", /must be an integer 1\.\.5/],
      ["6", /6 is outside 1\.\.5/],
      ["0", /0 is outside 1\.\.5/],
    ];
    for (const [rating, reason] of cases) {
      const error = await formatError({
        "ratings.dat": withRatings("7::1::5", `2::20::${rating}::1`),
      });
      expect(error.line, rating).toBe(2);
      expect(error.field, rating).toBe("Rating");
      expect(error.message, rating).toMatch(reason);
    }
  });

  it("unknown users and movies, duplicates and users without ratings", async () => {
    const user = await formatError({ "ratings.dat": withRatings("7::1::5", "99::1::5") });
    expect([user.line, user.field]).toEqual([2, "UserID"]);
    expect(user.message).toMatch(/user "99" is not in users\.dat/);
    const movie = await formatError({ "ratings.dat": withRatings("7::1::5", "7::999::5") });
    expect([movie.line, movie.field]).toEqual([2, "MovieID"]);
    const pair = await formatError({
      "ratings.dat": withRatings("7::1::5", "2::20::3", "3::1::4", "5::20::1", "7::1::2"),
    });
    expect(pair.line).toBe(5);
    expect(pair.message).toMatch(/first on line 1/);
    const twice = await formatError({ "users.dat": `${texts["users.dat"]}2::F::18::1::1\n` });
    expect([twice.line, twice.field]).toEqual([5, "UserID"]);
    expect(twice.message).toMatch(/already defined on line 2/);
    const idle = await formatError({ "users.dat": `${texts["users.dat"]}9::F::18::1::1\n` });
    expect([idle.line, idle.field]).toEqual([5, "UserID"]);
    expect(idle.message).toMatch(/no ratings/);
  });

  it("unknown gender and age codes", async () => {
    const gender = await formatError({ "users.dat": "7::X::25::15::85711\n" });
    expect([gender.line, gender.field]).toEqual([1, "Gender"]);
    const age = await formatError({ "users.dat": "7::M::40::15::85711\n" });
    expect([age.line, age.field]).toEqual([1, "Age"]);
    expect(age.message).toMatch(/band codes 1, 18, 25, 35, 45, 50, 56/);
  });
});

describe("ml1mAgeRule", () => {
  it("puts a band in the senior group exactly when its lower bound reaches the threshold", async () => {
    const dataset = await loadMovieLens1m(await fresh());
    const codes = ML1M_AGE_BANDS.map((band) => band.code);
    for (const threshold of codes.slice(1)) {
      const rule = ml1mAgeRule(threshold);
      const labels = Array.from(
        applyGroupRule(
          {
            ...dataset,
            userAttributes: {
              age: {
                kind: "numeric",
                values: Float64Array.from(codes),
              },
            },
            users: { ids: codes.map(String), index: new Map(codes.map((c, i) => [String(c), i])) },
          },
          rule,
        ),
      );
      expect(labels, String(threshold)).toEqual(codes.map((code) => (code >= threshold ? 0 : 1)));
    }
    expect(ml1mAgeRule().test).toEqual({ type: "below", threshold: 45 });
  });

  it("refuses a threshold inside a band, naming the band and the nearest boundaries", () => {
    expect(() => ml1mAgeRule(40)).toThrow(ConfigError);
    expect(() => ml1mAgeRule(40)).toThrow(/40 falls inside the age band 35-44.*35 or 45/);
    expect(() => ml1mAgeRule(60)).toThrow(/56\+.*nearest are 56/);
    expect(() => ml1mAgeRule(1)).toThrow(/not a band boundary/);
  });
});

describe("resolveMovieLens1m", () => {
  const zipOf = (files: Record<string, Uint8Array>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [`ml-1m/${n}`, b])));

  it("downloads the zip into the cache, verifies checksums when given, then serves the cache", async () => {
    const files = ml1mFixtureFiles();
    server.handle(serve(zipOf(files)));
    const cacheDir = join(root, "cache-download");
    const env = { HOME: join(root, "home") };
    const expectedSha256 = Object.fromEntries(
      ["ratings.dat", "users.dat", "movies.dat"].map((name) => [name, sha256Hex(files[name])]),
    );
    const options = { cacheDir, env, url: server.url("/ml-1m.zip"), expectedSha256 };
    const first = await resolveMovieLens1m(options);
    expect(first).toEqual({ dir: join(cacheDir, "ml-1m"), origin: "download" });
    const dataset = await loadMovieLens1m(first.dir);
    expect(dataset.itemAttributes.titles?.[1]).toBe("Misérables, Les (1995)");
    const before = server.requests();
    expect(await resolveMovieLens1m(options)).toEqual({ dir: first.dir, origin: "cache" });
    expect(server.requests()).toBe(before);
  });

  it("takes DEEPUNHIDE_ML1M_URL, and rejects a checksum mismatch or a zip without the files", async () => {
    const files = ml1mFixtureFiles();
    server.handle(serve(zipOf(files)));
    const env = { HOME: join(root, "home"), DEEPUNHIDE_ML1M_URL: server.url("/env.zip") };
    const mismatch = await resolveMovieLens1m({
      cacheDir: join(root, "cache-mismatch"),
      env,
      expectedSha256: { "ratings.dat": "0".repeat(64) },
    }).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(DownloadError);
    expect((mismatch as Error).message).toContain(sha256Hex(files["ratings.dat"]));
    expect((mismatch as Error).message).toContain("ml-1m/");
    server.handle(serve(zipSync({ "ml-1m/README": Buffer.from("x") })));
    const lacking = await resolveMovieLens1m({ cacheDir: join(root, "cache-lacking"), env }).catch(
      (e: unknown) => e,
    );
    expect((lacking as Error).message).toMatch(
      /lacks ml-1m\/ratings\.dat.*is it really ml-1m\.zip/,
    );
  });

  it("checks the zip's MD5: GroupLens's for the published URL, the caller's for any URL", async () => {
    expect(expectedArchiveMd5(ML1M_DATASET, ML1M_DATASET.url)).toBe(ML1M_ARCHIVE_MD5);
    expect(ML1M_ARCHIVE_MD5).toMatch(/^[0-9a-f]{32}$/);
    expect(expectedArchiveMd5(ML1M_DATASET, "https://mirror.example/ml-1m.zip")).toBeUndefined();
    expect(expectedArchiveMd5(ML1M_DATASET, ML1M_DATASET.url, { expectedArchiveMd5: "ab" })).toBe(
      "ab",
    );

    const zip = zipOf(ml1mFixtureFiles());
    const md5 = createHash("md5").update(zip).digest("hex");
    server.handle(serve(zip));
    const env = { HOME: join(root, "home") };
    const url = server.url("/md5.zip");
    const badCache = join(root, "cache-md5-bad");
    const bad = await resolveMovieLens1m({
      cacheDir: badCache,
      env,
      url,
      expectedArchiveMd5: "0".repeat(32),
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DownloadError);
    expect((bad as Error).message).toContain(`expected MD5 ${"0".repeat(32)}, got ${md5}`);
    expect(await readdir(badCache).catch(() => [])).not.toContain("ml-1m");
    const good = await resolveMovieLens1m({
      cacheDir: join(root, "cache-md5-good"),
      env,
      url,
      expectedArchiveMd5: md5.toUpperCase(),
    });
    expect(good.origin).toBe("download");
  });

  it("finds a local folder holding ml-1m/ and refuses one that lacks the files", async () => {
    const base = join(root, "local");
    await writeMl1mFixture(join(base, "ml-1m"));
    expect(await resolveMovieLens1m({ dataDir: base, env: {} })).toEqual({
      dir: join(base, "ml-1m"),
      origin: "data-dir",
    });
    const error = await resolveMovieLens1m({ dataDir: root, env: {} }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/does not hold MovieLens 1M/);
    expect(ML1M_DATASET.url).toBe("https://files.grouplens.org/datasets/movielens/ml-1m.zip");
  });
});
