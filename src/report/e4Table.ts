import type { E4Item, E4Result } from "../evaluate/experiments/types.js";
import { toCsv } from "./csv.js";
import type { FigureRow } from "./figureDefinition.js";
import { capitalize } from "./figureDefinition.js";
import { escapeHtml, formatNumber, formatPercent } from "./html.js";
import type { AttributeDocument } from "./resultsDocument.js";

const E4_COLUMNS = ["list", "rank", "item", "title", "weight", "ratings", "minorityShare"] as const;

/** E4's two top lists as one table (`list` = minority or majority). */
export function e4Rows(e4: E4Result): FigureRow[] {
  const rows = (list: string, items: readonly E4Item[]): FigureRow[] =>
    items.map((item, i) => ({
      list,
      rank: i + 1,
      item: item.item,
      title: item.title,
      weight: item.weight,
      ratings: item.ratings,
      minorityShare: item.minorityShare,
    }));
  return [...rows("minority", e4.minorityItems), ...rows("majority", e4.majorityItems)];
}

/** E4's lists as RFC 4180 CSV. */
export function e4Csv(e4: E4Result): string {
  return toCsv(E4_COLUMNS, e4Rows(e4));
}

/** How to read the Spearman value, in words. */
export function spearmanReading(rho: number): string {
  if (!Number.isFinite(rho)) return "not available";
  const size =
    Math.abs(rho) < 0.1
      ? "no"
      : Math.abs(rho) < 0.3
        ? "a weak"
        : Math.abs(rho) < 0.5
          ? "a moderate"
          : "a strong";
  const direction =
    rho > 0
      ? "items that weigh more on the minority archetype are rated more by minority users"
      : "items that weigh more on the minority archetype are rated LESS by minority users";
  return size === "no"
    ? "no monotone relation between the weights and who rates the items"
    : `${size} relation: ${direction}`;
}

function listTable(
  caption: string,
  items: readonly E4Item[],
  weightName: string,
  datasetShare: number,
  minorityLabel: string,
): string {
  const body = items
    .map((item, i) => {
      const above = item.minorityShare > datasetShare;
      return `<tr><td class="num">${i + 1}</td><td>${escapeHtml(item.title)}</td><td class="num">${formatNumber(item.weight)}</td><td class="num">${item.ratings}</td><td class="num${above ? " above" : ""}">${formatPercent(item.minorityShare)}</td></tr>`;
    })
    .join("\n");
  return `<table class="e4">
<caption>${escapeHtml(caption)}</caption>
<thead><tr><th>#</th><th>title</th><th>${escapeHtml(weightName)}</th><th>ratings</th><th>${escapeHtml(minorityLabel)} share of ratings</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

/**
 * Paper §3.4 (E4) as HTML: the items that weigh most on each archetype, each with its
 * minority share beside the data set's, and the Spearman check the paper does not make.
 */
export function e4TableHtml(
  attributeName: string,
  attribute: AttributeDocument,
  e4: E4Result,
): string {
  const { majority, minority } = attribute.groups;
  const share = e4.datasetMinorityShare;
  const minorityCount = e4.minorityItems.filter((i) => i.minorityShare > share).length;
  const majorityCount = e4.majorityItems.filter((i) => i.minorityShare < share).length;
  return `<section class="e4-attribute">
<h3>${escapeHtml(capitalize(attributeName))}: ${escapeHtml(minority.label)} and ${escapeHtml(majority.label)} items</h3>
<p>Top ${e4.topFactors} factors of each archetype; items with at least ${e4.minRatings} ratings (${e4.eligibleItems} eligible). ${escapeHtml(capitalize(minority.label))} users give ${formatPercent(share)} of all ratings; shares above that are marked.
${minorityCount} of ${e4.minorityItems.length} "${escapeHtml(minority.label)}" items and ${majorityCount} of ${e4.majorityItems.length} "${escapeHtml(majority.label)}" items lean the way their list says.</p>
<div class="tables">
${listTable(`Top ${e4.minorityItems.length} by ${minority.label} weight w_m(i)`, e4.minorityItems, "w_m(i)", share, minority.label)}
${listTable(`Top ${e4.majorityItems.length} by ${majority.label} weight w_M(i)`, e4.majorityItems, "w_M(i)", share, minority.label)}
</div>
<p class="spearman">Spearman correlation over the ${e4.eligibleItems} eligible items between w_m(i) − w_M(i) and the ${escapeHtml(minority.label)} share of ratings: <strong>${formatNumber(e4.spearman, 2)}</strong> — ${escapeHtml(spearmanReading(e4.spearman))}.</p>
</section>`;
}
