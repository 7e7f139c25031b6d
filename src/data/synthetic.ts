/**
 * A synthetic ratings dataset with a planted, known demographic structure: users' latent tastes
 * shift with gender and age along known directions, some items lean male/female or
 * young/senior by construction. It lets tests and demos check that the method finds what was
 * planted, without MovieLens (which may not be redistributed).
 */

import { createRng, permutation, type Rng } from "../util/rng.js";
import { type Attribute, createIdMap, type Dataset, type GenreMatrix } from "./dataset.js";
import {
  DEFAULT_SYNTHETIC_CONFIG,
  ratingShares,
  resolveSyntheticConfig,
  type SyntheticConfig,
} from "./syntheticConfig.js";
import {
  allocateUserActivity,
  ensureEveryItemRated,
  lognormalPopularity,
  type SampledPairs,
  samplePairs,
} from "./syntheticSampling.js";

export { DEFAULT_SYNTHETIC_CONFIG, type SyntheticConfig };

/** What the generator planted, for checking what a method recovers. */
export interface SyntheticTruth {
  /** The resolved configuration, including the seed used. */
  readonly config: SyntheticConfig;
  /** users × rank latent tastes, row-major (`[u * rank + d]`), demographic shifts included. */
  readonly userFactors: Float64Array;
  /** items × rank latent item vectors, row-major. */
  readonly itemFactors: Float64Array;
  /** Per-user bias in the latent score. */
  readonly userBias: Float64Array;
  /** Per-item bias in the latent score. */
  readonly itemBias: Float64Array;
  /** Latent dimensions whose user mean depends on gender. */
  readonly genderDims: readonly number[];
  /** Latent dimensions whose user mean depends on age group. */
  readonly ageDims: readonly number[];
  /** Unit vector (length rank) along which male users sit higher than female users. */
  readonly genderDirection: Float64Array;
  /** Unit vector along which young users sit higher than senior users. */
  readonly ageDirection: Float64Array;
  /**
   * Per item, the expected latent-score gap male − female it gets from the planted shift:
   * positive items lean male, negative lean female. (One rating level is about one unit.)
   */
  readonly itemGenderLeaning: Float64Array;
  /** Per item, the expected latent-score gap young − senior: positive leans young. */
  readonly itemAgeLeaning: Float64Array;
  /** Per item, its construction class: 1 built male-leaning, -1 female-leaning, 0 neither. */
  readonly itemGenderClass: Int8Array;
  /** Per item, its construction class: 1 built young-leaning, -1 senior-leaning, 0 neither. */
  readonly itemAgeClass: Int8Array;
  /**
   * Per genre (rows in `ML100K_GENRES` order), the latent direction (length rank) along which
   * an item's construction leaning raises the genre's log-odds:
   * GENRE_GENDER[g]·e_G + GENRE_AGE[g]·e_A, times `genreLeaningStrength`. Row-major,
   * genres × rank. The planted factor structure of the genres: a genre depends on the item's
   * latent vector only through these directions (and its base rate).
   */
  readonly genreDirections: Float64Array;
  /** Item sampling probabilities (sum 1). */
  readonly itemPopularity: Float64Array;
  /** Latent-score cut points between consecutive rating values (length levels − 1). */
  readonly thresholds: Float64Array;
}

/** ML-100K's genre names, in index order. */
export const ML100K_GENRES: readonly string[] = Object.freeze([
  "unknown",
  "Action",
  "Adventure",
  "Animation",
  "Children's",
  "Comedy",
  "Crime",
  "Documentary",
  "Drama",
  "Fantasy",
  "Film-Noir",
  "Horror",
  "Musical",
  "Mystery",
  "Romance",
  "Sci-Fi",
  "Thriller",
  "War",
  "Western",
]);

/** Genre frequencies in ML-100K's u.item, per genre index. */
const GENRE_BASE = [
  0.001, 0.149, 0.08, 0.025, 0.073, 0.3, 0.065, 0.03, 0.431, 0.013, 0.014, 0.055, 0.033, 0.036,
  0.147, 0.06, 0.149, 0.042, 0.016,
];
/** How each genre follows a male (+) / female (−) item leaning: a conventional stereotype. */
const GENRE_GENDER = [
  0, 1, 0.6, -0.2, -0.5, -0.2, 0.4, 0, -0.3, -0.2, 0.2, 0.3, -0.8, 0, -1, 0.8, 0.4, 0.7, 0.6,
];
/** How each genre follows a young (+) / senior (−) item leaning. */
const GENRE_AGE = [
  0, 0.3, 0.2, 0.5, 0.3, 0.4, 0, -0.4, -0.4, 0.3, -0.8, 0.6, -0.3, -0.4, -0.1, 0.4, 0.1, -0.5, -0.6,
];

