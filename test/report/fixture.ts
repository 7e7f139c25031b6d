/**
 * A realistic, fully typed report input built from a seeded generator: K = 100, gender and
 * age, the nine ranking methods, five seeds. The numbers resemble an ML-100K run (weak gender
 * signal, clearer age signal) so figures and sentences look like the real thing.
 */
import {
  type AttributeExperiments,
  E3_CLASSIFIERS,
  type E4Item,
  type ExperimentsDocument,
  type MetricSummaries,
  PAPER_RANKING_METHODS,
  type PairedComparison,
  type RankingMethod,
  type SeedSummary,
  type Verdict,
} from "../../src/evaluate/experiments/types.js";
import { DEFAULT_RUN_CONFIG } from "../../src/pipeline/runConfig.js";
import type {
  AttributeDocument,
  ClassifierQuality,
  ResultsDocument,
} from "../../src/report/resultsDocument.js";
import { createRng, type Rng } from "../../src/util/rng.js";

/** Factors of the fixture's PMF model. */
export const FIXTURE_K = 100;
/** Seeds of the fixture's experiments. */
export const FIXTURE_SEEDS = [1, 2, 3, 4, 5];
/** E2's Ns. */
export const FIXTURE_E2_NS = [5, 10, 15, 20, 30, 40, 50, 60, 70];
/** E1's Ns. */
export const FIXTURE_E1_NS = Array.from({ length: 20 }, (_, i) => i + 1);

const T_975_4 = 2.776;

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

function summary(values: number[]): SeedSummary {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance =
    values.length > 1
      ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)
      : Number.NaN;
  return {
    values: values.map((v) => round(v)),
    mean: round(mean),
    std: round(Math.sqrt(variance)),
  };
}

function seedValues(rng: Rng, mean: number, spread: number): number[] {
  return FIXTURE_SEEDS.map(() => Math.min(1, Math.max(0, mean + spread * rng.normal())));
}

function metrics(rng: Rng, accuracy: number, balanced: number, auc: number): MetricSummaries {
  return {
    accuracy: summary(seedValues(rng, accuracy, 0.012)),
    balancedAccuracy: summary(seedValues(rng, balanced, 0.02)),
    auc: summary(seedValues(rng, auc, 0.02)),
  };
}

/** The paired comparison of two seed summaries, with the verdict the experiments would give. */
export function pairedComparison(
  deep: SeedSummary,
  other: SeedSummary,
  against: RankingMethod,
  metric: PairedComparison["metric"],
): PairedComparison {
  const diffs = deep.values.map((v, i) => v - other.values[i]);
  const s = summary(diffs);
  const half = (T_975_4 * s.std) / Math.sqrt(diffs.length);
  const ciLow = round(s.mean - half);
  const ciHigh = round(s.mean + half);
  const verdict: Verdict = ciLow > 0 ? "wins" : ciHigh < 0 ? "loses" : "ties";
  return { against, metric, meanDifference: s.mean, ciLow, ciHigh, n: diffs.length, verdict };
}

/** How strongly each method's top-N carries the signal, relative to DeepUnHide's. */
const METHOD_STRENGTH: Record<RankingMethod, number> = {
  deepunhide: 1,
  "deepunhide-per-group": 0.95,
  logistic: 1.05,
  entropy: 0.9,
  variance: 0.8,
  "pca-loadings": 0.85,
  "pca-components": 1.1,
  centroid: 1.15,
  random: 0.7,
  "deepunhide-scaled": 1.02,
  "deepunhide-ensemble": 1.01,
  "deepunhide-scaled-ensemble": 1.03,
  "deepunhide-gradient": 1.04,
  "deepunhide-gradient-ensemble": 1.06,
  "deepunhide-contrast-ig": 1.04,
  "deepunhide-contrast-ig-ensemble": 1.06,
  "deepunhide-contrast-ig-rank-ensemble": 1.05,
  "deepunhide-penalized": 1.03,
  "deepunhide-penalized-ensemble": 1.05,
};

