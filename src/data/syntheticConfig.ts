/**
 * Configuration of the synthetic dataset generator: every size and strength is a parameter,
 * the defaults give a MovieLens-100K-shaped dataset with a planted demographic signal.
 */

import { ConfigError } from "../errors.js";

/** Parameters of `generateSynthetic`. */
export interface SyntheticConfig {
  /** Number of users. */
  readonly users: number;
  /** Number of items. */
  readonly items: number;
  /** Exact number of distinct (user, item) ratings. */
  readonly ratings: number;
  /** Every user rates at least this many items. */
  readonly minRatingsPerUser: number;
  /** No user rates more than this fraction of the items (ML-100K: 737 of 1682, 0.44). */
  readonly maxUserFraction: number;
  /**
   * Spread of user activity: extra ratings beyond the minimum are shared in proportion to
   * exp(σ·z), z standard normal. Larger means a heavier tail of very active users.
   */
  readonly userActivitySigma: number;
  /**
   * Skew of item popularity: items are drawn with weight exp(σ·z), z standard normal. A
   * log-normal rather than a pure Zipf law, because real catalogues have both a heavy head and
   * a long tail of items rated once or twice (ML-100K: max 583, median 27, 141 items rated
   * once), which a Zipf law with one exponent cannot give at the same time.
   */
  readonly itemPopularitySigma: number;
  /** Rank r of the planted taste model. */
  readonly rank: number;
  /** How many of the r latent directions carry the gender mean shift (the first ones). */
  readonly genderDims: number;
  /** How many latent directions carry the age mean shift (right after the gender ones). */
  readonly ageDims: number;
  /** Fraction of users who are male (exact up to rounding). */
  readonly maleFraction: number;
  /** Fraction of users younger than {@link SyntheticConfig.ageThreshold} (exact up to rounding). */
  readonly youngFraction: number;
  /** Age that splits young from senior (AGE_RULE uses 40). */
  readonly ageThreshold: number;
  /** Youngest age generated. */
  readonly minAge: number;
  /** Oldest age generated. */
  readonly maxAge: number;
  /**
   * Distance between the male and the female mean along the gender direction of the user
   * taste space, in units of the per-dimension taste standard deviation (1).
   */
  readonly genderShift: number;
  /** Same as {@link SyntheticConfig.genderShift}, between young and senior users. */
  readonly ageShift: number;
  /** Fraction of items built to lean clearly male or female (the others lean weakly). */
  readonly genderLeaningItemFraction: number;
  /** Fraction of items built to lean clearly young or senior. */
  readonly ageLeaningItemFraction: number;
  /** Length of a clearly leaning item's component along the gender (or age) direction. */
  readonly itemLeaningScale: number;
  /** Weight of the taste term (p·q/√r) in the latent score. */
  readonly interactionWeight: number;
  /** Standard deviation of the user bias in the latent score. */
  readonly userBiasSd: number;
  /** Standard deviation of the item bias in the latent score. */
  readonly itemBiasSd: number;
  /** How much more popular items are liked (weight of standardized log popularity in the item bias). */
  readonly popularityBias: number;
  /** Standard deviation of the per-rating noise in the latent score. */
  readonly noiseSd: number;
  /** Lowest rating value (integer). */
  readonly ratingMin: number;
  /** Highest rating value (integer). */
  readonly ratingMax: number;
  /**
   * Share of each rating value, lowest first (length ratingMax − ratingMin + 1), or undefined
   * for ML-100K's shape stretched to the scale. Latent scores are cut at the matching quantiles.
   */
  readonly ratingDistribution: readonly number[] | undefined;
  /** How strongly item genres follow the item's construction leaning (logit units). */
  readonly genreLeaningStrength: number;
  /** Occupation values; "student" and "retired", if present, go preferably to the young and old. */
  readonly occupations: readonly string[];
  /** Seed used when `generateSynthetic` gets none. */
  readonly seed: number;
}

/**
 * Defaults: MovieLens 100K's shape (943 × 1682, 100,000 ratings, ≥ 20 per user, 71% male,
 * 69% under 40, ages 7–73, ratings 1–5 with ML-100K's value shares, mean ≈ 3.53), rank 8 with
 * 2 gender and 2 age directions.
 *
 * The shifts are sized so PMF factors (K = 100, 40 epochs) carry gender well enough for the
 * paper's MLN to reach a balanced accuracy of 0.88–0.93 on held-out users (seeds 7–10; real
 * ML-100K gives about 0.64), and age about 0.76–0.79. One rating says little: even knowing
 * which way an item leans, a single rating separates men from women with a ROC AUC of only
 * about 0.68, so the signal lives in many ratings, as the method assumes.
 */