/**
 * Generates a synthetic dataset and what was planted in it. Deterministic: the same config and
 * seed give identical arrays on every platform. The seed argument wins over `config.seed`.
 *
 * Model: user u has taste p_u = z_u + (genderShift/2)·g_u·e_G + (ageShift/2)·a_u·e_A with
 * z_u ~ N(0, I_r), g_u = +1 male / −1 female, a_u = +1 young / −1 senior, e_G and e_A unit
 * vectors spread over the first genderDims and the next ageDims latent dimensions. Item i has
 * q_i = z_i + itemLeaningScale·(ℓG_i·e_G + ℓA_i·e_A) with a construction leaning ℓ ∈ [−1, 1]
 * (clear, |ℓ| ∈ [0.5, 1], for a configured fraction of items; weak otherwise). The latent score
 * b_u + b_i + interactionWeight·p_u·q_i/√r + noise is cut at quantiles into ratings with
 * ML-100K's value shares. Who rates what follows skewed activity and popularity only, so
 * the demographic signal sits in the rating values, where PMF can pick it up.
 *
 * Ratings come grouped by user (user 0's first); ids are "1".."n"; `sources` is empty.
 * Cost: about 0.1–0.15 s for the defaults; 69,600 × 9,927 × 5.8M ratings on 1–10 in about 1.4 s.
 *
 * Throws `ConfigError` for invalid or infeasible settings.
 */
export function generateSynthetic(
  config: Partial<SyntheticConfig> = {},
  seed?: number,
): { dataset: Dataset; truth: SyntheticTruth } {
  const c = resolveSyntheticConfig(config, seed);
  const rng = createRng(c.seed);

  const demographics = generateDemographics(c, rng.fork("demographics"));
  const genderDims = range(0, c.genderDims);
  const ageDims = range(c.genderDims, c.genderDims + c.ageDims);
  const genderDirection = unitAlong(c.rank, genderDims);
  const ageDirection = unitAlong(c.rank, ageDims);

  const userFactors = generateUserFactors(
    c,
    demographics,
    genderDirection,
    ageDirection,
    rng.fork("users"),
  );
  const items = generateItems(c, genderDirection, ageDirection, rng.fork("items"));

  const cap = Math.min(
    c.items,
    Math.max(
      Math.ceil(c.ratings / c.users),
      Math.floor(c.maxUserFraction * c.items),
      c.minRatingsPerUser,
    ),
  );
  const counts = allocateUserActivity(
    c.users,
    c.ratings,
    c.minRatingsPerUser,
    cap,
    c.userActivitySigma,
    rng.fork("activity"),
  );
  const popularity = lognormalPopularity(c.items, c.itemPopularitySigma, rng.fork("popularity"));
  const pairs = samplePairs(counts, popularity, rng.fork("pairs"));
  ensureEveryItemRated(pairs, c.items, rng.fork("coverage"));

  const userBias = new Float64Array(c.users);
  const biasRng = rng.fork("bias");
  for (let u = 0; u < c.users; u++) userBias[u] = c.userBiasSd * biasRng.normal();
  const itemBias = itemBiases(c, popularity, biasRng);

  const scores = latentScores(
    c,
    pairs,
    userFactors,
    items.factors,
    userBias,
    itemBias,
    rng.fork("noise"),
  );
  const thresholds = quantileThresholds(scores, ratingShares(c), rng.fork("thresholds"));
  const ratings = discretize(pairs, scores, thresholds, c.ratingMin);

  const interaction = c.interactionWeight / Math.sqrt(c.rank);
  const dataset: Dataset = {
    name: "synthetic",
    users: createIdMap(numberedIds(c.users)),
    items: createIdMap(numberedIds(c.items)),
    ratings,
    ratingScale: { min: c.ratingMin, max: c.ratingMax },
    userAttributes: demographics.attributes,
    itemAttributes: { titles: items.titles, genres: items.genres },
    sources: [],
  };
  const truth: SyntheticTruth = {
    config: c,
    userFactors,
    itemFactors: items.factors,
    userBias,
    itemBias,
    genderDims,
    ageDims,
    genderDirection,
    ageDirection,
    itemGenderLeaning: projectGap(
      items.factors,
      c.rank,
      genderDirection,
      interaction * c.genderShift,
    ),
    itemAgeLeaning: projectGap(items.factors, c.rank, ageDirection, interaction * c.ageShift),
    itemGenderClass: items.genderClass,
    itemAgeClass: items.ageClass,
    genreDirections: genreDirections(c, genderDirection, ageDirection),
    itemPopularity: popularity,
    thresholds,
  };
  return { dataset, truth };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d < to; d++) out.push(d);
  return out;
}

