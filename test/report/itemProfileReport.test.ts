import { beforeAll, describe, expect, it } from "vitest";
import { generateSynthetic } from "../../src/data/synthetic.js";
import { runPipeline } from "../../src/pipeline/runPipeline.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/renderSvg.js";
import { buildReportHtml } from "../../src/report/reportHtml.js";
import { buildResultsDocument, type ResultsDocument } from "../../src/report/resultsDocument.js";
import { formatSummary } from "../../src/report/summaryText.js";
import { countMarkItems } from "./svgMarks.js";

describe("the item side in results.json, the figures, the report and the summary", () => {
  let document: ResultsDocument;

  beforeAll(() => {
    const { dataset } = generateSynthetic({ users: 300, items: 400, ratings: 15_000 }, 3);
    const result = runPipeline(dataset, { mf: { k: 16, epochs: 10 }, topN: 4, randomDraws: 0 });
    document = JSON.parse(JSON.stringify(buildResultsDocument(result)));
  }, 60_000);

  it("documents every genre consistently", () => {
    const items = document.items!;
    expect(items.items.train + items.items.validation + items.items.test).toBe(
      items.items.included,
    );
    expect(items.items.included + items.items.excluded).toBe(400);
    for (const g of items.genres) {
      expect(g.items.with + g.items.without).toBe(items.items.included);
      expect(Math.min(g.items.with, g.items.without)).toBeGreaterThanOrEqual(items.config.minItems);
      g.proportions.with.forEach((w, j) => {
        expect(w + g.proportions.without[j]).toBeCloseTo(1, 12);
      });
      expect(g.topFactors.map((f) => f.factor)).toEqual(
        g.ranking.slice(0, items.config.topFactors),
      );
      expect(Math.max(...g.relevancy)).toBe(1);
    }
    for (const s of items.skipped) {
      expect(Math.min(s.with, s.without)).toBeLessThan(items.config.minItems);
    }
    // byFactor is the transpose of the genres' relevancy: the first genre of each factor has
    // the highest relevancy on it.
    for (const f of items.byFactor) {
      const best = Math.max(...items.genres.map((g) => g.relevancy[f.factor]));
      expect(f.genres[0].relevancy).toBe(best);
    }
  });

  it("draws one heatmap cell per genre and factor", async () => {
    const figure = buildFigures(document).find((f) => f.name === "fig10-items-genres")!;
    const items = document.items!;
    expect(figure.rows).toHaveLength(items.genres.length * 16);
    const svg = await renderSvg(figure.spec);
    expect(countMarkItems(svg, "genre_cells")).toBe(items.genres.length * 16);
  });

  it("adds the genre table to report.html and the best genres to the summary", () => {
    const html = buildReportHtml(document, []);
    const table = html.slice(html.indexOf('<table id="items-table">'));
    const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
    expect(body.match(/<tr>/g)).toHaveLength(document.items!.genres.length);
    expect(html).toContain("Children&#39;s");
    const summary = formatSummary(document);
    expect(summary).toMatch(/Item factors against genres: \d+ genres/);
  });

  it("leaves the item side out when the run turned it off", () => {
    const { dataset } = generateSynthetic({ users: 200, items: 200, ratings: 6_000 }, 4);
    const result = runPipeline(dataset, {
      mf: { k: 8, epochs: 3 },
      topN: 2,
      randomDraws: 0,
      items: { enabled: false },
    });
    expect(result.items).toBeUndefined();
    const off = buildResultsDocument(result);
    expect(off.items).toBeUndefined();
    expect(buildFigures(off).some((f) => f.name === "fig10-items-genres")).toBe(false);
    expect(formatSummary(off)).not.toContain("Item factors against genres");
  });
});