function quality(n: number, accuracy: number, balanced: number, auc: number, floor: number) {
  return {
    n,
    accuracy,
    balancedAccuracy: balanced,
    auc,
    majorityFloor: floor,
    positiveRate: 0.9,
    labelPositiveRate: floor,
  } satisfies ClassifierQuality;
}

function attributeDocument(
  rng: Rng,
  labels: { majority: string; minority: string },
  rule: AttributeDocument["rule"],
  floor: number,
  signal: number,
): AttributeDocument {
  const majority = Array.from({ length: FIXTURE_K }, () => rng.normal());
  const minority = majority.map((v) => -0.6 * v + 0.8 * rng.normal());
  const normalize = (p: number[]) => {
    const lo = Math.min(...p);
    const hi = Math.max(...p);
    return p.map((v) => (v - lo) / (hi - lo));
  };
  const nM = normalize(majority);
  const nm = normalize(minority);
  const raw = nM.map((v, j) => Math.abs(v - nm[j]));
  const top = Math.max(...raw);
  const relevancy = raw.map((r) => round(r / top));
  const proportionsMajority = nM.map((v, j) => (v + nm[j] === 0 ? 0.5 : round(v / (v + nm[j]))));
  const ranking = relevancy
    .map((r, j) => [r, j] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, j]) => j);
  const selected = ranking.filter((j) => relevancy[j] >= 0.5);
  const users = 943;
  const majorityUsers = Math.round(users * floor);
  const test = quality(189, floor + 0.3 * signal, 0.5 + signal, 0.55 + 1.2 * signal, floor);
  return {
    rule,
    groups: {
      majority: { label: labels.majority, users: majorityUsers },
      minority: { label: labels.minority, users: users - majorityUsers },
    },
    classifier: {
      train: quality(660, floor + 0.5 * signal, 0.5 + 1.5 * signal, 0.6 + 1.5 * signal, floor),
      validation: quality(94, floor + 0.2 * signal, 0.5 + signal, 0.55 + signal, floor),
      test,
    },
    relevancyMethod: "paper",
    archetypes: {
      majority: {
        vector: majority.map((v) => round(v)),
        score: 0.998,
        iterations: 412,
        converged: true,
        startedFrom: "zeros",
      },
      minority: {
        vector: minority.map((v) => round(v)),
        score: 0.004,
        iterations: 530,
        converged: true,
        startedFrom: "zeros",
      },
    },
    relevancy,
    proportions: {
      majority: proportionsMajority,
      minority: proportionsMajority.map((v) => round(1 - v)),
    },
    normalizedArchetypes: { majority: nM.map((v) => round(v)), minority: nm.map((v) => round(v)) },
    ranking,
    selected,
    selectionThreshold: 0.5,
    topN: {
      n: 10,
      factors: ranking.slice(0, 10),
      test: quality(189, floor + 0.1 * signal, 0.5 + 0.8 * signal, 0.55 + signal, floor),
      retainedBalancedAccuracy: 0.92,
      retainedAboveChance: 0.6,
      random: {
        draws: 5,
        balancedAccuracy: [0.55, 0.56, 0.53, 0.58, 0.54],
        mean: 0.552,
        std: 0.019,
      },
      beatsRandom: false,
    },
  };
}

/** Accuracy of a top-N MLN: saturating in N towards the all-factor level. */
function accuracyAt(n: number, strength: number, floor: number, lift: number): number {
  const reach = 1 - Math.exp((-n * strength) / 18);
  return floor + lift * reach;
}

const MOVIE_TITLES = [
  "Sense and Sensibility (1995)",
  "Pretty Woman (1990)",
  "Sleepless in Seattle (1993)",
  "Emma (1996)",
  "The Piano (1993)",
  "While You Were Sleeping (1995)",
  "Little Women (1994)",
  "Titanic (1997)",
  "The English Patient (1996)",
  "<script>alert('x')</script> & \"Friends\" (1999)",
  "Star Wars (1977)",
  "Die Hard (1988)",
  "Terminator 2: Judgment Day (1991)",
  "GoodFellas (1990)",
  "The Godfather (1972)",
  "Aliens (1986)",
  "Full Metal Jacket (1987)",
  "Heat (1995)",
  "Reservoir Dogs (1992)",
  "Pulp Fiction, Part <1> (1994)",
];

