/**
 * Random forest classifier (paper §3.3, E3): bagged CART trees with Gini impurity and a
 * random subset of features tried at each split, as scikit-learn's
 * `RandomForestClassifier`. Written in-house because ml-random-forest takes 11–30 s per fit
 * on 755 × 100 (research/ts-stack.md) and E3 fits one forest per ranking, seed and
 * attribute.
 *
 * Speed comes from ranking every feature's training values once per forest: at a node, the
 * rows are ordered along a candidate feature by sorting their integer ranks (a native
 * numeric sort, no comparator), then one linear scan evaluates every threshold. A bootstrap
 * sample is held as a count per distinct training row (a weight), which gives the same
 * splits as duplicated rows with ~37% fewer rows to sort.
 *
 * Storage is flat: all trees' nodes live in shared typed arrays, children by index, leaves
 * marked by feature −1.
 */

import { ConfigError } from "../../errors.js";
import { withDefaults } from "../../util/defaults.js";
import type { Rng } from "../../util/rng.js";
import { type BinaryClassifier, checkClassifierData } from "./binaryClassifier.js";

/** Hyper-parameters of {@link fitRandomForest}. */
export interface RandomForestConfig {
  /** Number of trees. */
  readonly trees: number;
  /** Features tried per split: "sqrt" for ⌊√width⌋ (at least 1), or a count in 1..width. */
  readonly maxFeatures: "sqrt" | number;
  /** Maximum depth of a tree (the root has depth 0); Infinity for none. */
  readonly maxDepth: number;
  /**
   * Minimum number of distinct training rows in a leaf (a row drawn several times by the
   * bootstrap counts once, as in scikit-learn, which passes the draws as sample weights).
   */
  readonly minSamplesLeaf: number;
  /** Fit each tree on a bootstrap sample (n draws with replacement) rather than all rows. */
  readonly bootstrap: boolean;
}

/**
 * Defaults: scikit-learn's `RandomForestClassifier()` — 100 trees, √width features per
 * split, unlimited depth, one sample per leaf, bootstrap — the setting an E3 reproduction
 * in Python would use; the paper gives no hyper-parameters.
 */
export const DEFAULT_RANDOM_FOREST_CONFIG: RandomForestConfig = Object.freeze({
  trees: 100,
  maxFeatures: "sqrt",
  maxDepth: Number.POSITIVE_INFINITY,
  minSamplesLeaf: 1,
  bootstrap: true,
});

/** A fitted forest, as flat node arrays shared by all trees. */
export interface RandomForest {
  /** Number of input columns. */
  readonly width: number;
  /** Node index of each tree's root. */
  readonly roots: Int32Array;
  /** Feature tested at each node; −1 at a leaf. */
  readonly feature: Int32Array;
  /** A row goes left when its feature value is ≤ the threshold (NaN goes right). */
  readonly threshold: Float64Array;
  /** Index of the left child (−1 at a leaf). */
  readonly left: Int32Array;
  /** Index of the right child (−1 at a leaf). */
  readonly right: Int32Array;
  /** Weighted fraction of class 1 among the node's training rows (used at leaves). */
  readonly value: Float64Array;
}

function resolveConfig(config: Partial<RandomForestConfig> | undefined): RandomForestConfig {
  const c = withDefaults(DEFAULT_RANDOM_FOREST_CONFIG, config);
  if (!Number.isInteger(c.trees) || c.trees < 1) {
    throw new ConfigError(`random forest trees must be a positive integer, got ${c.trees}`);
  }
  if (c.maxFeatures !== "sqrt" && !(Number.isInteger(c.maxFeatures) && c.maxFeatures >= 1)) {
    throw new ConfigError(
      `random forest maxFeatures must be "sqrt" or a positive integer, got ${c.maxFeatures}`,
    );
  }
  if (!(c.maxDepth >= 0) || (Number.isFinite(c.maxDepth) && !Number.isInteger(c.maxDepth))) {
    throw new ConfigError(
      `random forest maxDepth must be a non-negative integer or Infinity, got ${c.maxDepth}`,
    );
  }
  if (!Number.isInteger(c.minSamplesLeaf) || c.minSamplesLeaf < 1) {
    throw new ConfigError(
      `random forest minSamplesLeaf must be a positive integer, got ${c.minSamplesLeaf}`,
    );
  }
  return c;
}

