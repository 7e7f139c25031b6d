import { beforeAll, describe, expect, it } from "vitest";
import type { FairnessDocument } from "../../src/apply/fairnessInput.js";
import type { FairnessRow } from "../../src/apply/fairnessSweep.js";
import { runUses } from "../../src/pipeline/runUses.js";
import { fairnessFinding } from "../../src/report/fairnessSection.js";
import { fairnessTradeoffRows } from "../../src/report/fig15FairnessTradeoff.js";
import { buildFigures } from "../../src/report/figures.js";
import { renderSvg } from "../../src/report/renderSvg.js";
import { buildReportHtml } from "../../src/report/reportHtml.js";
import { buildResultsDocument, type ResultsDocument } from "../../src/report/resultsDocument.js";
import { writeSmallModel } from "../apply/smallModel.js";

/** A sweep whose minority-leaning items get `shares` of the exposure (parity 0.5) at `alphas`. */
function sweep(alphas: number[], shares: number[], rmse: number[]): FairnessDocument {
  const side = (exposureShare: number, itemShare: number) => ({
    items: 10,
    itemShare,
    exposureShare,
    ratio: exposureShare / itemShare,
  });
  const rows = alphas.map(
    (alpha, n): FairnessRow => ({
      alpha,
      rmse: { overall: rmse[n], majority: rmse[n], minority: rmse[n], difference: 0, ratio: 1 },
      ndcg: { overall: 0.9, majority: 0.9, minority: 0.9, difference: 0, ratio: 1 },
      beyondParity: { value: 0.5, absolute: 0.3, under: 0.2, over: 0.3, nonParity: 0, items: 5 },
      exposure: {
        allLists: {
          minorityLeaning: side(shares[n], 0.5),
          majorityLeaning: side(1 - shares[n], 0.5),
        },
        minorityLists: { minorityLeaning: side(0.6, 0.5), majorityLeaning: side(0.4, 0.5) },
        majorityLists: { minorityLeaning: side(0.3, 0.5), majorityLeaning: side(0.7, 0.5) },
      },
    }),
  );
  return {
    attribute: "gender",
    groups: { majority: "male", minority: "female" },
    config: { alphas, group: "minority", top: 10, ndcgCutoff: 10, minGroupRatings: 10 },
    leaningItems: { minority: 10, majority: 10, items: 30 },
    heldOut: { ratings: 100, rankedUsers: 20 },
    listUsers: { measured: 40, of: 40 },
    rows,
  };
}

describe("fairnessFinding", () => {
  it("says when re-weighting moves exposure toward parity monotonically, and the RMSE it costs", () => {
    const text = fairnessFinding(sweep([0, 1, 2], [0.3, 0.4, 0.45], [0.9, 1.0, 1.2]));
    expect(text).toMatch(
      /moved the female-leaning items' share .* toward parity \(50\.0%\), monotonically/,
    );
    expect(text).toContain(
      "closest 45.0% at α = 2 (RMSE 1.200) against 30.0% at α = 0 (RMSE 0.900)",
    );
  });

  it("says when it overshoots, and when it moves away", () => {
    const overshoot = fairnessFinding(sweep([0, 1, 2], [0.3, 0.45, 0.8], [0.9, 1, 2]));
    expect(overshoot).toMatch(/toward parity .* but not monotonically/);
    const away = fairnessFinding(sweep([0, 1, 2], [0.3, 0.25, 0.2], [0.9, 1, 2]));
    expect(away).toMatch(/did not move the female-leaning items' share/);
    expect(away).toContain("30.0% at α = 0 (RMSE 0.900), 20.0% at α = 2 (RMSE 2.000)");
  });
});

describe("the report's uses sections", () => {
  let document: ResultsDocument;

  beforeAll(async () => {
    const { result } = await writeSmallModel();
    document = buildResultsDocument(result, undefined, runUses(result));
  }, 120_000);

  it("puts a sweep per attribute, an explanation that adds up and a group in results.json", () => {
    const uses = document.uses;
    expect(Object.keys(uses?.fairness ?? {})).toEqual(["gender", "age"]);
    expect(uses?.fairness.gender.rows.map((r) => r.alpha)).toEqual([0, 0.5, 1, 2]);
    expect(uses?.fairness.age.rows[0].rmse.overall).toBeCloseTo(document.mf.rmse.test, 10);
    const e = uses?.explanation;
    expect(e).toBeDefined();
    if (e === undefined) return;
    expect(e.contributions.reduce((s, c) => s + c, 0)).toBeCloseTo(e.prediction, 10);
    for (const a of e.attributes)
      expect(a.majority.net + a.minority.net).toBeCloseTo(e.prediction, 10);
    expect(uses?.group?.users).toHaveLength(4);
    expect(uses?.group?.methods.map((m) => m.method)).toEqual([
      "mean",
      "median",
      "vote",
      "demographic",
    ]);
    // The document survives JSON (NaN becomes null, nothing else changes shape).
    expect(JSON.parse(JSON.stringify(document)).uses.fairness.gender.rows).toHaveLength(4);
  });

  it("renders the trade-off figure in the fairness section, then the explanation and the group", async () => {
    const figure = buildFigures(document).find((f) => f.name === "fig15-fairness-tradeoff");
    expect(figure).toBeDefined();
    if (figure === undefined) return;
    expect(figure.rows).toEqual(fairnessTradeoffRows(document));
    expect(figure.rows).toHaveLength(8);
    const svg = await renderSvg(figure.spec);
    const html = buildReportHtml(document, [{ name: figure.name, title: figure.title, svg }]);
    const fairness = html.indexOf('<section id="fairness">');
    expect(fairness).toBeGreaterThan(0);
    expect(html.indexOf('id="fig15-fairness-tradeoff"')).toBeGreaterThan(fairness);
    expect(html.indexOf('<section id="example-explanation">')).toBeGreaterThan(fairness);
    expect(html.indexOf('<section id="example-group">')).toBeGreaterThan(fairness);
    for (const sweep of Object.values(document.uses?.fairness ?? {})) {
      expect(html).toContain(fairnessFinding(sweep).replaceAll("'", "&#39;").slice(0, 60));
    }
    expect(html).toContain(`user ${document.uses?.explanation?.user}`);
  });
});
