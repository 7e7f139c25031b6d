/**
 * The "entropy" baseline of the paper: the mutual information between each factor and the
 * group, estimated the way scikit-learn's `mutual_info_classif` does (continuous features,
 * discrete target): the k-nearest-neighbour estimator of Ross (2014), "Mutual Information
 * between Discrete and Continuous Data Sets", PLoS ONE 9(2).
 *
 * For each sample i of group c: d_i is the distance to its k-th nearest neighbour within its
 * own group (k = min(neighbors, N_c − 1)), m_i the number of samples of the whole set
 * strictly closer than d_i (itself included), and
 *
 *   MI = ψ(N) + ⟨ψ(k)⟩ − ⟨ψ(N_c)⟩ − ⟨ψ(m)⟩, clipped at 0 (nats),
 *
 * with ⟨·⟩ the mean over samples. Samples of a group with a single member are left out, as
 * in scikit-learn. In one dimension the neighbours of a point are adjacent to it in sorted
 * order, so sorting replaces the KD-tree: O(N log N) per factor.
 */

import { ConfigError } from "../errors.js";
import type { Rng } from "../util/rng.js";
import { digamma } from "./digamma.js";
import { checkRankingInput, type RankingInput } from "./rankingInput.js";

/** scikit-learn's default number of neighbours. */
export const DEFAULT_MI_NEIGHBORS = 3;

/** Relative size of the tie-breaking jitter, scikit-learn's constant. */
const JITTER = 1e-10;

/** Reusable buffers for {@link miOfColumn}, so scoring k factors allocates once. */
interface Workspace {
  /** Values grouped by label, each group's segment sorted. */
  readonly grouped: Float64Array;
  /** All kept values, sorted, for the radius counts. */
  readonly sorted: Float64Array;
  /** Per label: number of samples, then start of its segment in `grouped`. */
  readonly counts: Int32Array;
  readonly starts: Int32Array;
  readonly fill: Int32Array;
  /** psi[m] = ψ(m) for m = 0..n: the counts m are integers, so look them up. */
  readonly psi: Float64Array;
}

function createWorkspace(n: number): Workspace {
  const psi = new Float64Array(n + 1);
  for (let m = 0; m <= n; m++) psi[m] = digamma(m);
  return {
    psi,
    grouped: new Float64Array(n),
    sorted: new Float64Array(n),
    counts: new Int32Array(256),
    starts: new Int32Array(256),
    fill: new Int32Array(256),
  };
}

/**
 * Number of entries of the ascending array `a` (first `n` entries) within distance `d` of
 * `v`: |a − v| < d when d > 0, a = v when d = 0. That is scikit-learn's radius query with
 * radius nextafter(d, 0), which turns its inclusive test into a strict one. Both bounds
 * test the same differences the neighbour distance was computed from, so the k-th
 * neighbour itself is never counted through rounding.
 */
function countWithin(a: Float64Array, n: number, v: number, d: number): number {
  const strict = d > 0;
  // First index whose entry is not too far below v.
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const below = v - a[mid];
    if (strict ? below >= d : below > 0) lo = mid + 1;
    else hi = mid;
  }
  const left = lo;
  // First index whose entry is too far above v.
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const above = a[mid] - v;
    if (strict ? above < d : above <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo - left;
}

