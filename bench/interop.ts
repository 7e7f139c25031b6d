/**
 * `npx tsx bench/interop.ts [users] [items] [k]`: time to export and import factors in every
 * format, and the bytes written, on seeded random factors (default MyAnimeList's shape,
 * 69,600 users × 9,927 items, K = 100; pass 943 1682 100 for ML-100K's). Checks that every
 * round trip is bit-identical. Writes bench/results/interop-<users>x<items>x<k>.json.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../src/io/atomic.js";
import { exportFactors, type FactorsWithIds } from "../src/io/exportFactors.js";
import { FACTOR_FORMATS } from "../src/io/importedFactors.js";
import { importFactors } from "../src/io/importFactors.js";
import { createRng } from "../src/util/rng.js";

const [users, items, k] = [
  Number(process.argv[2] ?? 69_600),
  Number(process.argv[3] ?? 9_927),
  Number(process.argv[4] ?? 100),
];
const rng = createRng(1);
const random = (n: number) => Float32Array.from({ length: n }, () => rng.normal() * 0.3);
const factors: FactorsWithIds = {
  userIds: Array.from({ length: users }, (_, u) => String(u + 1)),
  itemIds: Array.from({ length: items }, (_, i) => String(i + 1)),
  factors: {
    k,
    userCount: users,
    itemCount: items,
    userFactors: random(users * k),
    itemFactors: random(items * k),
  },
};

async function folderBytes(dir: string, names: string[]): Promise<number> {
  let total = 0;
  for (const name of names) total += (await stat(join(dir, name))).size;
  return total;
}

const rows: Record<string, unknown>[] = [];
const root = await mkdtemp(join(tmpdir(), "du-bench-interop-"));
for (const format of FACTOR_FORMATS) {
  const dir = join(root, format);
  let start = performance.now();
  const files = await exportFactors(dir, factors, format);
  const exportMs = performance.now() - start;
  start = performance.now();
  const back = await importFactors(dir);
  const importMs = performance.now() - start;
  const same =
    Buffer.compare(
      Buffer.from(back.factors.userFactors.buffer),
      Buffer.from(factors.factors.userFactors.buffer),
    ) === 0 &&
    Buffer.compare(
      Buffer.from(back.factors.itemFactors.buffer),
      Buffer.from(factors.factors.itemFactors.buffer),
    ) === 0;
  const row = {
    format,
    exportMs: Math.round(exportMs),
    importMs: Math.round(importMs),
    bytes: await folderBytes(dir, files),
    bitIdentical: same,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
  await rm(dir, { recursive: true, force: true });
}
await rm(root, { recursive: true, force: true });
const out = join("bench", "results", `interop-${users}x${items}x${k}.json`);
await writeFileAtomic(
  out,
  `${JSON.stringify({ users, items, k, node: process.version, rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