export const DEFAULT_SYNTHETIC_CONFIG: Readonly<SyntheticConfig> = Object.freeze({
  users: 943,
  items: 1682,
  ratings: 100_000,
  minRatingsPerUser: 20,
  maxUserFraction: 0.44,
  userActivitySigma: 1.1,
  itemPopularitySigma: 1.5,
  rank: 8,
  genderDims: 2,
  ageDims: 2,
  maleFraction: 0.71,
  youngFraction: 0.69,
  ageThreshold: 40,
  minAge: 7,
  maxAge: 73,
  genderShift: 3.0,
  ageShift: 2.0,
  genderLeaningItemFraction: 0.4,
  ageLeaningItemFraction: 0.4,
  itemLeaningScale: 1.5,
  interactionWeight: 1.0,
  userBiasSd: 0.4,
  itemBiasSd: 0.5,
  popularityBias: 0.25,
  noiseSd: 0.8,
  ratingMin: 1,
  ratingMax: 5,
  ratingDistribution: undefined,
  genreLeaningStrength: 1.5,
  occupations: Object.freeze([
    "student",
    "other",
    "educator",
    "administrator",
    "engineer",
    "programmer",
    "librarian",
    "writer",
    "executive",
    "scientist",
    "artist",
    "technician",
    "marketing",
    "healthcare",
    "retired",
  ]),
  seed: 7,
});

/** The real datasets whose shape the synthetic generator can take by name. */
export type SyntheticPreset = "ml-100k" | "ml-1m" | "mal";

/**
 * Sizes of the synthetic generator at real datasets' shapes; every other setting (the planted
 * group structure, shifts, leanings, noise) stays at {@link DEFAULT_SYNTHETIC_CONFIG}.
 * - `ml-100k`: the defaults (943 × 1,682, 100,000 ratings on 1–5).
 * - `ml-1m`: MovieLens 1M's shape, 6,040 users × 3,706 items, 1,000,209 ratings on 1–5.
 * - `mal`: the paper's MyAnimeList (§3, Table 1), 69,600 users × 9,927 items, 5,788,207
 *   ratings on 1–10, with ML-100K's value shares stretched over 1–10 (the real MyAnimeList
 *   leans higher; the method does not depend on the shares).
 */
export const SYNTHETIC_PRESETS: Readonly<
  Record<SyntheticPreset, Readonly<Partial<SyntheticConfig>>>
> = Object.freeze({
  "ml-100k": Object.freeze({}),
  "ml-1m": Object.freeze({ users: 6040, items: 3706, ratings: 1_000_209 }),
  mal: Object.freeze({
    users: 69_600,
    items: 9_927,
    ratings: 5_788_207,
    ratingMin: 1,
    ratingMax: 10,
  }),
});

/** ML-100K's rating shares for 1..5 (6110, 11370, 27145, 34174, 21201 of 100,000). */
const ML100K_RATING_SHARES = [0.0611, 0.1137, 0.27145, 0.34174, 0.21201];

/**
 * Share of each rating value: the configured one, or ML-100K's cumulative shape stretched
 * piecewise-linearly over the scale (for 1..5 exactly ML-100K's shares).
 */
export function ratingShares(config: SyntheticConfig): number[] {
  const levels = config.ratingMax - config.ratingMin + 1;
  if (config.ratingDistribution !== undefined) {
    const sum = config.ratingDistribution.reduce((a, b) => a + b, 0);
    return config.ratingDistribution.map((p) => p / sum);
  }
  const knots = [0];
  for (const share of ML100K_RATING_SHARES) knots.push(knots[knots.length - 1] + share);
  const cdf = (x: number): number => {
    const position = x * ML100K_RATING_SHARES.length;
    const k = Math.min(Math.floor(position), ML100K_RATING_SHARES.length - 1);
    return knots[k] + (knots[k + 1] - knots[k]) * (position - k);
  };
  const shares: number[] = [];
  for (let level = 0; level < levels; level++) {
    shares.push(cdf((level + 1) / levels) - cdf(level / levels));
  }
  return shares;
}

/** Fills unset fields from the defaults and validates the result; a {@link ConfigError} otherwise. */
export function resolveSyntheticConfig(
  config: Partial<SyntheticConfig> = {},
  seed?: number,
): SyntheticConfig {
  const resolved: SyntheticConfig = {
    ...DEFAULT_SYNTHETIC_CONFIG,
    ...stripUndefined(config),
    ...(seed !== undefined ? { seed } : {}),
  };
  validateSyntheticConfig(resolved);
  return resolved;
}

function stripUndefined(config: Partial<SyntheticConfig>): Partial<SyntheticConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined || key === "ratingDistribution") out[key] = value;
  }
  return out as Partial<SyntheticConfig>;
}

