import { escapeHtml, formatNumber } from "./html.js";
import type { ItemProfileDocument } from "./itemProfileDocument.js";

/**
 * The report's item-side section: per genre, the output's test quality beside its majority
 * floor, and the factors that characterize it most; then the genres left out. Empty without
 * an item profile.
 */
export function itemProfileSectionHtml(items: ItemProfileDocument | undefined): string {
  if (items === undefined) return "";
  const rows = items.genres
    .map((g) => {
      const t = g.classifier.test;
      const top = g.topFactors
        .map(
          (f) =>
            `${f.factor} (${formatNumber(f.relevancy, 2)}, ${f.withShare >= 0.5 ? "higher" : "lower"})`,
        )
        .join(", ");
      const reached = g.archetypes.with.score > 0.9 && g.archetypes.without.score < 0.1;
      return `<tr><td>${escapeHtml(g.name)}</td><td class="num">${g.items.with}</td><td class="num">${formatNumber(t.auc)}</td><td class="num">${formatNumber(t.balancedAccuracy)}</td><td class="num${t.accuracy > t.majorityFloor ? " above" : ""}">${formatNumber(t.accuracy)}</td><td class="num">${formatNumber(t.majorityFloor)}</td><td>${reached ? "yes" : "no"}</td><td>${escapeHtml(top)}</td></tr>`;
    })
    .join("\n");
  const skipped =
    items.skipped.length === 0
      ? ""
      : `<p>Left out for having fewer than ${items.config.minItems} items on one side: ${escapeHtml(items.skipped.map((s) => `${s.name} (${s.with} of ${s.with + s.without})`).join(", "))}.</p>`;
  return `<section id="items">
<h2>Item factors and genres</h2>
<p>The same method on the other side of the factorization: one MLN output per genre on the item factors of the ${items.items.included} items rated at least ${items.config.minRatings} times (${items.items.excluded} left out), split ${items.items.train}/${items.items.validation}/${items.items.test} stratified on each item's rarest genre. A genre's factors mean something only where its AUC is clearly above 0.5.</p>
<table id="items-table"><thead><tr><th>genre</th><th class="num">items</th><th class="num">AUC</th><th class="num">balanced acc.</th><th class="num">accuracy</th><th class="num">majority floor</th><th>archetypes reach their groups</th><th>top factors (relevancy, genre's items sit higher or lower)</th></tr></thead>
<tbody>
${rows}
</tbody></table>
${skipped}
</section>`;
}
