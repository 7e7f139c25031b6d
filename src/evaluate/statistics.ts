/**
 * Statistics for comparisons over seeds: a per-metric summary (mean, sample std), the Student
 * t quantile, and the paired DeepUnHide-minus-other comparison with its 95% interval. The
 * honesty rule of the design: "better" is claimed only where the interval excludes zero.
 */

import { ConfigError } from "../errors.js";
import type { PairedComparison, RankingMethod, SeedSummary, Verdict } from "./experiments/types.js";

/**
 * Mean and sample standard deviation (n − 1) of one metric over seeds. The standard
 * deviation is NaN for a single seed (nothing to spread) and both are NaN for none.
 * NaN values propagate: a failed seed is not silently dropped.
 */
export function summarizeSeeds(values: readonly number[]): SeedSummary {
  const n = values.length;
  const mean = n > 0 ? sum(values) / n : Number.NaN;
  let squares = 0;
  // Two passes: the one-pass formula cancels badly when the spread is tiny next to the mean,
  // which is the usual case for accuracies over seeds.
  for (const v of values) squares += (v - mean) ** 2;
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : Number.NaN;
  return { values: [...values], mean, std };
}

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom (df > 0, not
 * necessarily an integer; `Infinity` gives the normal quantile). Accurate to about 1e-10
 * relative (1e-14 for small df): the upper tail P(T > t) = ½·I_{df/(df+t²)}(df/2, ½) is evaluated with the
 * regularized incomplete beta function and inverted by bisection on t, which cannot fail to
 * converge the way Newton can in the heavy tails of small df.
 * Known values: t(0.975, 1) = 12.7062, df 2: 4.3027, df 9: 2.2622, df 30: 2.0423, ∞: 1.95996.
 * @throws ConfigError when p is outside [0, 1] or df is not positive.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1)) throw new ConfigError(`t quantile needs p in [0, 1], got ${p}`);
  if (!(df > 0)) throw new ConfigError(`t quantile needs df > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 1) return Number.POSITIVE_INFINITY;
  // For large df, ln Γ(df/2 + ½) − ln Γ(df/2) in the beta path cancels (relative error
  // ~1e-16·df), while the Cornish–Fisher series' first omitted term (order df⁻⁵) is < 1e-20.
  if (df > 1e5) return cornishFisher(normalQuantile(p), df);
  const tail = 1 - p;
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Number.POSITIVE_INFINITY;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (studentTUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** P(T > t) for t ≥ 0. Both beta arguments are passed so neither is formed as 1 − (the other). */
function studentTUpperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * regularizedIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/**
 * I_x(a, b) with y = 1 − x given separately for precision, by the continued fraction
 * (modified Lentz), on whichever side converges fast (Numerical Recipes §6.4).
 */
function regularizedIncompleteBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y),
  );
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; ~1e-15 relative). */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

/** t quantile from the normal one, series in 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Standard normal quantile (Wichura's AS 241, ~1e-16 relative). */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(AS241_A, r)) / polynomial(AS241_B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x =
    r <= 5
      ? polynomial(AS241_C, r - 1.6) / polynomial(AS241_D, r - 1.6)
      : polynomial(AS241_E, r - 5) / polynomial(AS241_F, r - 5);
  return q < 0 ? -x : x;
}

/** Σ c_i·x^i by Horner's rule, coefficients from the constant term up. */
function polynomial(c: readonly number[], x: number): number {
  let s = 0;
  for (let i = c.length - 1; i >= 0; i--) s = s * x + c[i];
  return s;
}

// AS 241 (PPND16) coefficients, constant term first, rounded to the nearest double.
const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const AS241_B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852546,
];
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const AS241_D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const AS241_F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

/**
 * DeepUnHide against another method on one metric, paired by seed: the differences
 * deep[s] − other[s], their mean, and the two-sided 95% Student-t interval
 * mean ± t(0.975, n − 1)·sd/√n. The verdict is `wins` when the interval lies above zero,
 * `loses` when below, else `ties`.
 *
 * Edge cases, chosen so that no claim is made without evidence:
 * - any NaN value (a failed seed): every number is NaN and the verdict is `ties`;
 * - fewer than two seeds: the mean is reported but the interval is NaN (no spread can be
 *   estimated from one difference) and the verdict is `ties`;
 * - zero variance with n ≥ 2 (every seed gives the same difference, e.g. a deterministic
 *   classifier that the seed does not touch): the interval collapses to the mean, so the
 *   verdict follows its sign (`ties` when the mean is exactly 0). The difference is then
 *   exact for this split rather than noisy, which is what the collapsed interval says.
 * @throws ConfigError when the two arrays differ in length.
 */
export function pairedComparison(
  deep: readonly number[],
  other: readonly number[],
  against: RankingMethod,
  metric: PairedComparison["metric"],
): PairedComparison {
  if (deep.length !== other.length) {
    throw new ConfigError(
      `paired comparison needs one value per seed on both sides, got ${deep.length} and ${other.length}`,
    );
  }
  const n = deep.length;
  const differences = deep.map((d, s) => d - other[s]);
  const { mean, std } = summarizeSeeds(differences);
  let ciLow = Number.NaN;
  let ciHigh = Number.NaN;
  if (n >= 2 && !Number.isNaN(std)) {
    const half = (studentTQuantile(0.975, n - 1) * std) / Math.sqrt(n);
    ciLow = mean - half;
    ciHigh = mean + half;
  }
  return {
    against,
    metric,
    meanDifference: mean,
    ciLow,
    ciHigh,
    n,
    verdict: verdict(ciLow, ciHigh),
  };
}

/** `wins` / `loses` only when the interval excludes zero; NaN bounds compare false → `ties`. */
function verdict(ciLow: number, ciHigh: number): Verdict {
  if (ciLow > 0) return "wins";
  if (ciHigh < 0) return "loses";
  return "ties";
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
