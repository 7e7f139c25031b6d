import type { FairnessDocument } from "../apply/fairnessInput.js";
import type { FairnessRow } from "../apply/fairnessSweep.js";
import { capitalize } from "./figureDefinition.js";
import { escapeHtml, formatNumber, formatPercent } from "./html.js";
import type { ResultsDocument } from "./resultsDocument.js";

const share = (r: FairnessRow) => r.exposure.allLists.minorityLeaning.exposureShare;
const parity = (r: FairnessRow) => r.exposure.allLists.minorityLeaning.itemShare;
const distance = (r: FairnessRow) => Math.abs(share(r) - parity(r));

/**
 * What the sweep says, in one or two sentences computed from its numbers: whether any α
 * moved the minority-leaning items' exposure toward parity, whether monotonically, and what
 * it cost in held-out RMSE. The plain model is the row with α = 0 (else the smallest α).
 */
export function fairnessFinding(sweep: FairnessDocument): string {
  const rows = [...sweep.rows].sort((a, b) => a.alpha - b.alpha);
  const base = rows[0];
  const rest = rows.slice(1);
  const minority = sweep.groups.minority;
  const favoured = sweep.groups[sweep.config.group];
  const at = (r: FairnessRow) =>
    `${formatPercent(share(r))} at α = ${r.alpha} (RMSE ${formatNumber(r.rmse.overall)})`;
  const head = `${capitalize(sweep.attribute)}: re-weighting toward the ${favoured} factors`;
  if (rest.length === 0) {
    return `${head} was measured at α = ${base.alpha} only: the ${minority}-leaning items get ${formatPercent(share(base))} of the exposure (parity ${formatPercent(parity(base))}).`;
  }
  const best = rest.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  const monotone = rest.every((r, i) => distance(r) <= distance(i === 0 ? base : rest[i - 1]));
  const last = rest[rest.length - 1];
  const gap = `The ratio of the groups' RMSE (smaller ÷ larger) goes from ${formatNumber(base.rmse.ratio)} to ${formatNumber(last.rmse.ratio)}, Beyond-Parity value unfairness from ${formatNumber(base.beyondParity.value)} to ${formatNumber(last.beyondParity.value)}.`;
  if (!(distance(best) < distance(base))) {
    return `${head} did not move the ${minority}-leaning items' share of top-10 exposure toward parity (${formatPercent(parity(base))}): ${at(base)}, ${at(last)}. ${gap}`;
  }
  const shape = monotone
    ? "monotonically over the α measured"
    : `but not monotonically: ${rest.map(at).join(", ")}`;
  return `${head} moved the ${minority}-leaning items' share of top-10 exposure toward parity (${formatPercent(parity(base))}), ${shape}; closest ${at(best)} against ${at(base)}. ${gap}`;
}

