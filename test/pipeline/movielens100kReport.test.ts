import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../../src/cli/runCommand.js";
import { buildFigures } from "../../src/report/figures.js";
import type { ResultsDocument } from "../../src/report/resultsDocument.js";
import { checkReportInChromium, haveChromium } from "../report/chromium.js";

const dataRoot = process.env.DEEPUNHIDE_DATA;

// `deepunhide run --dataset ml-100k --quick` on the real files: everything the evaluation
// writes, checked as a reader would meet it.
describe.skipIf(dataRoot === undefined)("the evaluation and report on real MovieLens 100K", () => {
  let out: string;
  let document: ResultsDocument;

  beforeAll(async () => {
    out = join(await mkdtemp(join(tmpdir(), "du-ml100k-")), "run");
    document = await runCommand({
      dataset: "ml-100k",
      dataDir: dataRoot,
      out,
      quiet: true,
      json: false,
      config: { seed: 42 },
      experiments: { protocol: "quick", seeds: 3, workers: 2 },
    });
  });

  it("writes every experiment for gender and age, with the archetype checks met", async () => {
    const onDisk = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as ResultsDocument;
    expect(onDisk.experiments?.protocol).toBe("quick");
    for (const name of ["gender", "age"]) {
      const a = onDisk.attributes[name];
      expect(a.archetypes.majority.score).toBeGreaterThan(0.9);
      expect(a.archetypes.minority.score).toBeLessThan(0.1);
      const e = onDisk.experiments?.attributes[name];
      expect(e, name).toBeDefined();
      if (e === undefined) continue;
      expect(e.e1.rows.length).toBeGreaterThan(0);
      expect(e.e2.cells).toHaveLength(e.e2.ns.length * 9);
      expect(e.e2.majorityFloor.mean).toBeGreaterThan(0.6);
      expect(e.e3.cells).toHaveLength(4 * 9);
      expect(e.e4.eligibleItems).toBeGreaterThan(300);
      expect(e.e4.minorityItems[0].title).toMatch(/\(\d{4}\)$/);
      expect(e.stability.deepunhide.values).toHaveLength(3);
      console.log(
        `ML-100K ${name}: E2 all-factor accuracy ${e.e2.allFactors.accuracy.mean.toFixed(3)} vs floor ${e.e2.majorityFloor.mean.toFixed(3)}; E4 Spearman ${e.e4.spearman.toFixed(3)}; top-20 Jaccard ${e.stability.deepunhide.mean.toFixed(3)} vs random ${e.stability.random.mean.toFixed(3)}`,
      );
    }
  });

  it("writes every figure as a non-empty SVG, PNG and CSV", async () => {
    const files = new Set(await readdir(join(out, "figures")));
    const figures = buildFigures(document);
    // Figs. 9–11, Fig. 10 for items, Figs. 12–14 per attribute, and the fairness trade-off.
    expect(figures.length).toBe(3 + 1 + 3 * 2 + 1);
    expect(figures.at(-1)?.name).toBe("fig15-fairness-tradeoff");
    for (const figure of figures) {
      for (const ext of ["svg", "png", "csv"]) {
        const name = `${figure.name}.${ext}`;
        expect(files.has(name), name).toBe(true);
        expect((await stat(join(out, "figures", name))).size, name).toBeGreaterThan(200);
      }
    }
  });

  it.skipIf(!haveChromium)(
    "opens report.html in headless Chromium with every figure visible",
    async () => {
      await checkReportInChromium(
        out,
        buildFigures(document).map((f) => f.name),
      );
    },
  );
});