function numberedIds(n: number): string[] {
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) ids[i] = String(i + 1);
  return ids;
}

/** Unit vector with equal weight on `dims` (all zero when `dims` is empty). */
function unitAlong(rank: number, dims: readonly number[]): Float64Array {
  const v = new Float64Array(rank);
  for (const d of dims) v[d] = 1 / Math.sqrt(dims.length);
  return v;
}

interface Demographics {
  /** +1 male, −1 female. */
  readonly gender: Int8Array;
  /** +1 young, −1 senior. */
  readonly ageGroup: Int8Array;
  readonly attributes: Record<string, Attribute>;
}

/** Exact group sizes (shuffled over users), ages shaped like ML-100K, occupations by age. */
function generateDemographics(c: SyntheticConfig, rng: Rng): Demographics {
  const males = Math.round(c.users * c.maleFraction);
  const young = Math.round(c.users * c.youngFraction);
  const genderOrder = permutation(c.users, rng);
  const ageOrder = permutation(c.users, rng);
  const gender = new Int8Array(c.users);
  const ageGroup = new Int8Array(c.users);
  for (let k = 0; k < c.users; k++) {
    gender[genderOrder[k]] = k < males ? 1 : -1;
    ageGroup[ageOrder[k]] = k < young ? 1 : -1;
  }
  const youngAges = ageTable(c, true);
  const seniorAges = ageTable(c, false);
  const nonAgeBound = c.occupations.filter((o) => o !== "student" && o !== "retired");
  const others = nonAgeBound.length > 0 ? nonAgeBound : c.occupations;
  const age = new Float64Array(c.users);
  const genderValues: string[] = new Array(c.users);
  const occupation: string[] = new Array(c.users);
  for (let u = 0; u < c.users; u++) {
    age[u] = drawFrom(ageGroup[u] === 1 ? youngAges : seniorAges, rng);
    genderValues[u] = gender[u] === 1 ? "M" : "F";
    occupation[u] = drawOccupation(c.occupations, others, age[u], rng);
  }
  return {
    gender,
    ageGroup,
    attributes: {
      gender: { kind: "categorical", values: genderValues },
      age: { kind: "numeric", values: age },
      occupation: { kind: "categorical", values: occupation },
    },
  };
}

interface DiscreteTable {
  readonly values: number[];
  readonly cumulative: number[];
}

/**
 * Integer ages of one group with ML-100K-like weights: the young peak in the mid-twenties
 * (triangular), seniors thin out toward the oldest age (power 1.5 decline).
 */
