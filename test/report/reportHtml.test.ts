import { describe, expect, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { escapeHtml } from "../../src/report/html.js";
import { inlineSvg } from "../../src/report/inlineSvg.js";
import { renderSvg } from "../../src/report/renderSvg.js";
import { buildReportHtml, type ReportFigure } from "../../src/report/reportHtml.js";
import { fixtureDocument } from "./fixture.js";

async function renderAll(): Promise<ReportFigure[]> {
  const document = fixtureDocument();
  const figures: ReportFigure[] = [];
  for (const f of buildFigures(document)) {
    figures.push({
      name: f.name,
      title: f.title,
      caption: f.caption,
      svg: await renderSvg(f.spec),
    });
  }
  return figures;
}

/** Every attribute or CSS value that would make a browser fetch something. */
const RESOURCE_REFERENCE =
  /(?:\bsrc|\bhref|\baction|\bposter|\bdata)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?\s*(?:https?:)?\/\/|@import|<link\b|<script\b|<iframe\b/i;

describe("buildReportHtml", async () => {
  const document = fixtureDocument();
  const figures = await renderAll();
  const html = buildReportHtml(document, figures);

  it("loads nothing: no URL, no link, no script", () => {
    expect(html).not.toMatch(RESOURCE_REFERENCE);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("escapes item titles and figure titles", () => {
    expect(html).not.toContain("<script>alert");
    expect(html).toContain(
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Friends&quot; (1999)",
    );
    const hostile = buildReportHtml(document, [
      { name: "x", title: "<img src=x onerror=alert(1)>", svg: "", pngBase64: 'AAAA"><script>' },
    ]);
    expect(hostile).not.toContain("<img src=x");
    expect(hostile).not.toContain("<script>");
    expect(hostile).toContain('src="data:image/png;base64,AAAAscript"');
  });

  it("opens with the verdict, then the summary, figures, E4, stability and the CI note", () => {
    const order = [
      'id="verdict"',
      'id="summary"',
      'id="figures"',
      'id="e4"',
      'id="stability"',
      'id="reading-ci"',
    ].map((s) => html.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("inlines every figure once, with its caption, and gives each its own clip ids", () => {
    for (const f of figures) {
      expect(html.split(`<figure id="${f.name}"`)).toHaveLength(2);
      expect(html).toContain(escapeHtml(f.title));
    }
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).toContain("Paper Fig. 13 (E2)");
  });

  it("puts accuracy beside the majority floor, balanced accuracy and AUC", () => {
    const t = document.attributes.gender.classifier.test;
    const table = html.slice(html.indexOf('id="classifier-table"'));
    const row = table.slice(table.indexOf("<td>Gender</td>"));
    const cells = row.slice(0, row.indexOf("</tr>"));
    for (const value of [t.accuracy, t.majorityFloor, t.balancedAccuracy, t.auc]) {
      expect(cells).toContain(value.toFixed(3));
    }
  });

  it("shows the E4 Spearman value and the stability numbers", () => {
    const x = document.experiments!.attributes.gender;
    expect(html).toContain(`<strong>${x.e4.spearman.toFixed(2)}</strong>`);
    expect(html).toContain(
      `${x.stability.deepunhide.mean.toFixed(3)} ± ${x.stability.deepunhide.std.toFixed(3)}`,
    );
  });
});

describe("inlineSvg", () => {
  it("prefixes ids and their references and drops namespace declarations", () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><clipPath id="clip1"/><g clip-path="url(#clip1)"/></svg>';
    expect(inlineSvg(svg, "fig 9")).toBe(
      '<svg><clipPath id="fig-9-clip1"/><g clip-path="url(#fig-9-clip1)"/></svg>',
    );
  });
});
