/**
 * `npx tsx bench/myAnimeList.ts [rows]`: MyAnimeList-layout files with `rows` list entries
 * (default 1,000,000; the real animelists_cleaned.csv has about 31 million) are generated in a
 * temporary folder, then:
 * - the list file is read two ways: node:readline with a split on commas (which cannot read
 *   quoted fields holding commas or line breaks, so it is only a speed reference) and the
 *   chunked byte parser `readDelimitedRecords` (RFC 4180);
 * - `loadMyAnimeList` loads the three files: wall time, peak RSS above the baseline (sampled
 *   every 20 ms) and the retained heap and typed-array bytes.
 * Writes bench/results/bench-myanimelist.json. A measurement, not a test.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { readDelimitedRecords } from "../src/data/delimitedRecords.js";
import { loadMyAnimeList } from "../src/data/myAnimeList.js";
import { createRng } from "../src/util/rng.js";
import {
  animeRow,
  csvRow,
  listRow,
  MAL_ANIME_COLUMNS,
  MAL_LIST_COLUMNS,
  MAL_USER_COLUMNS,
  userRow,
} from "../test/data/malFixture.js";

const rows = Number(process.argv[2] ?? 1_000_000);
const users = Math.max(10, Math.round(rows / 100));
const animeCount = 6000;

async function writeLists(path: string): Promise<void> {
  const rng = createRng(1);
  const out = createWriteStream(path);
  const write = (text: string) =>
    new Promise<void>((done) => (out.write(text) ? done() : out.once("drain", () => done())));
  await write(`${csvRow(MAL_LIST_COLUMNS)}\n`);
  let batch: string[] = [];
  const perUser = Math.ceil(rows / users);
  let written = 0;
  for (let u = 0; u < users && written < rows; u++) {
    const first = Math.floor(rng.next() * animeCount);
    for (let k = 0; k < perUser && written < rows; k++) {
      const anime = 1 + ((first + k * 7) % animeCount);
      const score = rng.next() < 0.3 ? 0 : 1 + Math.floor(rng.next() * 10);
      const tags = rng.next() < 0.01 ? "favourite, rewatch" : "";
      batch.push(listRow(`user_${u}`, anime, score, tags));
      written++;
      if (batch.length === 10_000) {
        await write(`${batch.join("\n")}\n`);
        batch = [];
      }
    }
  }
  if (batch.length > 0) await write(`${batch.join("\n")}\n`);
  await new Promise<void>((done) => out.end(done));
}

async function generate(dir: string): Promise<void> {
  const userLines = [csvRow(MAL_USER_COLUMNS)];
  for (let u = 0; u < users; u++) {
    const year = 1970 + (u % 35);
    userLines.push(userRow(`user_${u}`, u % 3 === 0 ? "Female" : "Male", `${year}-06-15 00:00:00`));
  }
  await writeFile(join(dir, "users_cleaned.csv"), `${userLines.join("\n")}\n`);
  const animeLines = [csvRow(MAL_ANIME_COLUMNS)];
  for (let a = 1; a <= animeCount; a++) {
    animeLines.push(
      animeRow(a, `Title ${a}, part ${a % 3}`, "Action, Comedy", "A background,\nwith two lines"),
    );
  }
  await writeFile(join(dir, "anime_cleaned.csv"), `${animeLines.join("\n")}\n`);
  await writeLists(join(dir, "animelists_cleaned.csv"));
}

async function readlineScan(path: string): Promise<number> {
  let kept = 0;
  let header = true;
  const lines = createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const fields = line.split(",");
    const score = Number(fields[5]);
    if (score > 0 && fields[0] !== "" && Number(fields[1]) >= 0) kept++;
  }
  return kept;
}

async function chunkedScan(path: string): Promise<number> {
  let kept = 0;
  let header = true;
  await readDelimitedRecords(path, { delimiter: ",", quotes: true }, (record) => {
    if (header) {
      header = false;
      return;
    }
    const score = record.integer(5);
    if (score > 0 && record.bytes(0).length > 0 && record.integer(1) >= 0) kept++;
  });
  return kept;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - start), value };
}

const dir = await mkdtemp(join(tmpdir(), "du-bench-mal-"));
try {
  const generated = await timed(() => generate(dir));
  const listsPath = join(dir, "animelists_cleaned.csv");
  const bytes = (await stat(listsPath)).size;
  const readline = await timed(() => readlineScan(listsPath));
  const chunked = await timed(() => chunkedScan(listsPath));
  const readline2 = await timed(() => readlineScan(listsPath));
  const chunked2 = await timed(() => chunkedScan(listsPath));

  globalThis.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const load = await timed(() => loadMyAnimeList(dir));
  clearInterval(sampler);
  globalThis.gc?.();
  const after = process.memoryUsage();
  const dataset = load.value;
  const mb = (n: number) => Math.round((n / 2 ** 20) * 10) / 10;
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    rows,
    users,
    anime: animeCount,
    listFileMB: mb(bytes),
    generateMs: generated.ms,
    scanListFile: {
      readlineSplitMs: [readline.ms, readline2.ms],
      chunkedParserMs: [chunked.ms, chunked2.ms],
      keptByReadline: readline.value,
      keptByChunked: chunked.value,
    },
    loadMyAnimeList: {
      ms: load.ms,
      ratingsKept: dataset.ratings.value.length,
      users: dataset.users.ids.length,
      items: dataset.items.ids.length,
      peakRssAboveBaselineMB: mb(peakRss - baseline.rss),
      retainedHeapMB: mb(after.heapUsed - baseline.heapUsed),
      retainedArrayBuffersMB: mb(after.arrayBuffers - baseline.arrayBuffers),
      ratingArraysMB: mb(dataset.ratings.value.length * 12),
    },
  };
  const outDir = resolve("bench/results");
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, "bench-myanimelist.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await rm(dir, { recursive: true, force: true });
}