/**
 * Break-even of the two row orderings in {@link growTree}: walk when size·log₂(size) > this ·
 * n. Measured on 660 × 50 and × 100, 100 trees: 0.5–1 are fastest (−15% against sorting
 * everywhere); 0.1 is 60% slower.
 */
const SCAN_FACTOR = 1;

/** Per-forest data: the training rows column-major, and each feature's order of its values. */
interface Presorted {
  readonly n: number;
  /** Column-major copy of the training rows: column f at [f·n, (f+1)·n). */
  readonly columns: Float64Array;
  readonly y: Uint8Array;
  /** rank[f·n + i]: position of local row i when column f is sorted ascending. */
  readonly rank: Int32Array;
  /** order[f·n + k]: the local row at position k of column f sorted ascending. */
  readonly order: Int32Array;
}

function presort(x: Float64Array, width: number, labels: Uint8Array, rows: Int32Array): Presorted {
  const n = rows.length;
  const columns = new Float64Array(width * n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const base = rows[i] * width;
    y[i] = labels[rows[i]];
    for (let f = 0; f < width; f++) {
      const v = x[base + f];
      // A NaN would make the presort comparator inconsistent and every split on it arbitrary.
      if (!Number.isFinite(v)) {
        throw new ConfigError(`random forest input row ${rows[i]}, column ${f} is ${v}`);
      }
      columns[f * n + i] = v;
    }
  }
  const rank = new Int32Array(width * n);
  const order = new Int32Array(width * n);
  const scratch = new Int32Array(n);
  for (let f = 0; f < width; f++) {
    const offset = f * n;
    for (let i = 0; i < n; i++) scratch[i] = i;
    scratch.sort((a, b) => columns[offset + a] - columns[offset + b]);
    order.set(scratch, offset);
    for (let k = 0; k < n; k++) rank[offset + scratch[k]] = k;
  }
  return { n, columns, y, rank, order };
}

/** Growable-free node storage: capacity is known in advance (≤ 2·rows − 1 nodes per tree). */
interface NodeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  count: number;
}

/** Scratch buffers reused by every node of every tree. */
interface Workspace {
  readonly keys: Int32Array;
  readonly sorted: Int32Array;
  readonly features: Int32Array;
  /** Stack of (node, start, end, depth) quadruples. */
  readonly stack: Int32Array;
  /** mark[row] === stamp when the row belongs to the node being split. */
  readonly mark: Int32Array;
  stamp: number;
}

/**
 * Grows one tree over the local rows `members[0..m)` with weights `weight`, appending its
 * nodes to `nodes`; returns the root's index. Depth-first with an explicit stack; each node
 * owns a contiguous range of `members`, partitioned in place when it splits.
 */
