import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { RunCommandOptions } from "../src/cli/runCommand.js";

/** The ml-100k folder under $DEEPUNHIDE_DATA (default ../shared/data), if its files are there. */
export function findMovieLens(): string | undefined {
  const dir = join(process.env.DEEPUNHIDE_DATA ?? resolve("../shared/data"), "ml-100k");
  return existsSync(join(dir, "u.data")) ? dir : undefined;
}

/**
 * The benchmarks' `deepunhide run --no-evaluation --seed 42` into `out`: on MovieLens 100K
 * when `ml100k` is its folder, else on the synthetic dataset.
 */
export function benchRunOptions(out: string, ml100k: string | undefined): RunCommandOptions {
  return {
    dataset: ml100k !== undefined ? "ml-100k" : "synthetic",
    dataDir: ml100k,
    out,
    quiet: true,
    json: false,
    config: { seed: 42 },
  };
}
