import type { Explanation } from "../apply/explain.js";
import { escapeHtml, formatNumber } from "./html.js";
import type { ResultsDocument } from "./resultsDocument.js";

const signed = (x: number) => `${x >= 0 ? "+" : "−"}${formatNumber(Math.abs(x), 2)}`;

function partsTable(e: Explanation): string {
  const rows = e.attributes
    .flatMap((a) =>
      [a.majority, a.minority].map(
        (g, n) =>
          `<tr><td>${n === 0 ? escapeHtml(a.attribute) : ""}</td><td>${escapeHtml(g.group)}</td><td class="num">${signed(g.net)}</td><td class="num">${formatNumber(g.positivePercent, 0)}%</td><td class="num">${formatNumber(g.negativePercent, 0)}%</td></tr>`,
      ),
    )
    .join("\n");
  return `<table id="explanation-parts"><caption>Split by what each factor encodes (its group proportions); % of the total pull ${formatNumber(e.totalPull, 2)}</caption>
<thead><tr><th>attribute</th><th>group</th><th class="num">part</th><th class="num">raises</th><th class="num">lowers</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function factorsTable(e: Explanation): string {
  const rows = e.topFactors
    .map(
      (f) =>
        `<tr><td class="num">${f.factor}</td><td class="num">${signed(f.contribution)}</td><td class="num">${formatNumber(f.userValue, 2)} × ${formatNumber(f.itemValue, 2)}</td><td>${f.attributes.map((l) => `${escapeHtml(l.attribute)}: relevancy ${formatNumber(l.relevancy, 2)}, leans ${escapeHtml(l.leansTo)} ${formatNumber(100 * l.share, 0)}%`).join("; ")}</td></tr>`,
    )
    .join("\n");
  return `<table id="explanation-factors"><caption>The factors that weigh most</caption>
<thead><tr><th class="num">factor</th><th class="num">c<sub>j</sub></th><th class="num">p<sub>uj</sub> × q<sub>ij</sub></th><th>what it encodes</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

/**
 * The report's example explanation: the first test user's top recommendation, broken down
 * by factor and by what the factors encode. Empty when the document has none.
 */
export function explanationSectionHtml(document: ResultsDocument): string {
  const e = document.uses?.explanation;
  if (e === undefined) return "";
  const name = e.title !== undefined ? `“${escapeHtml(e.title)}”` : `item ${escapeHtml(e.item)}`;
  return `<section id="example-explanation">
<h2>An explained recommendation</h2>
<p>The first test user of the classifier's split, user ${escapeHtml(e.user)}, gets ${name}${e.genres !== undefined && e.genres.length > 0 ? ` (${escapeHtml(e.genres.join(", "))})` : ""} first, with a predicted rating of ${formatNumber(e.prediction)} = Σ<sub>j</sub> c<sub>j</sub>, c<sub>j</sub> = p<sub>uj</sub> q<sub>ij</sub>: ${signed(e.raise)} raise it and ${signed(e.lower)} lower it. Each attribute's two parts add up to the prediction; the four percentages of an attribute add up to 100%.</p>
<p><em>${escapeHtml(e.summary)}</em></p>
<div class="tables">
${partsTable(e)}
${factorsTable(e)}
</div>
<p class="note">Read the split against its base rate: a factor's group proportions are soft, so a group's part near its average share across factors is typical, not a sign that the item is coded for that group. Same as <code>deepunhide explain --model &lt;out&gt;/model --user ${escapeHtml(e.user)} --item ${escapeHtml(e.item)}</code>.</p>
</section>`;
}
