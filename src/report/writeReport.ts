import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { figureCsv } from "./csv.js";
import { e4Csv } from "./e4Table.js";
import { buildFigures } from "./figures.js";
import { renderPng } from "./renderPng.js";
import { renderSvg } from "./renderSvg.js";
import { buildReportHtml, type ReportFigure } from "./reportHtml.js";
import type { ResultsDocument } from "./resultsDocument.js";

/** What {@link writeReport} wrote, and how long rendering took. */
export interface WrittenReport {
  /** Every file written, `report.html` last. */
  readonly files: string[];
  /** Milliseconds: `svg.<figure>`, `png.<figure>`, `html`, `total`. */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Writes the report into `outDir`: `figures/<name>.svg`, `.png` and `.csv` for every
 * figure, `figures/e4-<attribute>.csv`, then `report.html` (figures inlined). Each file is
 * written atomically, so an interrupted run never leaves half a file.
 */
export async function writeReport(
  outDir: string,
  document: ResultsDocument,
): Promise<WrittenReport> {
  const start = performance.now();
  const timings: Record<string, number> = {};
  const files: string[] = [];
  const write = async (path: string, data: string | Uint8Array) => {
    await writeFileAtomic(path, data);
    files.push(path);
  };
  const figuresDir = join(outDir, "figures");
  const rendered: ReportFigure[] = [];
  for (const figure of buildFigures(document)) {
    let t = performance.now();
    const svg = await renderSvg(figure.spec);
    timings[`svg.${figure.name}`] = performance.now() - t;
    t = performance.now();
    const png = renderPng(svg);
    timings[`png.${figure.name}`] = performance.now() - t;
    await write(join(figuresDir, `${figure.name}.svg`), svg);
    await write(join(figuresDir, `${figure.name}.png`), png);
    await write(join(figuresDir, `${figure.name}.csv`), figureCsv(figure));
    rendered.push({ name: figure.name, title: figure.title, caption: figure.caption, svg });
  }
  for (const [name, experiments] of Object.entries(document.experiments?.attributes ?? {})) {
    await write(join(figuresDir, `e4-${name}.csv`), e4Csv(experiments.e4));
  }
  const t = performance.now();
  const html = buildReportHtml(document, rendered);
  timings.html = performance.now() - t;
  await write(join(outDir, "report.html"), html);
  timings.total = performance.now() - start;
  return { files, timings };
}
