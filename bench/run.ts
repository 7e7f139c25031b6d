/**
 * `npm run bench`: times each stage of `deepunhide run` on MovieLens 100K (or on the
 * synthetic dataset when the real files cannot be found) and writes the numbers to
 * bench/results/bench-<dataset>.json. Benchmarks are measurements, not tests: they never fail
 * on a slow machine. Timings are noisy on shared machines; compare ratios from one run.
 *
 * Environment: DEEPUNHIDE_DATA (folder holding ml-100k/, default ../shared/data),
 * BENCH_REPEATS (default 3), BENCH_EVALUATION=0 to skip the full evaluation run.
 * bench/scale.ts (run after this one by `npm run bench`) measures MyAnimeList and
 * MovieLens 1M scales on synthetic data.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { runCommand } from "../src/cli/runCommand.js";
import type { Dataset } from "../src/data/dataset.js";
import { loadMovieLens100k } from "../src/data/movielens100k.js";
import { generateSynthetic } from "../src/data/synthetic.js";
import { writeFileAtomic } from "../src/io/atomic.js";
import { fitPmf } from "../src/mf/pmf.js";
import { runPipeline } from "../src/pipeline/runPipeline.js";
import { createRng } from "../src/util/rng.js";
import { benchRunOptions, findMovieLens } from "./movieLensDir.js";

interface Sample {
  readonly name: string;
  readonly runsMs: number[];
  readonly medianMs: number;
  /**
   * CPU milliseconds of this process per run (worker threads included): unlike wall time it
   * barely moves when other jobs share the machine. Child processes are not counted.
   */
  readonly cpuMs: number[];
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function measure(name: string, repeats: number, work: () => unknown): Promise<Sample> {
  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    runsMs.push(round(performance.now() - start));
    const used = process.cpuUsage(cpu);
    cpuMs.push(round((used.user + used.system) / 1000));
  }
  const sample = { name, runsMs, medianMs: median(runsMs), cpuMs };
  process.stderr.write(
    `${name.padEnd(44)} median ${sample.medianMs.toFixed(1).padStart(8)} ms  [${runsMs.join(", ")}]  cpu [${cpuMs.join(", ")}]\n`,
  );
  return sample;
}

async function main(): Promise<void> {
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  const ml100k = findMovieLens();
  if (ml100k === undefined)
    process.stderr.write("MovieLens 100K not found; benchmarking the synthetic dataset\n");
  const load = (): Promise<Dataset> =>
    ml100k !== undefined
      ? loadMovieLens100k(ml100k)
      : Promise.resolve(generateSynthetic({}, 7).dataset);

  const samples: Sample[] = [];
  samples.push(await measure("load dataset", repeats, load));
  const dataset = await load();
  const users = dataset.users.ids.length;
  const items = dataset.items.ids.length;
  for (const kernel of ["wasm", "js"] as const) {
    samples.push(
      await measure(`PMF 30 epochs, K=100, all ratings (${kernel})`, repeats, () =>
        fitPmf(dataset.ratings, users, items, { epochs: 30, kernel }, createRng(1)),
      ),
    );
  }
  samples.push(
    await measure("generate synthetic (943×1682, 100k)", repeats, () => generateSynthetic({}, 7)),
  );
  const stageRuns: Record<string, number>[] = [];
  samples.push(
    await measure("pipeline, all stages (runPipeline)", repeats, () => {
      stageRuns.push({ ...runPipeline(dataset, { seed: 42 }).timings });
    }),
  );
  const out = await mkdtemp(join(tmpdir(), "deepunhide-bench-"));
  const datasetName = ml100k !== undefined ? "ml-100k" : "synthetic";
  samples.push(
    await measure("deepunhide run --no-evaluation (load+run+write)", repeats, () =>
      runCommand(benchRunOptions(out, ml100k)),
    ),
  );
  // The full default protocol once (about a minute): both attributes, 10 seeds, E1–E4,
  // report; through the compiled CLI, as users run it (`npm run build` first).
  let evaluationTimings: Readonly<Record<string, number>> = {};
  const cli = resolve("bin/deepunhide.js");
  if (process.env.BENCH_EVALUATION !== "0" && existsSync(resolve("dist/cli/main.js"))) {
    const args = [cli, "run", "--dataset", datasetName, "--out", out, "--quiet"];
    if (ml100k !== undefined) args.push("--data-dir", ml100k);
    samples.push(
      await measure("deepunhide run, full evaluation + report (CLI)", 1, () => {
        const run = spawnSync(process.execPath, args, { stdio: "inherit" });
        if (run.status !== 0) throw new Error(`deepunhide run failed with exit code ${run.status}`);
      }),
    );
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8")) as {
      timings: Record<string, number>;
    };
    evaluationTimings = results.timings;
  } else {
    process.stderr.write(
      "skipping the full evaluation run (BENCH_EVALUATION=0 or no dist/: npm run build)\n",
    );
  }
  await rm(out, { recursive: true, force: true });

  const stagesMedianMs: Record<string, number> = {};
  for (const stage of Object.keys(stageRuns[0]))
    stagesMedianMs[stage] = round(median(stageRuns.map((t) => t[stage])));
  const report = {
    benchmark: "deepunhide run stages",
    dataset: { name: dataset.name, users, items, ratings: dataset.ratings.value.length },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    date: new Date().toISOString(),
    repeats,
    samples,
    pipelineStagesMedianMs: stagesMedianMs,
    // Wall time per stage of the full run; "experiments.thread.*" is thread time summed over
    // the worker threads, per experiment (E1, the seeds' setup, E2, and E3 per classifier).
    fullEvaluationRunMs: evaluationTimings,
  };
  const file = resolve("bench/results", `bench-${dataset.name}.json`);
  await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(
    `pipeline stages, median ms: ${JSON.stringify(stagesMedianMs)}\nwrote ${file}\n`,
  );
}

await main();
