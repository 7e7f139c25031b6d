/**
 * One sentence per compared DeepUnHide variant and attribute (issue 7), for the summary:
 * its stability across classifier seeds beside the paper's method and chance, and how its
 * E2 selection at N ≤ 20 fares against the best baseline at each N. Computed from the
 * numbers, so the tool states what it found whichever way it went.
 */

import type { AttributeExperiments, RankingMethod } from "../evaluate/experiments/types.js";

const num = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");

/** The sentences, or none when no variant was compared. */
export function variantFindings(
  attributes: Readonly<Record<string, AttributeExperiments>>,
): string[] {
  const lines: string[] = [];
  for (const [name, x] of Object.entries(attributes)) {
    const comparisons = x.e2.variantComparisons ?? [];
    const variants = [...new Set(comparisons.map((c) => c.variant))];
    const fixed = x.stability.classifierSeeds?.byMethod ?? {};
    const mean = (method: RankingMethod, n: number) =>
      x.e2.cells.find((c) => c.method === method && c.n === n)?.metrics.balancedAccuracy.mean ??
      Number.NaN;
    const baselines = [...new Set(x.e2.cells.map((c) => c.method))].filter(
      (m) => !m.startsWith("deepunhide"),
    );
    const ns = x.e2.ns.filter((n) => n <= 20);
    for (const variant of variants) {
      const tally = { wins: 0, ties: 0, loses: 0 };
      const vsPaper = { wins: 0, ties: 0, loses: 0 };
      for (const n of ns) {
        const best = [...baselines].sort((a, b) => mean(b, n) - mean(a, n))[0];
        const find = (against: RankingMethod) =>
          comparisons.find(
            (c) =>
              c.variant === variant &&
              c.against === against &&
              c.n === n &&
              c.metric === "balancedAccuracy",
          );
        const b = find(best);
        if (b !== undefined) tally[b.verdict]++;
        const p = find("deepunhide");
        if (p !== undefined) vsPaper[p.verdict]++;
      }
      lines.push(
        `${name}, ${variant}: top-20 Jaccard across classifier seeds ${num(fixed[variant]?.mean ?? Number.NaN)} (paper's method ${num(fixed.deepunhide?.mean ?? Number.NaN)}, chance ${num(x.stability.random.mean)}); E2 at N ≤ 20 against the best baseline at each N: wins ${tally.wins}, ties ${tally.ties}, loses ${tally.loses} of ${ns.length}; against the paper's method: wins ${vsPaper.wins}, ties ${vsPaper.ties}, loses ${vsPaper.loses}.`,
      );
    }
  }
  return lines;
}