function miOfColumn(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  neighbors: number,
  ws: Workspace,
): number {
  const n = values.length;
  const { grouped, sorted, counts, starts, fill, psi } = ws;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[labels[i]]++;
  let kept = 0;
  for (let c = 0; c < 256; c++) {
    starts[c] = kept;
    fill[c] = kept;
    if (counts[c] > 1) kept += counts[c];
  }
  if (kept === 0) return 0;
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (counts[c] > 1) grouped[fill[c]++] = values[i];
  }
  sorted.set(grouped.subarray(0, kept));
  sorted.subarray(0, kept).sort();

  let sumPsiK = 0;
  let sumPsiCount = 0;
  let sumPsiM = 0;
  for (let c = 0; c < 256; c++) {
    const count = counts[c];
    if (count <= 1) continue;
    const start = starts[c];
    const end = start + count;
    grouped.subarray(start, end).sort();
    const k = Math.min(neighbors, count - 1);
    sumPsiK += count * psi[k];
    sumPsiCount += count * psi[count];
    for (let p = start; p < end; p++) {
      const v = grouped[p];
      // The k nearest neighbours within the group are the k closest of the sorted
      // neighbours on either side: merge outward from p.
      let left = p - 1;
      let right = p + 1;
      let d = 0;
      for (let step = 0; step < k; step++) {
        const dl = left >= start ? v - grouped[left] : Number.POSITIVE_INFINITY;
        const dr = right < end ? grouped[right] - v : Number.POSITIVE_INFINITY;
        if (dl <= dr) {
          d = dl;
          left--;
        } else {
          d = dr;
          right++;
        }
      }
      sumPsiM += psi[countWithin(sorted, kept, v, d)];
    }
  }
  const mi = psi[kept] + (sumPsiK - sumPsiCount - sumPsiM) / kept;
  return Math.max(0, mi);
}

/**
 * The k-NN mutual information (nats) between one continuous variable and a discrete label
 * (any values 0..255), exactly as scikit-learn's `_compute_mi_cd` computes it on the values
 * given: no scaling and no jitter (see {@link mutualInformationScores} for those).
 */
export function mutualInformation1d(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  neighbors = DEFAULT_MI_NEIGHBORS,
): number {
  checkNeighbors(neighbors);
  if (labels.length !== values.length) {
    throw new ConfigError(
      `mutualInformation1d: ${values.length} values but ${labels.length} labels`,
    );
  }
  return miOfColumn(values, labels, neighbors, createWorkspace(values.length));
}

function checkNeighbors(neighbors: number): void {
  if (!Number.isInteger(neighbors) || neighbors < 1) {
    throw new ConfigError(`mutual information neighbors must be an integer ≥ 1, got ${neighbors}`);
  }
}

/**
 * Mutual information between each factor and the group over the training rows, as
 * scikit-learn's `mutual_info_classif(X, y, n_neighbors=neighbors)`: each factor is divided
 * by its population standard deviation (no centring; a constant factor is left as is), then
 * jittered by 1e-10 · max(1, mean |x_j|) · N(0, 1) drawn from `rng` (row by row, like
 * NumPy's row-major noise matrix) so that tied values get distinct neighbours. The estimate
 * itself does not depend on the scale; the jitter only breaks ties. Same `rng` seed, same
 * scores. Higher = more informative.
 */
export function mutualInformationScores(
  input: RankingInput,
  rng: Rng,
  neighbors = DEFAULT_MI_NEIGHBORS,
): Float64Array {
  checkRankingInput(input, "mutualInformationScores", true);
  checkNeighbors(neighbors);
  const { x, k, labels, rows } = input;
  const n = rows.length;
  // Column-major copy of the training block: each factor's values contiguous.
  const columns = new Float64Array(n * k);
  const groups = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const base = rows[r] * k;
    groups[r] = labels[rows[r]];
    for (let j = 0; j < k; j++) columns[j * n + r] = x[base + j];
  }
  const jitter = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const column = columns.subarray(j * n, (j + 1) * n);
    let mean = 0;
    for (let r = 0; r < n; r++) mean += column[r];
    mean /= n;
    let sumSquares = 0;
    for (let r = 0; r < n; r++) sumSquares += (column[r] - mean) ** 2;
    const sd = Math.sqrt(sumSquares / n);
    const scale = sd > 0 ? sd : 1;
    let meanAbs = 0;
    for (let r = 0; r < n; r++) {
      column[r] /= scale;
      meanAbs += Math.abs(column[r]);
    }
    jitter[j] = JITTER * Math.max(1, meanAbs / n);
  }
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) columns[j * n + r] += jitter[j] * rng.normal();
  }
  const ws = createWorkspace(n);
  const scores = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    scores[j] = miOfColumn(columns.subarray(j * n, (j + 1) * n), groups, neighbors, ws);
  }
  return scores;
}