function growTree(
  data: Presorted,
  width: number,
  weight: Float64Array,
  members: Int32Array,
  m: number,
  c: RandomForestConfig,
  mtry: number,
  nodes: NodeArrays,
  ws: Workspace,
  rng: Rng,
): number {
  const { n, columns, y, rank, order } = data;
  const { keys, sorted, features, stack, mark } = ws;
  let stamp = ws.stamp;
  const minLeaf = c.minSamplesLeaf;
  for (let f = 0; f < width; f++) features[f] = f;

  const root = nodes.count++;
  let top = 0;
  stack[top++] = root;
  stack[top++] = 0;
  stack[top++] = m;
  stack[top++] = 0;
  while (top > 0) {
    const depth = stack[--top];
    const end = stack[--top];
    const start = stack[--top];
    const node = stack[--top];
    const size = end - start;

    let total = 0;
    let totalPositive = 0;
    for (let i = start; i < end; i++) {
      const row = members[i];
      total += weight[row];
      totalPositive += weight[row] * y[row];
    }
    nodes.value[node] = totalPositive / total;
    nodes.feature[node] = -1;
    nodes.left[node] = -1;
    nodes.right[node] = -1;
    if (
      totalPositive === 0 ||
      totalPositive === total ||
      depth >= c.maxDepth ||
      size < 2 * minLeaf
    ) {
      continue;
    }

    // Maximizing Σ_children (w₁² + w₀²)/w minimizes the weighted Gini impurity of the
    // children, since w·Gini = w − (w₁² + w₀²)/w and the w terms sum to the parent's.
    // Two ways to list the node's rows in a feature's order: sort their ranks
    // (size·log size) or walk the feature's full order keeping the node's rows (n). The walk
    // wins near the root, where nodes hold a large share of the rows.
    const scan = size * Math.log2(size) > SCAN_FACTOR * n;
    if (scan) {
      stamp++;
      for (let i = start; i < end; i++) mark[members[i]] = stamp;
    }
    let bestScore = Number.NEGATIVE_INFINITY;
    let bestFeature = -1;
    let bestThreshold = 0;
    // Draw features without replacement; like scikit-learn, keep drawing past mtry until
    // some feature offers a valid split (all drawn ones may be constant in this node).
    for (let j = 0; j < width; j++) {
      if (j >= mtry && bestFeature >= 0) break;
      const pick = j + rng.int(width - j);
      const f = features[pick];
      features[pick] = features[j];
      features[j] = f;

      const offset = f * n;
      if (scan) {
        let s = 0;
        for (let k = 0; k < n; k++) {
          const row = order[offset + k];
          if (mark[row] === stamp) sorted[s++] = row;
        }
      } else {
        for (let i = 0; i < size; i++) keys[i] = rank[offset + members[start + i]];
        keys.subarray(0, size).sort();
        for (let i = 0; i < size; i++) sorted[i] = order[offset + keys[i]];
      }
      if (columns[offset + sorted[0]] === columns[offset + sorted[size - 1]]) continue;

      let leftTotal = 0;
      let leftPositive = 0;
      const last = size - minLeaf;
      for (let i = 0; i < last; i++) {
        const row = sorted[i];
        leftTotal += weight[row];
        leftPositive += weight[row] * y[row];
        if (i + 1 < minLeaf) continue;
        const value = columns[offset + row];
        const next = columns[offset + sorted[i + 1]];
        if (next <= value) continue;
        const rightTotal = total - leftTotal;
        const rightPositive = totalPositive - leftPositive;
        const leftNegative = leftTotal - leftPositive;
        const rightNegative = rightTotal - rightPositive;
        const score =
          (leftPositive * leftPositive + leftNegative * leftNegative) / leftTotal +
          (rightPositive * rightPositive + rightNegative * rightNegative) / rightTotal;
        if (score > bestScore) {
          bestScore = score;
          bestFeature = f;
          // The midpoint, unless rounding lands it on the upper value (then the lower one),
          // so that `≤ threshold` still separates the two values.
          const mid = value / 2 + next / 2;
          bestThreshold = mid === next || !Number.isFinite(mid) ? value : mid;
        }
      }
    }
    if (bestFeature < 0) continue;

    const offset = bestFeature * n;
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      if (columns[offset + members[lo]] <= bestThreshold) {
        lo++;
      } else {
        const tmp = members[lo];
        members[lo] = members[hi];
        members[hi] = tmp;
        hi--;
      }
    }
    const left = nodes.count++;
    const right = nodes.count++;
    nodes.feature[node] = bestFeature;
    nodes.threshold[node] = bestThreshold;
    nodes.left[node] = left;
    nodes.right[node] = right;
    stack[top++] = right;
    stack[top++] = lo;
    stack[top++] = end;
    stack[top++] = depth + 1;
    stack[top++] = left;
    stack[top++] = start;
    stack[top++] = lo;
    stack[top++] = depth + 1;
  }
  ws.stamp = stamp;
  return root;
}

