import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveCacheDir } from "../../src/data/cache.js";
import { ML100K_SHA256 } from "../../src/data/ml100kArchive.js";
import { loadMovieLens100k } from "../../src/data/movielens100k.js";
import { resolveMovieLens100k } from "../../src/data/resolveMovieLens100k.js";
import { DownloadError } from "../../src/errors.js";
import { sha256Hex } from "../../src/util/sha256.js";
import { fixtureFiles, hashesOf, zipOf } from "./httpFixture.js";
import { serve, startServer, type TestServer } from "./testServer.js";

const root = await mkdtemp(join(tmpdir(), "deepunhide-resolve-"));
let server: TestServer;
let caseNo = 0;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => server.handle((_req, res) => res.writeHead(404).end()));

/** A fresh empty cache folder and an environment that cannot reach the user's real cache. */
function isolated(): { cacheDir: string; env: NodeJS.ProcessEnv } {
  caseNo++;
  const cacheDir = join(root, `cache-${caseNo}`);
  return { cacheDir, env: { HOME: join(root, `home-${caseNo}`) } };
}

async function rejection(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

/** The cache folder holds nothing but (maybe) nothing at all: no entry, no temp folders. */
async function expectNoCacheEntry(cacheDir: string): Promise<void> {
  const names = await readdir(cacheDir).catch(() => [] as string[]);
  expect(names).toEqual([]);
}

describe("resolveCacheDir", () => {
  it("prefers the option, then DEEPUNHIDE_CACHE_DIR, then an absolute XDG_CACHE_HOME, then ~/.cache", () => {
    expect(resolveCacheDir({ cacheDir: "/c", env: { XDG_CACHE_HOME: "/x" } })).toBe("/c");
    expect(resolveCacheDir({ env: { DEEPUNHIDE_CACHE_DIR: "/d", XDG_CACHE_HOME: "/x" } })).toBe(
      "/d",
    );
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: "/x" }, home: "/h" })).toBe("/x/deepunhide");
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: "rel" }, home: "/h" })).toBe(
      "/h/.cache/deepunhide",
    );
    expect(resolveCacheDir({ env: {}, home: "/h" })).toBe("/h/.cache/deepunhide");
  });
});

describe("resolveMovieLens100k from local folders", () => {
  it("accepts a data dir holding the files or holding ml-100k/, and DEEPUNHIDE_DATA", async () => {
    const base = join(root, "local");
    const nested = join(base, "ml-100k");
    await mkdir(nested, { recursive: true });
    for (const [name, bytes] of Object.entries(fixtureFiles()))
      await writeFile(join(nested, name), bytes);
    const { cacheDir, env } = isolated();
    expect(await resolveMovieLens100k({ dataDir: nested, cacheDir, env })).toEqual({
      dir: nested,
      origin: "data-dir",
    });
    expect(await resolveMovieLens100k({ dataDir: base, cacheDir, env })).toEqual({
      dir: nested,
      origin: "data-dir",
    });
    expect(
      await resolveMovieLens100k({ cacheDir, env: { ...env, DEEPUNHIDE_DATA: base } }),
    ).toEqual({ dir: nested, origin: "env" });
    expect(server.requests()).toBe(0);
  });

  it("rejects an explicit data dir that is missing or lacks files, without falling back", async () => {
    const { cacheDir, env } = isolated();
    const url = server.url("/never");
    const absent = await rejection(
      resolveMovieLens100k({ dataDir: join(root, "nope"), cacheDir, env, url }),
    );
    expect(absent.message).toContain(join(root, "nope"));
    const partial = join(root, "partial");
    await mkdir(partial, { recursive: true });
    await writeFile(join(partial, "u.data"), "1\t1\t1\t1\n");
    const lacking = await rejection(resolveMovieLens100k({ dataDir: partial, cacheDir, env, url }));
    expect(lacking.message).toContain("u.item");
    const fromEnv = await rejection(
      resolveMovieLens100k({ cacheDir, env: { ...env, DEEPUNHIDE_DATA: partial }, url }),
    );
    expect(fromEnv.message).toContain("DEEPUNHIDE_DATA");
    expect(server.requests()).toBe(0);
  });
});

