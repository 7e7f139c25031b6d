// A small saved model for the apply and CLI tests: synthetic data, a short PMF, no random draws.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { writeModelFolder } from "../../src/io/modelFolder.js";
import { type PipelineResult, runPipeline } from "../../src/pipeline/runPipeline.js";

/** Runs the pipeline on a 300 × 400 synthetic dataset and writes its model folder. */
export async function writeSmallModel(): Promise<{ dir: string; result: PipelineResult }> {
  const { dataset } = generateSynthetic({ users: 300, items: 400, ratings: 15_000 }, 3);
  const result = runPipeline(dataset, { mf: { k: 16, epochs: 10 }, topN: 4, randomDraws: 0 });
  const dir = join(await mkdtemp(join(tmpdir(), "du-apply-")), "model");
  await writeModelFolder(dir, result);
  return { dir, result };
}