/**
 * Fits a random forest on `rows` of `x` (n × width row-major) with 0/1 `labels` (one per
 * row of `x`). Tree t draws from `rng.fork("tree-t")`, so a forest is reproducible per seed
 * and its first trees do not depend on how many trees follow.
 */
export function fitRandomForest(
  x: Float64Array,
  width: number,
  labels: Uint8Array,
  rows: Int32Array,
  config: Partial<RandomForestConfig> | undefined,
  rng: Rng,
): RandomForest {
  const c = resolveConfig(config);
  const n = rows.length;
  if (n === 0) throw new ConfigError("random forest needs training rows");
  const mtry = Math.min(
    width,
    c.maxFeatures === "sqrt" ? Math.max(1, Math.floor(Math.sqrt(width))) : c.maxFeatures,
  );
  const data = presort(x, width, labels, rows);
  const capacity = c.trees * (2 * n - 1);
  const nodes: NodeArrays = {
    feature: new Int32Array(capacity),
    threshold: new Float64Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    value: new Float64Array(capacity),
    count: 0,
  };
  const ws: Workspace = {
    keys: new Int32Array(n),
    sorted: new Int32Array(n),
    features: new Int32Array(width),
    stack: new Int32Array(4 * (2 * n + 2)),
    mark: new Int32Array(n),
    stamp: 0,
  };
  const roots = new Int32Array(c.trees);
  const weight = new Float64Array(n);
  const members = new Int32Array(n);
  for (let t = 0; t < c.trees; t++) {
    const treeRng = rng.fork(`tree-${t}`);
    if (c.bootstrap) {
      weight.fill(0);
      for (let d = 0; d < n; d++) weight[treeRng.int(n)]++;
    } else {
      weight.fill(1);
    }
    let m = 0;
    for (let i = 0; i < n; i++) if (weight[i] > 0) members[m++] = i;
    roots[t] = growTree(data, width, weight, members, m, c, mtry, nodes, ws, treeRng);
  }
  const used = nodes.count;
  return {
    width,
    roots,
    feature: nodes.feature.slice(0, used),
    threshold: nodes.threshold.slice(0, used),
    left: nodes.left.slice(0, used),
    right: nodes.right.slice(0, used),
    value: nodes.value.slice(0, used),
  };
}

/**
 * Probability of class 1 for `rows` of `x` (n × width row-major): the mean over trees of
 * the class-1 fraction in the leaf each row falls into (scikit-learn's `predict_proba`).
 */
export function predictRandomForest(
  forest: RandomForest,
  x: Float64Array,
  rows: Int32Array,
): Float64Array {
  const { width, roots, feature, threshold, left, right, value } = forest;
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const base = rows[r] * width;
    let sum = 0;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t];
      while (feature[node] >= 0) {
        node = x[base + feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      sum += value[node];
    }
    out[r] = sum / roots.length;
  }
  return out;
}

/** The random forest behind the experiments' classifier interface (probabilities, threshold 0.5). */
export function randomForestClassifier(config?: Partial<RandomForestConfig>): BinaryClassifier {
  resolveConfig(config);
  return {
    name: "random-forest",
    threshold: 0.5,
    // Fully grown trees sort each level's rows, about log n levels deep: 100 trees on 50
    // features took 0.6 s on 2,000 rows and 2.9 s on 7,000 (a power of about 1.25), and at
    // MyAnimeList scale the forest was half of the evaluation's thread time.
    superLinear: true,
    fitScore(data, rng) {
      checkClassifierData(data);
      const forest = fitRandomForest(data.x, data.width, data.labels, data.train, config, rng);
      return predictRandomForest(forest, data.x, data.test);
    },
  };
}