describe("resolveMovieLens100k downloading into the cache", () => {
  it("downloads into an empty cache, then serves the cache without network", async () => {
    const files = fixtureFiles();
    server.handle(serve(zipOf(files)));
    const { cacheDir, env } = isolated();
    const before = server.requests();
    const progress: [number, number | undefined][] = [];
    const options = {
      cacheDir,
      env,
      url: server.url("/ml-100k.zip"),
      expectedSha256: hashesOf(files),
      onProgress: (r: number, t: number | undefined) => progress.push([r, t]),
    };
    const first = await resolveMovieLens100k(options);
    expect(first).toEqual({ dir: join(cacheDir, "ml-100k"), origin: "download" });
    expect(server.requests()).toBe(before + 1);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(await readdir(cacheDir)).toEqual(["ml-100k"]);
    expect(await readFile(join(first.dir, "README"), "utf8")).toBe("fixture readme\n");
    const dataset = await loadMovieLens100k(first.dir);
    expect(dataset.itemAttributes.titles?.[1]).toBe("Misérables, Les (1995)");

    server.handle((_req, res) => res.destroy());
    const second = await resolveMovieLens100k(options);
    expect(second).toEqual({ dir: first.dir, origin: "cache" });
    expect(server.requests()).toBe(before + 1);
  });

  it("takes the URL from DEEPUNHIDE_ML100K_URL and re-downloads an incomplete cache entry", async () => {
    const files = fixtureFiles();
    server.handle(serve(zipOf(files)));
    const { cacheDir, env } = isolated();
    // Files without the marker: what an interrupted manual copy would leave.
    await mkdir(join(cacheDir, "ml-100k"), { recursive: true });
    await writeFile(join(cacheDir, "ml-100k", "u.data"), "partial");
    const result = await resolveMovieLens100k({
      cacheDir,
      env: { ...env, DEEPUNHIDE_ML100K_URL: server.url("/from-env.zip") },
      expectedSha256: hashesOf(files),
    });
    expect(result.origin).toBe("download");
    expect(await readFile(join(result.dir, "u.data"))).toEqual(Buffer.from(files["u.data"]));
    expect((await readdir(cacheDir)).sort()).toEqual(["ml-100k"]);
  });

  it("rejects a checksum mismatch, naming the file and both hashes, and installs nothing", async () => {
    const files = fixtureFiles();
    server.handle(serve(zipOf(files)));
    const { cacheDir, env } = isolated();
    const error = await rejection(
      resolveMovieLens100k({ cacheDir, env, url: server.url("/ml-100k.zip") }),
    );
    expect(error.message).toContain("u.data");
    expect(error.message).toContain(ML100K_SHA256["u.data"]);
    expect(error.message).toContain(sha256Hex(files["u.data"]));
    await expectNoCacheEntry(cacheDir);
  });

  it("rejects a connection dropped mid-body and installs nothing", async () => {
    const body = zipOf(fixtureFiles());
    server.handle((_req, res) => {
      res.writeHead(200, { "content-length": body.length });
      res.write(body.subarray(0, body.length >> 1), () => res.destroy());
    });
    const { cacheDir, env } = isolated();
    const error = await rejection(
      resolveMovieLens100k({ cacheDir, env, url: server.url("/ml-100k.zip"), expectedSha256: {} }),
    );
    expect(error.message).toMatch(/interrupted|incomplete/);
    await expectNoCacheEntry(cacheDir);
  });

  it("aborts a stalled download after the stall timeout", async () => {
    const body = zipOf(fixtureFiles());
    server.handle((_req, res) => {
      res.writeHead(200, { "content-length": body.length });
      res.write(body.subarray(0, 10));
    });
    const { cacheDir, env } = isolated();
    const started = performance.now();
    const error = await rejection(
      resolveMovieLens100k({
        cacheDir,
        env,
        url: server.url("/ml-100k.zip"),
        stallTimeoutMs: 200,
        expectedSha256: {},
      }),
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(error.message).toContain("stalled");
    expect(error.message).toContain("--data-dir");
    await expectNoCacheEntry(cacheDir);
  });

  it("reports HTTP errors and bodies that are not zips", async () => {
    const { cacheDir, env } = isolated();
    server.handle((_req, res) => res.writeHead(404).end("no"));
    const notFound = await rejection(
      resolveMovieLens100k({ cacheDir, env, url: server.url("/missing.zip") }),
    );
    expect(notFound.message).toContain("HTTP 404");
    server.handle(serve(Buffer.from("<html>captive portal</html>")));
    const notZip = await rejection(
      resolveMovieLens100k({ cacheDir, env, url: server.url("/x.zip") }),
    );
    expect(notZip.message).toContain("not a valid zip");
    await expectNoCacheEntry(cacheDir);
  });

  it("explains how to proceed offline when the host is unreachable", async () => {
    const closed = await startServer();
    const url = closed.url("/ml-100k.zip");
    await closed.close();
    const { cacheDir, env } = isolated();
    const error = await rejection(resolveMovieLens100k({ cacheDir, env, url }));
    expect(error.message).toContain("ECONNREFUSED");
    expect(error.message).toContain("--data-dir");
    expect(error.message).toContain("DEEPUNHIDE_DATA");
    expect(error.message).toContain(url);
    await expectNoCacheEntry(cacheDir);
  });
});

const realRoot = process.env.DEEPUNHIDE_DATA;
describe.skipIf(realRoot === undefined)("resolveMovieLens100k with the real files", () => {
  it("accepts a zip of the real files under the published checksums, and the result loads", async () => {
    const names = ["README", "u.data", "u.genre", "u.info", "u.item", "u.occupation", "u.user"];
    const files: Record<string, Uint8Array> = {};
    for (const name of names) files[name] = await readFile(join(realRoot!, "ml-100k", name));
    server.handle(serve(zipOf(files)));
    const { cacheDir, env } = isolated();
    const result = await resolveMovieLens100k({ cacheDir, env, url: server.url("/ml-100k.zip") });
    expect(result.origin).toBe("download");
    const dataset = await loadMovieLens100k(result.dir);
    expect(dataset.ratings.value.length).toBe(100_000);
    expect(dataset.sources.find((s) => s.name === "u.user")?.sha256).toBe(ML100K_SHA256["u.user"]);
  });
});
