/**
 * Interrupted downloads (issue 8): a local server drops the connection at random offsets (with
 * and without an announced length), corrupts a byte, or stalls. Every failure is a
 * DownloadError, the cache never holds an entry afterwards, and the next healthy try succeeds.
 */

import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMovieLens100k } from "../../src/data/movielens100k.js";
import { resolveMovieLens100k } from "../../src/data/resolveMovieLens100k.js";
import { DownloadError } from "../../src/errors.js";
import { createRng } from "../../src/util/rng.js";
import { fixtureFiles, hashesOf, zipOf } from "./httpFixture.js";
import { serve, startServer, type TestServer } from "./testServer.js";

const FAULTS = 24;

let server: TestServer;
let root: string;
beforeAll(async () => {
  server = await startServer();
  root = await mkdtemp(join(tmpdir(), "du-interrupted-"));
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe("interrupted downloads", () => {
  it("never leave a corrupt cache entry, and the next try succeeds", async () => {
    const files = fixtureFiles();
    const body = zipOf(files);
    const rng = createRng(8);
    const cacheDir = join(root, "cache");
    const options = {
      cacheDir,
      env: { HOME: join(root, "home") },
      url: server.url("/ml-100k.zip"),
      expectedSha256: hashesOf(files),
      stallTimeoutMs: 150,
    };
    const seen: Record<string, number> = {};
    for (let fault = 0; fault < FAULTS; fault++) {
      const offset = Math.floor(rng.next() * body.length);
      const kind = ["drop", "drop-unannounced", "flip", "stall"][fault % 4];
      server.handle((_req, res) => {
        if (kind === "flip") {
          const bad = body.slice();
          bad[offset] ^= 0x5a;
          res.writeHead(200, { "content-length": bad.length });
          res.end(bad);
          return;
        }
        res.writeHead(200, kind === "drop-unannounced" ? {} : { "content-length": body.length });
        res.write(body.subarray(0, offset), () => {
          if (kind !== "stall") res.destroy();
        });
      });
      const error = await resolveMovieLens100k(options).then(
        () => undefined,
        (e: unknown) => e,
      );
      // A flipped byte in zip metadata no file depends on (a timestamp, a version field) leaves
      // every file intact; then the download is rightly accepted, and the cache must hold
      // exactly the original files.
      if (error === undefined) {
        expect(kind).toBe("flip");
        for (const [name, bytes] of Object.entries(files)) {
          expect(new Uint8Array(await readFile(join(cacheDir, "ml-100k", name))), name).toEqual(
            new Uint8Array(bytes),
          );
        }
        seen["flip accepted (files intact)"] = (seen["flip accepted (files intact)"] ?? 0) + 1;
        await rm(cacheDir, { recursive: true, force: true });
        continue;
      }
      expect(error, `${kind} at ${offset}`).toBeInstanceOf(DownloadError);
      const reason =
        /stalled|interrupted|incomplete|checksum|archive|file downloaded/.exec(
          (error as Error).message,
        )?.[0] ?? "other";
      seen[`${kind}: ${reason}`] = (seen[`${kind}: ${reason}`] ?? 0) + 1;
      expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
    }
    server.handle(serve(body));
    const ok = await resolveMovieLens100k(options);
    expect(ok.origin).toBe("download");
    const dataset = await loadMovieLens100k(ok.dir);
    expect(dataset.ratings.value.length).toBeGreaterThan(0);
    console.log(`interrupted downloads (${FAULTS}): ${JSON.stringify(seen)}`);
  }, 60_000);
});