function sweepTable(sweep: FairnessDocument): string {
  const { majority, minority } = sweep.groups;
  const rows = sweep.rows
    .map(
      (r) =>
        `<tr><td class="num">${r.alpha}</td><td class="num">${formatNumber(r.rmse.overall)}</td><td class="num">${formatNumber(r.rmse.majority)}</td><td class="num">${formatNumber(r.rmse.minority)}</td><td class="num">${formatNumber(r.ndcg.majority)}</td><td class="num">${formatNumber(r.ndcg.minority)}</td><td class="num">${formatNumber(r.beyondParity.value)}</td><td class="num">${formatNumber(r.beyondParity.absolute)}</td><td class="num">${formatNumber(r.beyondParity.under)}</td><td class="num">${formatNumber(r.beyondParity.over)}</td><td class="num">${formatNumber(r.beyondParity.nonParity)}</td><td class="num">${formatPercent(share(r))}</td><td class="num">${formatPercent(r.exposure.minorityLists.minorityLeaning.exposureShare)}</td><td class="num">${formatPercent(r.exposure.majorityLists.minorityLeaning.exposureShare)}</td></tr>`,
    )
    .join("\n");
  const m = escapeHtml(minority);
  const M = escapeHtml(majority);
  return `<table class="fairness-table" id="fairness-${escapeHtml(sweep.attribute)}">
<caption>${escapeHtml(capitalize(sweep.attribute))}: weights toward the ${escapeHtml(sweep.groups[sweep.config.group])} factors; ${sweep.heldOut.ratings.toLocaleString("en-US")} held-out ratings; ${sweep.leaningItems.minority} ${m}-leaning and ${sweep.leaningItems.majority} ${M}-leaning items (parity share ${formatPercent(sweep.rows[0] ? parity(sweep.rows[0]) : Number.NaN)})</caption>
<thead><tr><th class="num">α</th><th class="num">RMSE</th><th class="num">RMSE ${M}</th><th class="num">RMSE ${m}</th><th class="num">NDCG@${sweep.config.ndcgCutoff} ${M}</th><th class="num">NDCG@${sweep.config.ndcgCutoff} ${m}</th><th class="num">value</th><th class="num">absolute</th><th class="num">under</th><th class="num">over</th><th class="num">non-parity</th><th class="num">${m}-leaning exposure, all lists</th><th class="num">in ${m} users' lists</th><th class="num">in ${M} users' lists</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

/**
 * The report's fairness section: what the re-weighting did, per attribute, the trade-off
 * figure (already rendered, passed in) and the sweep tables. Empty without fairness sweeps.
 */
export function fairnessSectionHtml(document: ResultsDocument, figureHtml: string): string {
  const sweeps = Object.values(document.uses?.fairness ?? {});
  if (sweeps.length === 0) return "";
  return `<section id="fairness">
<h2>Fairer recommendations? Re-weighting the factors</h2>
<p>The paper proposes fair recommendations by weighting the factors that characterize the minority (§1, Fig. 2) but does not measure them. Here the predictions become r̂'<sub>ui</sub> = Σ<sub>j</sub> w<sub>j</sub> p<sub>uj</sub> q<sub>ij</sub> with w<sub>j</sub> = exp(α(2·share<sub>j</sub> − 1)), share<sub>j</sub> the favoured group's share of factor j in the profile; α = 0 is the plain model. Everything is measured on the ratings held out of a PMF fit on the other 80%, with the weights from the profile of that same fit.</p>
<ul>
${sweeps.map((s) => `<li>${escapeHtml(fairnessFinding(s))}</li>`).join("\n")}
</ul>
${figureHtml}
<div class="tables">
${sweeps.map(sweepTable).join("\n")}
</div>
<p class="note">RMSE per group is over the group's held-out ratings; NDCG@10 is per user over her held-out items (gain 2<sup>r</sup> − 1), averaged per group. Value, absolute, under, over and non-parity are the Beyond-Parity unfairness measures of Yao &amp; Huang (2017), in rating units, 0 = fair. An item leans to the minority when, with at least ${sweeps[0].config.minGroupRatings} ratings from each group, the minority's mean rating of it exceeds the majority's, each relative to the group's mean rating; exposure uses Singh &amp; Joachims' position weights 1/log<sub>2</sub>(1 + rank) over ${listUsersText(sweeps[0])} top-${sweeps[0].config.top}, without the items she rated, and is the minority-leaning items' share of the exposure of all leaning items. Because the weights multiply each factor for every user, they amplify each user's own position on the minority's factors rather than moving users toward the minority; and since exp is convex the weights average above 1, so predictions grow with α (Beyond-Parity's over-estimation rises while under-estimation falls) and the RMSE with them.</p>
</section>`;
}

/** Whose lists the exposure covers: every user's, or a stratified sample's (see maxListUsers). */
function listUsersText(sweep: FairnessDocument): string {
  // A results.json written before the cap existed (writeReport takes any saved document)
  // has no listUsers: those sweeps listed every user.
  const { measured, of } = sweep.listUsers ?? { measured: 0, of: 0 };
  return measured >= of
    ? "every user's"
    : `the lists of a stratified random sample of ${measured.toLocaleString("en-US")} of the ${of.toLocaleString("en-US")} users (the same at every α), each user's`;
}
