import { describeSignal } from "./describeSignal.js";
import { itemProfileSummaryLines } from "./itemProfileSummary.js";
import type { ResultsDocument } from "./resultsDocument.js";
import { textTable as table } from "./textTable.js";
import { variantFindings } from "./variantFindings.js";
import { computeVerdict } from "./verdict.js";

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a");
const num = (x: number, digits = 3): string => (Number.isFinite(x) ? x.toFixed(digits) : "n/a");

function bar(value: number, width = 20): string {
  const filled = Math.max(0, Math.min(width, Math.round(value * width)));
  return "█".repeat(filled) + "·".repeat(width - filled);
}

/** A short human summary of a run, for the terminal. */
export function formatSummary(
  results: ResultsDocument,
  options: { readonly topFactors?: number } = {},
): string {
  const topFactors = options.topFactors ?? 8;
  const { dataset, mf } = results;
  const lines: string[] = [];
  lines.push(
    `deepunhide ${results.package.version} · ${dataset.name}: ${dataset.users.toLocaleString("en-US")} users × ${dataset.items.toLocaleString("en-US")} items, ${dataset.ratings.toLocaleString("en-US")} ratings · seed ${results.seed}`,
    "",
    ...(mf.source !== undefined
      ? importedFactorLines(results)
      : [
          `Matrix factorization (PMF, K = ${mf.k}; factors for the next stages from ${mf.factorsFrom === "all" ? "all ratings" : "the training split"})`,
          `  RMSE on held-out ratings: ${num(mf.rmse.test)} (train ${num(mf.rmse.train)}); global-mean predictor: ${num(mf.rmse.globalMean)} → ${pct(1 - mf.rmse.test / mf.rmse.globalMean)} lower`,
        ]),
    "",
  );
  const names = Object.keys(results.attributes);
  const first = results.attributes[names[0]];
  lines.push(
    `Demographic classifier (MLN), ${first.classifier.test.n} test users`,
    ...table([
      ["attribute", "majority", "accuracy", "majority floor", "balanced acc.", "AUC", "signal"],
      ...names.map((name) => {
        const a = results.attributes[name];
        const t = a.classifier.test;
        return [
          name,
          `${a.groups.majority.label} ${pct(a.groups.majority.users / (a.groups.majority.users + a.groups.minority.users))}`,
          num(t.accuracy),
          num(t.majorityFloor),
          num(t.balancedAccuracy),
          num(t.auc),
          describeSignal(t),
        ];
      }),
    ]),
    "",
    "Archetypes (classifier score of each archetypal user: majority should be > 0.9, minority < 0.1)",
    ...names.map((name) => {
      const a = results.attributes[name];
      const maj = a.archetypes.majority;
      const min = a.archetypes.minority;
      const ok = (good: boolean) => (good ? "ok" : "NOT MET");
      return `  ${name.padEnd(8)} ${a.groups.majority.label} ${num(maj.score)} ${ok(maj.score > 0.9)} · ${a.groups.minority.label} ${num(min.score)} ${ok(min.score < 0.1)}`;
    }),
  );
  for (const name of names) {
    const a = results.attributes[name];
    lines.push(
      "",
      `Factors that separate ${a.groups.majority.label} from ${a.groups.minority.label} users: ${a.selected.length} of ${mf.k} with relevancy ≥ ${a.selectionThreshold}${a.relevancyUncertainty !== undefined ? ` (${a.relevancyMethod}, ${a.relevancyUncertainty.members} MLNs)` : ""}; the top ${Math.min(topFactors, mf.k)}:`,
      ...a.ranking.slice(0, topFactors).map((factor) => {
        const share = a.proportions.majority[factor];
        const leans =
          share >= 0.5
            ? `${a.groups.majority.label} ${pct(share)}`
            : `${a.groups.minority.label} ${pct(1 - share)}`;
        const agreement =
          a.relevancyUncertainty !== undefined
            ? `  in the top 20 of ${pct(a.relevancyUncertainty.topShare[factor])} of the MLNs`
            : "";
        return `  factor ${String(factor).padStart(3)}  ${bar(a.relevancy[factor])} ${num(a.relevancy[factor], 2)}  leans ${leans}${agreement}`;
      }),
      `  Top ${a.topN.n} factors alone: balanced accuracy ${num(a.topN.test.balancedAccuracy)} = ${pct(a.topN.retainedBalancedAccuracy)} of the ${mf.k}-factor ${num(a.classifier.test.balancedAccuracy)} (${pct(a.topN.retainedAboveChance)} of its margin above chance)`,
      ...(a.topN.random.draws > 1
        ? [
            `  ${a.topN.n} random factors: ${num(a.topN.random.mean)} ± ${num(a.topN.random.std)} over ${a.topN.random.draws} draws → the top ${a.topN.n} ${a.topN.beatsRandom ? "stand out from a random choice" : "do NOT stand out from a random choice"}`,
          ]
        : []),
    );
  }
  lines.push(...itemProfileSummaryLines(results.items));
  if (results.experiments !== undefined) {
    const verdict = computeVerdict(results, "balancedAccuracy");
    lines.push(
      "",
      `Evaluation (paper §3, ${results.experiments.protocol} protocol, ${results.experiments.seeds.length} paired seeds; a claim only where the 95% interval of the paired difference excludes 0):`,
      ...verdict.signal.map((line) => `  ${line}`),
      ...verdict.overall.map((line) => `  ${line}`),
      ...verdict.groups.filter((g) => g.classifier === "mln").map((g) => `  ${g.sentence}`),
      ...variantFindings(results.experiments.attributes).map((line) => `  ${line}`),
      "  The other classifiers (E3), E1, E4 and the stability check are in report.html.",
    );
  }
  if (results.warnings.length > 0) {
    lines.push("", "Warnings:", ...results.warnings.map((w) => `  - ${w}`));
  }
  return `${lines.join("\n")}\n`;
}

/** The stage-1 lines of a run on imported factors: where from, what was matched, in-sample RMSE. */
function importedFactorLines(results: ResultsDocument): string[] {
  const { mf } = results;
  const source = mf.source;
  if (source === undefined) return [];
  const { users, items, ratings } = source.alignment;
  const dropped = (side: typeof users) =>
    [
      side.nonFinite > 0 ? `${side.nonFinite} non-finite` : "",
      side.notInDataset > 0 ? `${side.notInDataset} not in the dataset` : "",
      side.withoutAttributes > 0 ? `${side.withoutAttributes} without attributes` : "",
      side.withoutFactors > 0 ? `${side.withoutFactors} of the dataset without factors` : "",
    ]
      .filter((part) => part !== "")
      .join(", ") || "none";
  return [
    `Imported factors (${source.format}, K = ${mf.k}) from ${source.path}`,
    `  users kept ${users.kept} of ${users.inFactors} (dropped: ${dropped(users)}); items kept ${items.kept} of ${items.inFactors} (dropped: ${dropped(items)}); ratings kept ${ratings.kept.toLocaleString("en-US")}`,
    `  RMSE in-sample on all kept ratings: ${num(mf.rmse.train)}; global-mean predictor: ${num(mf.rmse.globalMean)} (no held-out RMSE: the engine that trained the factors may have seen every rating)`,
  ];
}