function e4Items(rng: Rng, titles: string[], minorityLean: number, offset: number): E4Item[] {
  return titles.map((title, i) => ({
    item: String(offset + i * 7 + 1),
    title,
    weight: round(3.2 - i * 0.12 + 0.05 * rng.normal()),
    ratings: 75 + Math.round(200 * rng.next()),
    minorityShare: round(Math.min(1, Math.max(0, minorityLean + 0.08 * rng.normal()))),
  }));
}

function attributeExperiments(
  rng: Rng,
  floor: number,
  allAccuracy: number,
  allBalanced: number,
): AttributeExperiments {
  const lift = allAccuracy - floor;
  const balancedLift = allBalanced - 0.5;
  const e1Rows: AttributeExperiments["e1"]["rows"] = [];
  for (const mode of ["zeroed", "retrained"] as const) {
    for (const method of PAPER_RANKING_METHODS) {
      for (const n of FIXTURE_E1_NS) {
        const reach = 1 - Math.exp((-n * METHOD_STRENGTH[method]) / (mode === "zeroed" ? 3 : 5));
        const majorityScore = round(clamp01(0.5 + 0.49 * reach + 0.02 * rng.normal()), 3);
        const minorityScore = round(clamp01(0.5 - 0.49 * reach + 0.02 * rng.normal()), 3);
        e1Rows.push({
          method,
          n,
          mode,
          majorityScore,
          minorityScore,
          majorityCorrect: majorityScore > 0.5,
          minorityCorrect: minorityScore < 0.5,
        });
      }
    }
  }
  const e2Cells = PAPER_RANKING_METHODS.flatMap((method) =>
    FIXTURE_E2_NS.map((n) => ({
      method,
      n,
      metrics: metrics(
        rng,
        accuracyAt(n, METHOD_STRENGTH[method], floor, lift),
        0.5 + balancedLift * (1 - Math.exp((-n * METHOD_STRENGTH[method]) / 18)),
        0.55 + 1.2 * balancedLift * (1 - Math.exp((-n * METHOD_STRENGTH[method]) / 18)),
      ),
    })),
  );
  const e2Comparisons = FIXTURE_E2_NS.flatMap((n) => {
    const deep = e2Cells.find((c) => c.method === "deepunhide" && c.n === n)!;
    return e2Cells
      .filter((c) => c.n === n && c.method !== "deepunhide")
      .flatMap((c) =>
        (["accuracy", "balancedAccuracy", "auc"] as const).map((metric) => ({
          ...pairedComparison(deep.metrics[metric], c.metrics[metric], c.method, metric),
          n,
        })),
      );
  });
  const e3Cells = E3_CLASSIFIERS.flatMap((classifier, ci) =>
    PAPER_RANKING_METHODS.map((method) => ({
      classifier,
      method,
      metrics: metrics(
        rng,
        accuracyAt(50, METHOD_STRENGTH[method], floor, lift * (0.6 + 0.1 * ci)),
        0.5 + balancedLift * (0.6 + 0.1 * ci) * METHOD_STRENGTH[method] ** 0.3,
        0.55 + balancedLift * (0.7 + 0.1 * ci),
      ),
    })),
  );
  const e3Comparisons = E3_CLASSIFIERS.flatMap((classifier) => {
    const deep = e3Cells.find((c) => c.classifier === classifier && c.method === "deepunhide")!;
    return e3Cells
      .filter((c) => c.classifier === classifier && c.method !== "deepunhide")
      .flatMap((c) =>
        (["accuracy", "balancedAccuracy", "auc"] as const).map((metric) => ({
          ...pairedComparison(deep.metrics[metric], c.metrics[metric], c.method, metric),
          classifier,
        })),
      );
  });
  return {
    e1: { ns: FIXTURE_E1_NS, rows: e1Rows },
    e2: {
      ns: FIXTURE_E2_NS,
      seeds: FIXTURE_SEEDS.length,
      cells: e2Cells,
      allFactors: metrics(rng, allAccuracy, allBalanced, allBalanced + 0.08),
      majorityFloor: { values: FIXTURE_SEEDS.map(() => floor), mean: floor, std: 0 },
      comparisons: e2Comparisons,
    },
    e3: { n: 50, seeds: FIXTURE_SEEDS.length, cells: e3Cells, comparisons: e3Comparisons },
    e4: {
      topFactors: 20,
      minRatings: 75,
      eligibleItems: 338,
      datasetMinorityShare: round(1 - floor),
      minorityItems: e4Items(rng, MOVIE_TITLES.slice(0, 10), 0.42, 0),
      majorityItems: e4Items(rng, MOVIE_TITLES.slice(10), 0.18, 100),
      spearman: 0.31,
    },
    stability: {
      topN: 10,
      seeds: FIXTURE_SEEDS.length,
      deepunhide: summary([0.18, 0.25, 0.11, 0.33, 0.18, 0.25, 0.11, 0.18, 0.25, 0.18]),
      random: summary([0.05, 0.11, 0.0, 0.05, 0.11, 0.05, 0.05, 0.0, 0.11, 0.05]),
    },
  };
}

