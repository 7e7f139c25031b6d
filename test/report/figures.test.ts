import { compile } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { E3_CLASSIFIERS, PAPER_RANKING_METHODS } from "../../src/evaluate/experiments/types.js";
import { accuracyVsNFigure } from "../../src/report/fig13AccuracyVsN.js";
import type { FigureDefinition } from "../../src/report/figureDefinition.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/renderSvg.js";
import { FIXTURE_E1_NS, FIXTURE_E2_NS, FIXTURE_K, fixtureDocument } from "./fixture.js";
import { countMarkItems } from "./svgMarks.js";

const document = fixtureDocument();
const figures = buildFigures(document);
const svgs = new Map<string, string>();

beforeAll(async () => {
  for (const figure of figures) svgs.set(figure.name, await renderSvg(figure.spec));
});

function svgOf(name: string): string {
  const svg = svgs.get(name);
  if (svg === undefined) throw new Error(`no figure ${name}; have ${[...svgs.keys()].join(", ")}`);
  return svg;
}

describe("figure specs", () => {
  it("builds Fig. 9–14 for gender and age in the paper's order", () => {
    expect(figures.map((f) => f.name)).toEqual([
      "fig09-training",
      "fig10-profile-gender",
      "fig11-profile-age-vs-gender",
      "fig12-e1-gender",
      "fig12-e1-age",
      "fig13-e2-gender",
      "fig13-e2-age",
      "fig14-e3-gender",
      "fig14-e3-age",
    ]);
  });

  it.each(figures.map((f) => [f.name, f] as [string, FigureDefinition]))(
    "%s compiles, uses the bundled font and has every row's columns",
    (_, figure) => {
      const compiled = compile(figure.spec).spec;
      expect(compiled.marks?.length ?? 0).toBeGreaterThan(0);
      expect(JSON.stringify(figure.spec.config)).toContain('"font":"DejaVu Sans"');
      for (const row of figure.rows)
        expect(Object.keys(row).sort()).toEqual([...figure.columns].sort());
      const svg = svgOf(figure.name);
      expect(svg.startsWith("<svg")).toBe(true);
      expect(svg).toContain('font-family="DejaVu Sans"');
    },
  );

  it("Fig. 9 draws one loss line per split and one accuracy line per output and split", () => {
    const svg = svgOf("fig09-training");
    expect(countMarkItems(svg, "loss")).toBe(2);
    expect(countMarkItems(svg, "accuracy")).toBe(2 * document.config.attributes.length);
    expect(countMarkItems(svg, "best_epoch")).toBe(2);
  });

  it("Fig. 10 draws two stacked bars and one relevancy bar per factor, and one threshold", () => {
    const svg = svgOf("fig10-profile-gender");
    expect(countMarkItems(svg, "proportions")).toBe(2 * FIXTURE_K);
    expect(countMarkItems(svg, "relevancy_bars")).toBe(FIXTURE_K);
    expect(countMarkItems(svg, "relevancy_threshold")).toBe(1);
    // Selected bars take DeepUnHide's blue: exactly as many as the document selected.
    const bars = svg.slice(svg.indexOf("relevancy_bars_marks"));
    const blue = (bars.slice(0, bars.indexOf("</g>")).match(/fill="#4e79a7"/g) ?? []).length;
    expect(blue).toBe(document.attributes.gender.selected.length);
  });

  it("Fig. 11 draws the age relevancy bars and one point per factor", () => {
    const svg = svgOf("fig11-profile-age-vs-gender");
    expect(countMarkItems(svg, "relevancy_bars")).toBe(FIXTURE_K);
    expect(countMarkItems(svg, "scatter")).toBe(FIXTURE_K);
  });

  it("Fig. 12 draws two lines (archetypes) per method in each of the two modes", () => {
    const svg = svgOf("fig12-e1-gender");
    expect(countMarkItems(svg, "scores")).toBe(2 * 2 * PAPER_RANKING_METHODS.length);
    expect(countMarkItems(svg, "threshold")).toBe(2);
    const rows = figures.find((f) => f.name === "fig12-e1-gender")!.rows;
    expect(rows).toHaveLength(2 * 2 * PAPER_RANKING_METHODS.length * FIXTURE_E1_NS.length);
  });

  it("Fig. 13 draws one error bar per method and N in each panel, and two reference rules each", () => {
    const svg = svgOf("fig13-e2-gender");
    expect(countMarkItems(svg, "errorbars")).toBe(
      2 * PAPER_RANKING_METHODS.length * FIXTURE_E2_NS.length,
    );
    expect(countMarkItems(svg, "references")).toBe(4);
  });

  it("Fig. 13's reference rows carry the all-factor accuracy and the majority floor", () => {
    const e2 = document.experiments!.attributes.gender.e2;
    const refs = accuracyVsNFigure(document, "gender").rows.filter((r) => r.kind === "reference");
    expect(refs.map((r) => [r.metric, r.reference, r.mean])).toEqual([
      ["accuracy", `all ${FIXTURE_K} factors (MLN)`, e2.allFactors.accuracy.mean],
      ["accuracy", "majority floor", e2.majorityFloor.mean],
      ["balanced accuracy", `all ${FIXTURE_K} factors (MLN)`, e2.allFactors.balancedAccuracy.mean],
      ["balanced accuracy", "chance", 0.5],
    ]);
  });

  it("Fig. 14 draws one bar and one error bar per classifier and method, and the floor", () => {
    const svg = svgOf("fig14-e3-gender");
    expect(countMarkItems(svg, "bars")).toBe(E3_CLASSIFIERS.length * PAPER_RANKING_METHODS.length);
    expect(countMarkItems(svg, "errorbars")).toBe(
      E3_CLASSIFIERS.length * PAPER_RANKING_METHODS.length,
    );
    expect(countMarkItems(svg, "floor")).toBe(1);
  });

  it("drops Figs. 12–14 and Fig. 11 when the document has no experiments and one attribute", () => {
    const { experiments: _, ...withoutExperiments } = fixtureDocument();
    const gender = withoutExperiments.attributes.gender;
    const names = buildFigures({ ...withoutExperiments, attributes: { gender } }).map(
      (f) => f.name,
    );
    expect(names).toEqual(["fig09-training", "fig10-profile-gender"]);
  });
});
