/**
 * The MLN of the paper: K inputs → dense hidden layer (ReLU) → dropout → one sigmoid output
 * per binary attribute. Weights live in flat Float64Arrays, row-major by output unit:
 * `w1[h * inputSize + j]` connects input j to hidden unit h, `w2[o * hiddenSize + h]`
 * connects hidden unit h to output o.
 */

/** Weights of a one-hidden-layer perceptron with sigmoid outputs. */
export interface Mlp {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly outputSize: number;
  /** hiddenSize × inputSize. */
  readonly w1: Float64Array;
  /** hiddenSize. */
  readonly b1: Float64Array;
  /** outputSize × hiddenSize. */
  readonly w2: Float64Array;
  /** outputSize. */
  readonly b2: Float64Array;
}

/** Allocates an all-zero network of the given shape. */
export function createMlp(inputSize: number, hiddenSize: number, outputSize: number): Mlp {
  return {
    inputSize,
    hiddenSize,
    outputSize,
    w1: new Float64Array(hiddenSize * inputSize),
    b1: new Float64Array(hiddenSize),
    w2: new Float64Array(outputSize * hiddenSize),
    b2: new Float64Array(outputSize),
  };
}

/** Numerically safe logistic function. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Pre-activations of the output layer (logits) for one input, dropout off.
 * The input is `x[offset .. offset + inputSize)`, so a row of a row-major matrix is read in
 * place, without a copy or a subarray view per row. `hidden` (length hiddenSize) receives
 * the post-ReLU hidden activations; `logits` (length outputSize) the output pre-activations.
 */
export function forwardOne(
  net: Mlp,
  x: ArrayLike<number>,
  hidden: Float64Array,
  logits: Float64Array,
  offset = 0,
): void {
  const { inputSize, hiddenSize, outputSize, w1, b1, w2, b2 } = net;
  for (let h = 0; h < hiddenSize; h++) {
    let s = b1[h];
    const row = h * inputSize;
    for (let j = 0; j < inputSize; j++) s += w1[row + j] * x[offset + j];
    hidden[h] = Math.max(s, 0);
  }
  for (let o = 0; o < outputSize; o++) {
    let s = b2[o];
    const row = o * hiddenSize;
    for (let h = 0; h < hiddenSize; h++) s += w2[row + h] * hidden[h];
    logits[o] = s;
  }
}

/**
 * Sigmoid outputs for every row of `x` (n × inputSize, row-major), dropout off.
 * Returns n × outputSize probabilities, row-major.
 */
export function predictProba(net: Mlp, x: ArrayLike<number>, n: number): Float64Array {
  const rows = new Int32Array(n);
  for (let r = 0; r < n; r++) rows[r] = r;
  return predictRows(net, x, rows);
}

/**
 * Sigmoid outputs for the given `rows` of `x` (n × inputSize row-major), dropout off.
 * Returns rows.length × outputSize probabilities, row-major, in the order of `rows`.
 */
export function predictRows(net: Mlp, x: ArrayLike<number>, rows: Int32Array): Float64Array {
  const { inputSize, hiddenSize, outputSize } = net;
  const out = new Float64Array(rows.length * outputSize);
  const hidden = new Float64Array(hiddenSize);
  const logits = new Float64Array(outputSize);
  for (let r = 0; r < rows.length; r++) {
    forwardOne(net, x, hidden, logits, rows[r] * inputSize);
    for (let o = 0; o < outputSize; o++) out[r * outputSize + o] = sigmoid(logits[o]);
  }
  return out;
}

/**
 * Gradient of output `o`'s logit z_o with respect to the input, at `x`, dropout off:
 * ∇z_o = Σ_h w2[o,h] · 1[a_h > 0] · w1[h,·]. Writes it into `gradient` (length inputSize)
 * and returns z_o. The gradient of the sigmoid output is h(1−h)·∇z_o.
 */
export function logitInputGradient(
  net: Mlp,
  x: ArrayLike<number>,
  o: number,
  gradient: Float64Array,
): number {
  const { inputSize, hiddenSize, w1, b1, w2, b2 } = net;
  gradient.fill(0);
  let z = b2[o];
  for (let h = 0; h < hiddenSize; h++) {
    let s = b1[h];
    const row = h * inputSize;
    for (let j = 0; j < inputSize; j++) s += w1[row + j] * x[j];
    if (s <= 0) continue;
    const w = w2[o * hiddenSize + h];
    z += w * s;
    for (let j = 0; j < inputSize; j++) gradient[j] += w * w1[row + j];
  }
  return z;
}
