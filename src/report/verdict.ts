import type {
  ClassifierName,
  ExperimentsDocument,
  PairedComparison,
  RankingMethod,
} from "../evaluate/experiments/types.js";
import { describeSignal } from "./describeSignal.js";
import { CLASSIFIER_LABELS } from "./fig14Classifiers.js";
import { capitalize } from "./figureDefinition.js";
import { methodLabel } from "./figureTheme.js";
import type { ResultsDocument } from "./resultsDocument.js";

/** Which metric a verdict reads. */
export type VerdictMetric = PairedComparison["metric"];

/** DeepUnHide against one baseline, for one attribute and classifier: counts of verdicts. */
export interface VerdictTally {
  readonly attribute: string;
  readonly classifier: ClassifierName;
  readonly against: RankingMethod;
  readonly metric: VerdictMetric;
  readonly wins: number;
  readonly ties: number;
  readonly loses: number;
  /** wins + ties + loses: the number of Ns (MLN) or 1 (an E3 classifier). */
  readonly total: number;
}

/** The verdict of one attribute and classifier, counted and in words. */
export interface VerdictGroup {
  readonly attribute: string;
  readonly classifier: ClassifierName;
  readonly tallies: VerdictTally[];
  readonly sentence: string;
}

/** Everything the report's verdict section says, computed from the paired comparisons. */
export interface ReportVerdict {
  readonly metric: VerdictMetric;
  readonly groups: VerdictGroup[];
  /** One line per attribute: the all-factor classifier against the majority floor. */
  readonly signal: string[];
  /** One line per attribute: DeepUnHide's wins, ties and losses over E2 and E3 together. */
  readonly overall: string[];
}

const METRIC_WORDS: Readonly<Record<VerdictMetric, string>> = {
  accuracy: "accuracy",
  balancedAccuracy: "balanced accuracy",
  auc: "AUC",
};

/**
 * Counts wins, ties and losses per baseline in a list of comparisons, keeping the order in
 * which baselines first appear.
 */
