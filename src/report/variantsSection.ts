/**
 * The report's issue-7 section: every compared DeepUnHide ranking's stability by both
 * measures beside chance, its selection against the paper's method and the baselines, and
 * whether its archetypes stay usable. Absent when the run compared no variant.
 */

import type { AttributeExperiments, RankingMethod } from "../evaluate/experiments/types.js";
import { capitalize } from "./figureDefinition.js";
import { methodLabel } from "./figureTheme.js";
import { escapeHtml, formatNumber } from "./html.js";

/** The section's HTML, or "" without variants. */
export function variantsSectionHtml(
  attributes: Readonly<Record<string, AttributeExperiments>>,
): string {
  const entries = Object.entries(attributes).filter(
    ([, x]) => (x.e2.variantComparisons?.length ?? 0) > 0,
  );
  if (entries.length === 0) return "";
  const body = entries.map(([name, x]) => attributeHtml(name, x)).join("\n");
  return `<section id="variants">
<h2>DeepUnHide variants (issue 7)</h2>
<p>Top-20 Jaccard overlap across the paired seeds (each a new user split and a new classifier) and across classifier seeds only (one split), beside chance; then, per N, each variant's balanced accuracy minus the paper's method and minus the best baseline at that N, with the 95% interval of the paired difference.</p>
${body}
</section>`;
}

function attributeHtml(name: string, x: AttributeExperiments): string {
  const s = x.stability;
  const methods = Object.keys(s.classifierSeeds?.byMethod ?? {}) as RankingMethod[];
  const stability = methods
    .map((m) => {
      const paired = s.byMethod?.[m];
      const fixed = s.classifierSeeds?.byMethod[m];
      return `<tr><td>${escapeHtml(methodLabel(m))}</td><td class="num">${paired ? formatNumber(paired.mean) : ""}</td><td class="num">${fixed ? formatNumber(fixed.mean) : ""}</td></tr>`;
    })
    .join("\n");
  const baselines = x.e2.cells
    .map((c) => c.method)
    .filter((m, i, all) => all.indexOf(m) === i && !m.startsWith("deepunhide"));
  const mean = (method: RankingMethod, n: number) =>
    x.e2.cells.find((c) => c.method === method && c.n === n)?.metrics.balancedAccuracy.mean ??
    Number.NaN;
  const interval = (variant: RankingMethod, against: RankingMethod, n: number) => {
    const c = x.e2.variantComparisons?.find(
      (v) =>
        v.variant === variant &&
        v.against === against &&
        v.n === n &&
        v.metric === "balancedAccuracy",
    );
    return c === undefined
      ? ""
      : `${formatNumber(c.meanDifference)} [${formatNumber(c.ciLow)}, ${formatNumber(c.ciHigh)}] ${c.verdict}`;
  };
  const variants = [...new Set((x.e2.variantComparisons ?? []).map((c) => c.variant))];
  const rows: string[] = [];
  for (const n of x.e2.ns.filter((v) => v <= 20)) {
    const best = [...baselines].sort((a, b) => mean(b, n) - mean(a, n))[0];
    for (const v of variants) {
      rows.push(
        `<tr><td class="num">${n}</td><td>${escapeHtml(methodLabel(v))}</td><td class="num">${formatNumber(mean(v, n))}</td><td class="num">${interval(v, "deepunhide", n)}</td><td>${escapeHtml(methodLabel(best))} ${formatNumber(mean(best, n))}</td><td class="num">${interval(v, best, n)}</td></tr>`,
      );
    }
  }
  const usability = (x.usability ?? [])
    .map(
      (u) =>
        `<tr><td>${escapeHtml(methodLabel(u.method))}</td><td class="num">${formatNumber(u.majorityScore)}</td><td class="num">${formatNumber(u.minorityScore)}</td><td>${u.ownGroups ? "yes" : "NO"}</td><td class="num">${formatNumber(u.e4Spearman)}</td></tr>`,
    )
    .join("\n");
  return `<h3>${escapeHtml(capitalize(name))}</h3>
<table class="variants-stability"><thead><tr><th>ranking</th><th class="num">paired seeds</th><th class="num">classifier seeds</th></tr></thead>
<tbody>
${stability}
<tr><td>random (chance)</td><td class="num">${formatNumber(s.random.mean)}</td><td class="num">${formatNumber(s.random.mean)}</td></tr>
</tbody></table>
<table class="variants-e2"><thead><tr><th class="num">N</th><th>variant</th><th class="num">balanced acc.</th><th class="num">− paper's method</th><th>best baseline</th><th class="num">− best baseline</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
${usability.length > 0 ? `<table class="variants-usability"><thead><tr><th>archetypes of</th><th class="num">majority score</th><th class="num">minority score</th><th>own groups</th><th class="num">E4 Spearman</th></tr></thead>\n<tbody>\n${usability}\n</tbody></table>` : ""}`;
}
