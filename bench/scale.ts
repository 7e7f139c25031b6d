/**
 * `npm run bench` (second part): speed and memory at scale, written to
 * bench/results/bench-scale.json. Measurements, not tests: nothing fails on a slow machine.
 *
 * - PMF epochs at MyAnimeList's scale (the `synthetic-mal` preset: 69,600 users × 9,927 items,
 *   5,788,207 ratings, K = 100), WebAssembly and TypeScript kernels;
 * - generating that dataset (time, memory);
 * - `deepunhide run --dataset synthetic-mal --quick` end to end through the compiled CLI;
 * - `deepunhide run --dataset synthetic-ml-1m` (full default protocol) through the CLI: the
 *   real MovieLens 1M cannot be downloaded on an offline machine, so a synthetic dataset of its
 *   shape (6,040 users × 3,706 items, 1,000,209 ratings on 1–5) stands in for it.
 *
 * CLI runs go through /usr/bin/time -v when it exists, for the peak resident memory and the
 * CPU time of the whole process tree; CPU time stays meaningful on a machine shared with other
 * jobs, wall time does not. Environment: BENCH_SCALE_RUNS=0 skips the two CLI runs (about 10
 * minutes on an idle 2-core machine); BENCH_MAL_EPOCHS (default 3) epochs per kernel.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { generateSynthetic } from "../src/data/synthetic.js";
import { SYNTHETIC_PRESETS } from "../src/data/syntheticConfig.js";
import { writeFileAtomic } from "../src/io/atomic.js";
import { fitPmf, type PmfKernel } from "../src/mf/pmf.js";
import { createRng } from "../src/util/rng.js";

const MIB = 2 ** 20;
const round = (x: number): number => Math.round(x * 10) / 10;

/** Wall and CPU milliseconds of `work`, run in this process. */
function timed<T>(work: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    wallMs: round(performance.now() - start),
    cpuMs: round((used.user + used.system) / 1000),
  };
}

interface CliRun {
  readonly command: string;
  readonly exitCode: number | null;
  readonly wallMs: number;
  /** User + system CPU of the process and its worker threads (null without /usr/bin/time). */
  readonly cpuMs: number | null;
  /** Peak resident set size in MiB (null without /usr/bin/time). */
  readonly peakRssMiB: number | null;
  /** Wall milliseconds per stage, from results.json → timings. */
  readonly stages: Readonly<Record<string, number>> | null;
}

/** Runs the compiled CLI once, under /usr/bin/time -v when available. */
async function runCli(args: readonly string[]): Promise<CliRun> {
  const out = await mkdtemp(join(tmpdir(), "deepunhide-bench-scale-"));
  const cli = [resolve("bin/deepunhide.js"), ...args, "--out", out, "--quiet"];
  const timeTool = "/usr/bin/time";
  const useTime = existsSync(timeTool);
  const command = `deepunhide ${args.join(" ")}`;
  process.stderr.write(`${command} …\n`);
  const start = performance.now();
  const run = useTime
    ? spawnSync(timeTool, ["-v", process.execPath, ...cli], { encoding: "utf8" })
    : spawnSync(process.execPath, cli, { encoding: "utf8" });
  const wallMs = round(performance.now() - start);
  const report = run.stderr ?? "";
  const field = (name: string): number | null => {
    const match = new RegExp(`${name}: ([0-9.]+)`).exec(report);
    return match === null ? null : Number(match[1]);
  };
  const user = field("User time \\(seconds\\)");
  const system = field("System time \\(seconds\\)");
  const rssKiB = field("Maximum resident set size \\(kbytes\\)");
  let stages: Record<string, number> | null = null;
  const resultsFile = join(out, "results.json");
  if (run.status === 0 && existsSync(resultsFile)) {
    const { readFile } = await import("node:fs/promises");
    const results = JSON.parse(await readFile(resultsFile, "utf8")) as {
      timings: Record<string, number>;
    };
    stages = Object.fromEntries(
      Object.entries(results.timings).map(([stage, ms]) => [stage, round(ms)]),
    );
  } else {
    process.stderr.write(`${command} failed (exit ${run.status}):\n${report.slice(-2000)}\n`);
  }
  await rm(out, { recursive: true, force: true });
  const result: CliRun = {
    command,
    exitCode: run.status,
    wallMs,
    cpuMs: user === null || system === null ? null : round((user + system) * 1000),
    peakRssMiB: rssKiB === null ? null : round(rssKiB / 1024),
    stages,
  };
  process.stderr.write(
    `  wall ${(wallMs / 1000).toFixed(1)} s, cpu ${result.cpuMs === null ? "?" : (result.cpuMs / 1000).toFixed(1)} s, peak RSS ${result.peakRssMiB ?? "?"} MiB\n`,
  );
  return result;
}