/** Throws {@link ConfigError} naming the first invalid or infeasible setting. */
export function validateSyntheticConfig(c: SyntheticConfig): void {
  const positiveInts: (keyof SyntheticConfig)[] = [
    "users",
    "items",
    "ratings",
    "minRatingsPerUser",
    "rank",
  ];
  for (const key of positiveInts) requireInt(key, c[key] as number, 1);
  requireInt("genderDims", c.genderDims, 0);
  requireInt("ageDims", c.ageDims, 0);
  requireInt("ratingMin", c.ratingMin, Number.MIN_SAFE_INTEGER);
  requireInt("ratingMax", c.ratingMax, Number.MIN_SAFE_INTEGER);
  requireInt("seed", c.seed, Number.MIN_SAFE_INTEGER);
  const fractions: (keyof SyntheticConfig)[] = [
    "maleFraction",
    "youngFraction",
    "genderLeaningItemFraction",
    "ageLeaningItemFraction",
  ];
  for (const key of fractions) requireRange(key, c[key] as number, 0, 1);
  requireRange("maxUserFraction", c.maxUserFraction, Number.MIN_VALUE, 1);
  const nonNegative: (keyof SyntheticConfig)[] = [
    "userActivitySigma",
    "itemPopularitySigma",
    "genderShift",
    "ageShift",
    "itemLeaningScale",
    "interactionWeight",
    "userBiasSd",
    "itemBiasSd",
    "popularityBias",
    "noiseSd",
    "genreLeaningStrength",
  ];
  for (const key of nonNegative) requireRange(key, c[key] as number, 0, Number.MAX_VALUE);
  if (c.users < 2) throw new ConfigError(`synthetic users must be at least 2, got ${c.users}`);
  if (c.genderDims + c.ageDims > c.rank) {
    throw new ConfigError(
      `synthetic genderDims + ageDims (${c.genderDims} + ${c.ageDims}) exceed the rank ${c.rank}`,
    );
  }
  if (c.ratingMax <= c.ratingMin) {
    throw new ConfigError(
      `synthetic ratingMax (${c.ratingMax}) must exceed ratingMin (${c.ratingMin})`,
    );
  }
  if (c.ratings > c.users * c.items) {
    throw new ConfigError(
      `synthetic ratings (${c.ratings}) exceed users × items (${c.users} × ${c.items} = ${c.users * c.items}): pairs must be distinct`,
    );
  }
  if (c.users * c.minRatingsPerUser > c.ratings) {
    throw new ConfigError(
      `synthetic users × minRatingsPerUser (${c.users} × ${c.minRatingsPerUser}) exceed ratings (${c.ratings})`,
    );
  }
  if (c.minRatingsPerUser > c.items) {
    throw new ConfigError(
      `synthetic minRatingsPerUser (${c.minRatingsPerUser}) exceeds the number of items (${c.items})`,
    );
  }
  if (c.items > c.ratings) {
    throw new ConfigError(
      `synthetic items (${c.items}) exceed ratings (${c.ratings}): every item needs a rating`,
    );
  }
  if (!(c.minAge <= c.maxAge) || !Number.isInteger(c.minAge) || !Number.isInteger(c.maxAge)) {
    throw new ConfigError(
      `synthetic ages need integers minAge ≤ maxAge, got ${c.minAge}..${c.maxAge}`,
    );
  }
  if (c.youngFraction > 0 && c.minAge >= c.ageThreshold) {
    throw new ConfigError(
      `synthetic youngFraction > 0 needs minAge (${c.minAge}) below ageThreshold (${c.ageThreshold})`,
    );
  }
  if (c.youngFraction < 1 && c.maxAge < c.ageThreshold) {
    throw new ConfigError(
      `synthetic youngFraction < 1 needs maxAge (${c.maxAge}) ≥ ageThreshold (${c.ageThreshold})`,
    );
  }
  const levels = c.ratingMax - c.ratingMin + 1;
  if (c.ratingDistribution !== undefined) {
    const shares = c.ratingDistribution;
    if (
      shares.length !== levels ||
      shares.some((p) => !(p >= 0)) ||
      !(shares.reduce((a, b) => a + b, 0) > 0)
    ) {
      throw new ConfigError(
        `synthetic ratingDistribution needs ${levels} non-negative shares (one per value ${c.ratingMin}..${c.ratingMax}) with a positive sum`,
      );
    }
  }
  if (c.occupations.length === 0) throw new ConfigError("synthetic occupations must not be empty");
}

function requireInt(key: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(`synthetic ${key} must be an integer ≥ ${min}, got ${value}`);
  }
}

function requireRange(key: string, value: number, min: number, max: number): void {
  if (typeof value !== "number" || !(value >= min && value <= max)) {
    throw new ConfigError(`synthetic ${key} must be a number in [${min}, ${max}], got ${value}`);
  }
}