export function tallyComparisons(
  comparisons: readonly PairedComparison[],
  attribute: string,
  classifier: ClassifierName,
  metric: VerdictMetric,
): VerdictTally[] {
  const byMethod = new Map<RankingMethod, { wins: number; ties: number; loses: number }>();
  for (const c of comparisons) {
    if (c.metric !== metric) continue;
    const counts = byMethod.get(c.against) ?? { wins: 0, ties: 0, loses: 0 };
    counts[c.verdict]++;
    byMethod.set(c.against, counts);
  }
  return [...byMethod].map(([against, counts]) => ({
    attribute,
    classifier,
    against,
    metric,
    ...counts,
    total: counts.wins + counts.ties + counts.loses,
  }));
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "at all 9", "at 3 of 9": how often, in the unit of the comparison. */
function howOften(count: number, total: number, unit: string): string {
  if (total === 1) return "";
  return count === total ? ` at all ${total} ${unit}` : ` at ${count} of ${total} ${unit}`;
}

/**
 * One plain sentence for one attribute and classifier. Baselines with the same counts are
 * named together; ties are reported only where they are the whole story, so the sentence
 * stays short.
 */
export function verdictSentence(
  tallies: readonly VerdictTally[],
  heading: string,
  unit: string,
): string {
  if (tallies.length === 0) return `${heading}: no paired comparisons.`;
  const clauses: string[] = [];
  const grouped = (pick: (t: VerdictTally) => number, verb: string) => {
    const buckets = new Map<string, string[]>();
    for (const t of tallies) {
      const count = pick(t);
      if (count === 0) continue;
      const key = howOften(count, t.total, unit);
      buckets.set(key, [...(buckets.get(key) ?? []), methodLabel(t.against)]);
    }
    for (const [often, names] of buckets) clauses.push(`${verb} ${listWords(names)}${often}`);
  };
  grouped((t) => t.wins, "beats");
  grouped((t) => (t.ties === t.total ? t.ties : 0), "ties with");
  grouped((t) => t.loses, "loses to");
  const wins = tallies.reduce((s, t) => s + t.wins, 0);
  const loses = tallies.reduce((s, t) => s + t.loses, 0);
  const lead = `${heading}: DeepUnHide ${clauses.join("; ")}.`;
  if (wins === 0 && loses === 0) {
    return `${heading}: DeepUnHide never beats and never loses to a baseline: every 95% interval of the paired difference contains zero.`;
  }
  if (wins === 0) return `${lead} It never beats any baseline here.`;
  return lead;
}

function groupsFor(
  attribute: string,
  experiments: ExperimentsDocument["attributes"][string],
  metric: VerdictMetric,
): VerdictGroup[] {
  const groups: VerdictGroup[] = [];
  const { e2, e3 } = experiments;
  const mln = tallyComparisons(e2.comparisons, attribute, "mln", metric);
  const range = e2.ns.length > 0 ? ` (N = ${Math.min(...e2.ns)}…${Math.max(...e2.ns)})` : "";
  groups.push({
    attribute,
    classifier: "mln",
    tallies: mln,
    sentence: verdictSentence(mln, `${capitalize(attribute)}, MLN${range}`, "N"),
  });
  const classifiers = [...new Set(e3.comparisons.map((c) => c.classifier))];
  for (const classifier of classifiers) {
    const tallies = tallyComparisons(
      e3.comparisons.filter((c) => c.classifier === classifier),
      attribute,
      classifier,
      metric,
    );
    groups.push({
      attribute,
      classifier,
      tallies,
      sentence: verdictSentence(
        tallies,
        `${capitalize(attribute)}, ${CLASSIFIER_LABELS[classifier]} at N = ${e3.n}`,
        "seeds",
      ),
    });
  }
  return groups;
}

function fixed(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

/** All-factor accuracy against the floor, in words, from E2 when present, else the pipeline's test split. */
function signalSentence(document: ResultsDocument, attribute: string): string {
  const e2 = document.experiments?.attributes[attribute]?.e2;
  const test = document.attributes[attribute]?.classifier.test;
  const name = capitalize(attribute);
  let accuracy: number;
  let floor: number;
  let balanced: number;
  let auc: number;
  let where: string;
  if (e2 !== undefined) {
    accuracy = e2.allFactors.accuracy.mean;
    floor = e2.majorityFloor.mean;
    balanced = e2.allFactors.balancedAccuracy.mean;
    auc = e2.allFactors.auc.mean;
    where = `mean over ${e2.seeds} seeds`;
  } else if (test !== undefined) {
    accuracy = test.accuracy;
    floor = test.majorityFloor;
    balanced = test.balancedAccuracy;
    auc = test.auc;
    where = `${test.n} test users`;
  } else {
    return `${name}: no classifier numbers.`;
  }
  return `${name}: the MLN on all ${document.mf.k} factors reaches accuracy ${fixed(accuracy)} against a majority floor of ${fixed(floor)} (balanced accuracy ${fixed(balanced)}, AUC ${fixed(auc)}; ${where}): signal ${describeSignal({ accuracy, majorityFloor: floor, auc })}.`;
}

/**
 * The report's verdict, computed only from the numbers: per attribute and classifier, how
 * often DeepUnHide's paired 95% interval against each baseline lies above zero (wins),
 * contains it (ties) or lies below (loses), in counts and plain sentences.
 */
export function computeVerdict(
  document: ResultsDocument,
  metric: VerdictMetric = "accuracy",
): ReportVerdict {
  const attributes = Object.keys(document.attributes);
  const groups: VerdictGroup[] = [];
  const overall: string[] = [];
  for (const attribute of attributes) {
    const experiments = document.experiments?.attributes[attribute];
    if (experiments === undefined) continue;
    const mine = groupsFor(attribute, experiments, metric);
    groups.push(...mine);
    const all = mine.flatMap((g) => g.tallies);
    const wins = all.reduce((s, t) => s + t.wins, 0);
    const ties = all.reduce((s, t) => s + t.ties, 0);
    const loses = all.reduce((s, t) => s + t.loses, 0);
    overall.push(
      `${capitalize(attribute)} (${METRIC_WORDS[metric]}): over ${wins + ties + loses} paired comparisons in E2 and E3, DeepUnHide wins ${wins}, ties ${ties} and loses ${loses}.` +
        (wins === 0 ? " It wins none." : ""),
    );
  }
  return { metric, groups, signal: attributes.map((a) => signalSentence(document, a)), overall };
}