function ageTable(c: SyntheticConfig, young: boolean): DiscreteTable {
  const lo = young ? c.minAge : Math.max(c.minAge, c.ageThreshold);
  const hi = young ? Math.min(c.maxAge, c.ageThreshold - 1) : c.maxAge;
  const mode = Math.min(Math.max(25, lo), hi);
  const values: number[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (let a = lo; a <= hi; a++) {
    const w = young
      ? a <= mode
        ? (a - lo + 1) / (mode - lo + 1)
        : (hi + 1 - a) / (hi + 1 - mode)
      : (hi + 1 - a) ** 1.5;
    sum += w;
    values.push(a);
    cumulative.push(sum);
  }
  return { values, cumulative: cumulative.map((x) => x / sum) };
}

function drawFrom(table: DiscreteTable, rng: Rng): number {
  const x = rng.next();
  let k = 0;
  while (k < table.cumulative.length - 1 && table.cumulative[k] <= x) k++;
  return table.values[k];
}

/** Students are mostly young, retirees mostly old; everyone else picks uniformly among the rest. */
function drawOccupation(
  occupations: readonly string[],
  others: readonly string[],
  age: number,
  rng: Rng,
): string {
  const x = rng.next();
  if (age < 23 && occupations.includes("student") && x < 0.75) return "student";
  if (age >= 62 && occupations.includes("retired") && x < 0.6) return "retired";
  return others[rng.int(others.length)];
}

function generateUserFactors(
  c: SyntheticConfig,
  demographics: Demographics,
  genderDirection: Float64Array,
  ageDirection: Float64Array,
  rng: Rng,
): Float64Array {
  const r = c.rank;
  const out = new Float64Array(c.users * r);
  for (let u = 0; u < c.users; u++) {
    const g = (c.genderShift / 2) * demographics.gender[u];
    const a = (c.ageShift / 2) * demographics.ageGroup[u];
    for (let d = 0; d < r; d++) {
      out[u * r + d] = rng.normal() + g * genderDirection[d] + a * ageDirection[d];
    }
  }
  return out;
}

interface GeneratedItems {
  readonly factors: Float64Array;
  readonly genderClass: Int8Array;
  readonly ageClass: Int8Array;
  readonly titles: string[];
  readonly genres: GenreMatrix;
}

/** A clear leaning in ±[0.5, 1] for a fraction of items, a weak one in ±0.15 otherwise. */
function drawLeaning(fraction: number, rng: Rng): { leaning: number; cls: number } {
  const sign = rng.next() < 0.5 ? 1 : -1;
  if (rng.next() < fraction) return { leaning: sign * rng.uniform(0.5, 1), cls: sign };
  return { leaning: sign * rng.uniform(0, 0.15), cls: 0 };
}

function generateItems(
  c: SyntheticConfig,
  genderDirection: Float64Array,
  ageDirection: Float64Array,
  rng: Rng,
): GeneratedItems {
  const r = c.rank;
  const nGenres = ML100K_GENRES.length;
  const factors = new Float64Array(c.items * r);
  const genderClass = new Int8Array(c.items);
  const ageClass = new Int8Array(c.items);
  const titles: string[] = new Array(c.items);
  const matrix = new Uint8Array(c.items * nGenres);
  for (let i = 0; i < c.items; i++) {
    const gl = drawLeaning(c.genderLeaningItemFraction, rng);
    const al = drawLeaning(c.ageLeaningItemFraction, rng);
    genderClass[i] = gl.cls;
    ageClass[i] = al.cls;
    for (let d = 0; d < r; d++) {
      factors[i * r + d] =
        rng.normal() +
        c.itemLeaningScale * (gl.leaning * genderDirection[d] + al.leaning * ageDirection[d]);
    }
    // Mostly 1990s films, as in ML-100K, with a tail back to the 1920s.
    const year = Math.max(1922, 1998 - Math.floor(-Math.log(1 - rng.next()) * 7));
    titles[i] = `Synthetic Movie ${i + 1} (${year})`;
    let any = false;
    for (let g = 0; g < nGenres; g++) {
      const logit =
        Math.log(GENRE_BASE[g] / (1 - GENRE_BASE[g])) +
        c.genreLeaningStrength * (gl.leaning * GENRE_GENDER[g] + al.leaning * GENRE_AGE[g]);
      if (rng.next() < 1 / (1 + Math.exp(-logit))) {
        matrix[i * nGenres + g] = 1;
        any = true;
      }
    }
    // Every film has a genre: the one its leaning makes most likely.
    if (!any) matrix[i * nGenres + likeliestGenre(c, gl.leaning, al.leaning)] = 1;
  }
  return { factors, genderClass, ageClass, titles, genres: { names: ML100K_GENRES, matrix } };
}

/** See {@link SyntheticTruth.genreDirections}; no random draws, so the data stay the same. */
function genreDirections(
  c: SyntheticConfig,
  genderDirection: Float64Array,
  ageDirection: Float64Array,
): Float64Array {
  const r = c.rank;
  const out = new Float64Array(ML100K_GENRES.length * r);
  for (let g = 0; g < ML100K_GENRES.length; g++) {
    for (let d = 0; d < r; d++) {
      out[g * r + d] =
        c.genreLeaningStrength *
        (GENRE_GENDER[g] * genderDirection[d] + GENRE_AGE[g] * ageDirection[d]);
    }
  }
  return out;
}

function likeliestGenre(c: SyntheticConfig, gender: number, age: number): number {
  let best = 1;
  let bestLogit = Number.NEGATIVE_INFINITY;
  for (let g = 1; g < GENRE_BASE.length; g++) {
    const logit =
      Math.log(GENRE_BASE[g] / (1 - GENRE_BASE[g])) +
      c.genreLeaningStrength * (gender * GENRE_GENDER[g] + age * GENRE_AGE[g]);
    if (logit > bestLogit) {
      bestLogit = logit;
      best = g;
    }
  }
  return best;
}

/** Item bias: noise plus a liking for popular items (as in real data, hits are rated higher). */
function itemBiases(c: SyntheticConfig, popularity: Float64Array, rng: Rng): Float64Array {
  const n = popularity.length;
  const logs = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    logs[i] = Math.log(popularity[i]);
    mean += logs[i] / n;
  }
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (logs[i] - mean) ** 2 / n;
  const sd = Math.sqrt(variance) || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = c.itemBiasSd * rng.normal() + (c.popularityBias * (logs[i] - mean)) / sd;
  }
  return out;
}

