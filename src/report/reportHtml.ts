import type { StabilityResult } from "../evaluate/experiments/types.js";
import { e4TableHtml } from "./e4Table.js";
import { explanationSectionHtml } from "./explanationSection.js";
import { fairnessSectionHtml } from "./fairnessSection.js";
import { CLASSIFIER_LABELS } from "./fig14Classifiers.js";
import { capitalize } from "./figureDefinition.js";
import { methodLabel } from "./figureTheme.js";
import { groupSectionHtml } from "./groupSection.js";
import { escapeHtml, formatNumber, formatPercent } from "./html.js";
import { inlineSvg } from "./inlineSvg.js";
import { itemProfileSectionHtml } from "./itemProfileSection.js";
import type { ResultsDocument } from "./resultsDocument.js";
import { variantsSectionHtml } from "./variantsSection.js";
import { computeVerdict, type ReportVerdict } from "./verdict.js";

/** The fairness trade-off figure, shown in its own section rather than among the paper's figures. */
const FAIRNESS_FIGURE = "fig15-fairness-tradeoff";
const USES_FIGURES = new Set([FAIRNESS_FIGURE]);

/** A rendered figure as the HTML report takes it. */
export interface ReportFigure {
  /** File-name stem, also the element id. */
  readonly name: string;
  readonly title: string;
  /** What the figure shows and what the paper's figure was. */
  readonly caption?: string;
  /** Inlined when non-empty. */
  readonly svg: string;
  /** Used as a data URI when `svg` is empty. */
  readonly pngBase64?: string;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 0 auto; max-width: 1180px; padding: 1.5rem; color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { border-bottom: 2px solid #4e79a7; padding-bottom: .2rem; margin-top: 2.2rem; }
.meta { color: #555; margin-top: 0; }
.verdict { background: #f3f6fa; border-left: 5px solid #4e79a7; padding: .6rem 1rem; }
.verdict li { margin: .25rem 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wins { color: #1b5e20; font-weight: bold; } td.loses { color: #b71c1c; font-weight: bold; }
td.above { font-weight: bold; }
caption { text-align: left; font-weight: bold; padding-bottom: .3rem; }
figure { margin: 1.5rem 0; }
figure .chart { overflow-x: auto; }
figure svg, figure img { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #333; max-width: 70rem; }
.tables { display: flex; flex-wrap: wrap; gap: 1.5rem; }
.note { font-size: .92rem; background: #fafafa; border: 1px solid #e4e4e4; padding: .6rem 1rem; }
`;

function verdictSection(verdict: ReportVerdict, secondary: ReportVerdict): string {
  const items = (lines: readonly string[]) =>
    lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("\n");
  const tallies = verdict.groups.flatMap((g) => g.tallies);
  const secondaryBy = new Map(
    secondary.groups
      .flatMap((g) => g.tallies)
      .map((t) => [`${t.attribute}|${t.classifier}|${t.against}`, t]),
  );
  const cell = (count: number, kind: string) =>
    `<td class="num${count > 0 && kind !== "ties" ? ` ${kind}` : ""}">${count}</td>`;
  const rows = tallies
    .map((t) => {
      const s = secondaryBy.get(`${t.attribute}|${t.classifier}|${t.against}`);
      return `<tr><td>${escapeHtml(capitalize(t.attribute))}</td><td>${escapeHtml(CLASSIFIER_LABELS[t.classifier])}</td><td>${escapeHtml(methodLabel(t.against))}</td>${cell(t.wins, "wins")}${cell(t.ties, "ties")}${cell(t.loses, "loses")}${s ? `${cell(s.wins, "wins")}${cell(s.ties, "ties")}${cell(s.loses, "loses")}` : "<td></td><td></td><td></td>"}</tr>`;
    })
    .join("\n");
  const table =
    tallies.length === 0
      ? "<p>No experiments in this results document: only the pipeline's own classifier is judged above.</p>"
      : `<details><summary>Counts per baseline (wins / ties / losses of DeepUnHide)</summary>
<table id="verdict-table"><thead><tr><th>attribute</th><th>classifier</th><th>against</th><th class="num">wins</th><th class="num">ties</th><th class="num">losses</th><th class="num">wins (bal.)</th><th class="num">ties (bal.)</th><th class="num">losses (bal.)</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Accuracy columns first, then balanced accuracy. For the MLN the counts run over the Ns of E2; for the E3 classifiers each count is one comparison at N fixed.</p></details>`;
  return `<section id="verdict" class="verdict">
<h2>Verdict</h2>
<p>Computed from the paired comparisons: DeepUnHide "beats" a baseline only where the 95% interval of the paired difference lies above zero.</p>
<ul>
${items(verdict.signal)}
</ul>
<h3>Accuracy</h3>
<ul>
${items(verdict.groups.map((g) => g.sentence))}
${items(verdict.overall)}
</ul>
<h3>Balanced accuracy</h3>
<ul>
${items(secondary.overall)}
</ul>
${table}
</section>`;
}

function summarySection(document: ResultsDocument): string {
  const { dataset, mf } = document;
  const improvement = 1 - mf.rmse.test / mf.rmse.globalMean;
  const classifierRows = Object.entries(document.attributes)
    .map(([name, a]) => {
      const t = a.classifier.test;
      const total = a.groups.majority.users + a.groups.minority.users;
      return `<tr><td>${escapeHtml(capitalize(name))}</td><td>${escapeHtml(a.groups.majority.label)} ${formatPercent(a.groups.majority.users / total)}</td><td class="num">${t.n}</td><td class="num">${formatNumber(t.accuracy)}</td><td class="num">${formatNumber(t.majorityFloor)}</td><td class="num">${formatNumber(t.balancedAccuracy)}</td><td class="num">${formatNumber(t.auc)}</td><td class="num">${a.selected.length} of ${a.relevancy.length}</td><td class="num">${formatNumber(a.topN.test.balancedAccuracy)} vs ${formatNumber(a.topN.random.mean)} ± ${formatNumber(a.topN.random.std)}</td></tr>`;
    })
    .join("\n");
  return `<section id="summary">
<h2>Data, factors and classifier</h2>
<p>${escapeHtml(dataset.name)}: ${dataset.users.toLocaleString("en-US")} users × ${dataset.items.toLocaleString("en-US")} items, ${dataset.ratings.toLocaleString("en-US")} ratings on ${dataset.ratingScale.min}–${dataset.ratingScale.max}.</p>
<p>${
    mf.source !== undefined
      ? `Factors imported (${escapeHtml(mf.source.format)}, K = ${mf.k}) from ${escapeHtml(mf.source.path)}: in-sample RMSE ${formatNumber(mf.rmse.train)} on the kept ratings against ${formatNumber(mf.rmse.globalMean)} for the global-mean predictor (no held-out RMSE: the engine that trained them may have seen every rating).`
      : `PMF with K = ${mf.k}: held-out RMSE ${formatNumber(mf.rmse.test)} (train ${formatNumber(mf.rmse.train)}) against ${formatNumber(mf.rmse.globalMean)} for the global-mean predictor, ${formatPercent(improvement)} lower.`
  }</p>
<table id="classifier-table">
<caption>The MLN on all factors, ${document.classifier.users.test} test users (best epoch ${document.classifier.bestEpoch})</caption>
<thead><tr><th>attribute</th><th>majority</th><th class="num">n</th><th class="num">accuracy</th><th class="num">majority floor</th><th class="num">balanced acc.</th><th class="num">AUC</th><th class="num">selected factors</th><th class="num">top-${document.config.topN} balanced acc. vs random</th></tr></thead>
<tbody>
${classifierRows}
</tbody></table>
<p>Accuracy means little on its own: the majority floor is what always answering the larger group scores. Balanced accuracy and AUC are 0.5 for a classifier that learned nothing, whatever the class balance.</p>
</section>`;
}

function figureHtml(figure: ReportFigure): string {
  const body =
    figure.svg.length > 0
      ? inlineSvg(figure.svg, figure.name)
      : `<img alt="${escapeHtml(figure.title)}" src="data:image/png;base64,${(figure.pngBase64 ?? "").replace(/[^A-Za-z0-9+/=]/g, "")}">`;
  return `<figure id="${escapeHtml(figure.name)}" class="report-figure">
<div class="chart">${body}</div>
<figcaption><strong>${escapeHtml(figure.title)}.</strong> ${escapeHtml(figure.caption ?? "")} Numbers: figures/${escapeHtml(figure.name)}.csv.</figcaption>
</figure>`;
}

function stabilityRow(name: string, s: StabilityResult): string {
  return `<tr><td>${escapeHtml(capitalize(name))}</td><td class="num">${s.topN}</td><td class="num">${s.seeds}</td><td class="num">${formatNumber(s.deepunhide.mean)} ± ${formatNumber(s.deepunhide.std)}</td><td class="num">${formatNumber(s.random.mean)} ± ${formatNumber(s.random.std)}</td></tr>`;
}

function experimentsSections(document: ResultsDocument): string {
  const experiments = document.experiments;
  if (experiments === undefined) return "";
  const entries = Object.entries(experiments.attributes);
  const e4 = entries
    .map(([name, x]) => {
      const attribute = document.attributes[name];
      return attribute === undefined ? "" : e4TableHtml(name, attribute, x.e4);
    })
    .join("\n");
  return `<section id="e4">
<h2>E4: the items that represent each group</h2>
<p>Paper §3.4 listed the ten movies with the highest minority weight w_m(i) = Σ_{j∈K_m} p̃m_j q_ij and the ten with the highest majority weight. Here each item also shows who actually rates it, and one number checks the whole ranking.</p>
${e4}
</section>
<section id="stability">
<h2>Stability of the DeepUnHide selection</h2>
<table id="stability-table"><thead><tr><th>attribute</th><th class="num">N</th><th class="num">seeds</th><th class="num">Jaccard, DeepUnHide top-N</th><th class="num">Jaccard, random top-N (chance)</th></tr></thead>
<tbody>
${entries.map(([name, x]) => stabilityRow(name, x.stability)).join("\n")}
</tbody></table>
<p>Overlap of the top-N factors between classifier seeds, averaged over pairs of seeds (1 = the same factors every time). A value near the random one means the selection changes with the seed as much as a random pick would.</p>
</section>
${variantsSectionHtml(experiments.attributes)}`;
}

const CI_NOTE = `<section id="reading-ci" class="note">
<h2>How to read the paired comparisons</h2>
<p>For each seed, DeepUnHide and the other method are trained on the same user split with the same initialization; the report takes the difference of their scores seed by seed. The mean difference comes with a two-sided 95% Student-t interval over the seeds. If the whole interval is above zero DeepUnHide <em>wins</em>, if it is below zero it <em>loses</em>, otherwise the two <em>tie</em>: the data cannot tell them apart. With few seeds the intervals are wide, so "ties" is the honest answer more often than not; it is not evidence that the methods are equal. Counting wins over many Ns and baselines also invites chance wins: one or two wins among dozens of comparisons are no pattern.</p>
</section>`;

const CITATION = `<footer id="citing">
<h2>Citing</h2>
<p>J. Bobadilla, Á. González-Prieto, F. Ortega, R. Lara-Cabrera. Deep Learning feature selection to unhide demographic recommender systems factors. Neural Computing and Applications 33, 7291–7308 (2021). doi:10.1007/s00521-020-05494-2 (arXiv:2006.12379).</p>
</footer>`;

/**
 * The whole report as one self-contained HTML page: inline CSS and inline figures, no
 * script, nothing loaded from anywhere. Every piece of text from the document is escaped.
 */
export function buildReportHtml(
  document: ResultsDocument,
  figures: readonly ReportFigure[],
): string {
  const verdict = computeVerdict(document, "accuracy");
  const balanced = computeVerdict(document, "balancedAccuracy");
  const experiments = document.experiments;
  const meta = `${escapeHtml(document.package.name)} ${escapeHtml(document.package.version)} · ${escapeHtml(document.dataset.name)} · seed ${document.seed}${experiments ? ` · experiments: ${escapeHtml(experiments.protocol)} protocol, seeds ${experiments.seeds.join(", ")}` : ""}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DeepUnHide report · ${escapeHtml(document.dataset.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>DeepUnHide report: what the hidden factors say about ${escapeHtml(Object.keys(document.attributes).join(" and "))}</h1>
<p class="meta">${meta}</p>
</header>
${verdictSection(verdict, balanced)}
${summarySection(document)}
<section id="figures">
<h2>Figures</h2>
${figures
  .filter((f) => !USES_FIGURES.has(f.name))
  .map(figureHtml)
  .join("\n")}
</section>
${itemProfileSectionHtml(document.items)}
${experimentsSections(document)}
${fairnessSectionHtml(
  document,
  figures
    .filter((f) => f.name === FAIRNESS_FIGURE)
    .map(figureHtml)
    .join("\n"),
)}
${explanationSectionHtml(document)}
${groupSectionHtml(document)}
${CI_NOTE}
${CITATION}
</body>
</html>
`;
}
