import { escapeHtml, formatNumber, formatPercent } from "./html.js";
import type { ResultsDocument } from "./resultsDocument.js";

/**
 * The report's example group: a few test users' lists by every virtual-user method, each
 * with what the members get from it (mean and worst member). Empty when the document has none.
 */
export function groupSectionHtml(document: ResultsDocument): string {
  const group = document.uses?.group;
  if (group === undefined) return "";
  const rows = group.methods
    .map((m) => {
      const q = m.quality;
      const items = m.items
        .slice(0, 5)
        .map((it) => escapeHtml(it.title ?? `item ${it.item}`))
        .join("; ");
      return `<tr><td>${escapeHtml(m.method)}</td><td class="num">${formatNumber(q.mean.meanRating, 2)}</td><td class="num">${formatNumber(q.worst.meanRating, 2)}</td><td class="num">${formatNumber(q.mean.minRating, 2)}</td><td class="num">${formatNumber(q.worst.minRating, 2)}</td><td class="num">${formatPercent(q.mean.overlap)}</td><td class="num">${formatPercent(q.worst.overlap)}</td><td>${items}</td></tr>`;
    })
    .join("\n");
  const best = [...group.methods].sort(
    (a, b) => b.quality.worst.meanRating - a.quality.worst.meanRating,
  )[0];
  return `<section id="example-group">
<h2>A recommendation for a group</h2>
<p>The first ${group.users.length} test users (${escapeHtml(group.users.join(", "))}) as one group: each method builds a virtual user from the members' factors and lists the 10 items it scores best that no member has rated. Each list is judged by what the members get from it: their own predicted rating of its items (mean over the list; mean over members and the worst member) and the share of it in each member's own top 50.${best !== undefined ? ` Here the worst-off member fares best with <strong>${escapeHtml(best.method)}</strong> (mean predicted rating ${formatNumber(best.quality.worst.meanRating, 2)}).` : ""}</p>
<table id="group-table"><thead><tr><th>method</th><th class="num">mean rating</th><th class="num">worst member</th><th class="num">lowest rating</th><th class="num">worst member</th><th class="num">in own top 50</th><th class="num">worst member</th><th>first items</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="note">Same as <code>deepunhide group --model &lt;out&gt;/model --users ${escapeHtml(group.users.join(","))}</code>. Predicted ratings are the plain model's p<sub>u</sub>·q<sub>i</sub>, unclipped.</p>
</section>`;
}