/** A fresh fixture document (a new object every call, so tests may change it freely). */
export function fixtureDocument(seed = 7): ResultsDocument {
  const rng = createRng(seed);
  const epochs = 60;
  const history = Array.from({ length: epochs }, (_, i) => {
    const e = i + 1;
    const decay = Math.exp(-e / 15);
    return {
      epoch: e,
      trainLoss: round(0.5 + 0.25 * decay - 0.001 * e + 0.004 * rng.normal()),
      trainAccuracy: [
        round(0.709 + 0.05 * (1 - decay) + 0.003 * rng.normal()),
        round(0.695 + 0.09 * (1 - decay) + 0.003 * rng.normal()),
      ],
      validationLoss: round(0.55 + 0.2 * decay + 0.0006 * e + 0.008 * rng.normal()),
      validationAccuracy: [
        round(0.7 + 0.03 * (1 - decay) + 0.01 * rng.normal()),
        round(0.69 + 0.06 * (1 - decay) + 0.01 * rng.normal()),
      ],
    };
  });
  const gender = attributeDocument(
    rng.fork("gender"),
    { majority: "male", minority: "female" },
    {
      name: "gender",
      attribute: "gender",
      test: { type: "equals", value: "M" },
      majority: "male",
      minority: "female",
    },
    0.709,
    0.076,
  );
  const age = attributeDocument(
    rng.fork("age"),
    { majority: "young", minority: "senior" },
    {
      name: "age",
      attribute: "age",
      test: { type: "below", threshold: 40 },
      majority: "young",
      minority: "senior",
    },
    0.695,
    0.157,
  );
  const experiments: ExperimentsDocument = {
    seeds: FIXTURE_SEEDS,
    protocol: "full",
    attributes: {
      gender: attributeExperiments(rng.fork("e-gender"), 0.709, 0.727, 0.58),
      age: attributeExperiments(rng.fork("e-age"), 0.695, 0.752, 0.66),
    },
  };
  return {
    schemaVersion: 1,
    package: { name: "deepunhide", version: "0.1.0" },
    seed: 42,
    config: DEFAULT_RUN_CONFIG,
    dataset: {
      name: "ml-100k",
      users: 943,
      items: 1682,
      ratings: 100000,
      ratingScale: { min: 1, max: 5 },
      sources: [],
    },
    mf: {
      k: FIXTURE_K,
      factorsFrom: "all",
      kernel: "wasm",
      ratings: { train: 80000, test: 20000 },
      rmse: { train: 0.712, test: 0.907, globalMean: 1.119 },
      history: Array.from({ length: 40 }, (_, i) => ({
        epoch: i + 1,
        trainRmse: round(1.1 - 0.38 * (1 - Math.exp(-(i + 1) / 8))),
      })),
    },
    classifier: {
      users: { train: 660, validation: 94, test: 189 },
      bestEpoch: 41,
      history,
    },
    attributes: { gender, age },
    warnings: [],
    timings: { total: 4700 },
    experiments,
  };
}