async function main(): Promise<void> {
  const epochs = Number(process.env.BENCH_MAL_EPOCHS ?? 3);
  const loadBefore = loadavg()[0];

  const generation = timed(() => generateSynthetic(SYNTHETIC_PRESETS.mal, 7).dataset);
  const dataset = generation.value;
  const memory = process.memoryUsage();
  const users = dataset.users.ids.length;
  const items = dataset.items.ids.length;
  const ratings = dataset.ratings.value.length;
  process.stderr.write(
    `synthetic-mal: ${users} × ${items}, ${ratings} ratings in ${generation.wallMs} ms (rss ${Math.round(memory.rss / MIB)} MiB)\n`,
  );

  // Per-epoch times of each kernel; the first epoch of the process also pays for compiling.
  const pmfEpochs: Record<string, { wallMsPerEpoch: number[]; cpuMs: number; rssMiB: number }> = {};
  for (const kernel of ["wasm", "js"] as PmfKernel[]) {
    const perEpoch: number[] = [];
    let last = performance.now();
    const fit = timed(() =>
      fitPmf(dataset.ratings, users, items, { epochs, kernel }, createRng(1), () => {
        const now = performance.now();
        perEpoch.push(round(now - last));
        last = now;
      }),
    );
    pmfEpochs[kernel] = {
      wallMsPerEpoch: perEpoch,
      cpuMs: fit.cpuMs,
      rssMiB: Math.round(process.memoryUsage().rss / MIB),
    };
    process.stderr.write(`PMF epoch at MAL scale (${kernel}): ${perEpoch.join(", ")} ms\n`);
  }

  const cliRuns: CliRun[] = [];
  if (process.env.BENCH_SCALE_RUNS !== "0" && existsSync(resolve("dist/cli/main.js"))) {
    cliRuns.push(await runCli(["run", "--dataset", "synthetic-mal", "--quick"]));
    cliRuns.push(await runCli(["run", "--dataset", "synthetic-ml-1m"]));
  } else {
    process.stderr.write(
      "skipping the CLI runs at scale (BENCH_SCALE_RUNS=0 or no dist/: npm run build)\n",
    );
  }

  const report = {
    benchmark: "deepunhide at scale",
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      // The 1-minute load average before and after: on a shared machine, wall times scale
      // with it; CPU times much less.
      loadAverage: { before: round(loadBefore), after: round(loadavg()[0]) },
    },
    date: new Date().toISOString(),
    syntheticMal: {
      users,
      items,
      ratings,
      ratingScale: dataset.ratingScale,
      generateWallMs: generation.wallMs,
      generateCpuMs: generation.cpuMs,
      rssAfterMiB: Math.round(memory.rss / MIB),
      heapUsedMiB: Math.round(memory.heapUsed / MIB),
      arrayBuffersMiB: Math.round(memory.arrayBuffers / MIB),
    },
    pmfEpochAtMalScale: { k: 100, epochs, ...pmfEpochs },
    note: "synthetic-ml-1m stands in for MovieLens 1M (not downloadable offline): same shape, 6,040 × 3,706, 1,000,209 ratings on 1–5",
    cliRuns,
  };
  const file = resolve("bench/results/bench-scale.json");
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
}

await main();