function latentScores(
  c: SyntheticConfig,
  pairs: SampledPairs,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  userBias: Float64Array,
  itemBias: Float64Array,
  rng: Rng,
): Float64Array {
  const r = c.rank;
  const weight = c.interactionWeight / Math.sqrt(r);
  const n = pairs.user.length;
  const scores = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = pairs.user[k];
    const i = pairs.item[k];
    let dot = 0;
    for (let d = 0; d < r; d++) dot += userFactors[u * r + d] * itemFactors[i * r + d];
    scores[k] = userBias[u] + itemBias[i] + weight * dot + c.noiseSd * rng.normal();
  }
  return scores;
}

/** Largest sample sorted to find cut points; beyond it quantiles are estimated from a subsample. */
const QUANTILE_SAMPLE = 200_000;

/** Cut points so that the rating values get the target shares (estimated on ≤ 200k scores). */
function quantileThresholds(
  scores: Float64Array,
  shares: readonly number[],
  rng: Rng,
): Float64Array {
  const n = scores.length;
  let sample: Float64Array;
  if (n <= QUANTILE_SAMPLE) sample = Float64Array.from(scores);
  else {
    sample = new Float64Array(QUANTILE_SAMPLE);
    for (let k = 0; k < QUANTILE_SAMPLE; k++) sample[k] = scores[rng.int(n)];
  }
  sample.sort();
  const thresholds = new Float64Array(shares.length - 1);
  let cumulative = 0;
  for (let level = 0; level < shares.length - 1; level++) {
    cumulative += shares[level];
    const position = Math.min(
      sample.length - 1,
      Math.max(0, Math.round(cumulative * sample.length) - 1),
    );
    thresholds[level] = sample[position];
  }
  return thresholds;
}

/**
 * Rating values from scores (a score above cut k rates at least min + k + 1). Ratings stay
 * grouped by user: a global shuffle cost a second at 5.8M ratings for nothing, since PMF and
 * the splitters draw their own random orders.
 */
function discretize(
  pairs: SampledPairs,
  scores: Float64Array,
  thresholds: Float64Array,
  ratingMin: number,
): Dataset["ratings"] {
  const n = scores.length;
  const value = new Float32Array(n);
  const cuts = thresholds.length;
  for (let k = 0; k < n; k++) {
    const s = scores[k];
    let level = 0;
    while (level < cuts && s > thresholds[level]) level++;
    value[k] = ratingMin + level;
  }
  return { user: pairs.user, item: pairs.item, value };
}

/** Per item, `scale` × its component along `direction`. */
function projectGap(
  factors: Float64Array,
  rank: number,
  direction: Float64Array,
  scale: number,
): Float64Array {
  const n = factors.length / rank;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let dot = 0;
    for (let d = 0; d < rank; d++) dot += factors[i * rank + d] * direction[d];
    out[i] = scale * dot;
  }
  return out;
}
