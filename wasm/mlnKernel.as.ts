// AssemblyScript source of the MLN training kernel (src/nn/wasm/mlnKernel.wasm, built by
// `npm run build:wasm`). It reproduces, bit for bit, the TypeScript reference path of
// fitClassifier: batchLossAndGradient (backprop.ts), rmspropUpdate (rmsprop.ts) and the
// forward pass of evaluateRows (forwardOne in mlp.ts). Every floating-point operation is
// done in the same order as there; f64x2 lanes only ever hold independent accumulators or
// element-wise updates (wasm has no fused multiply-add, so each lane rounds exactly like the
// scalar code). The sigmoid of the output deltas is left to JS (see forwardBatch). The kernel owns no memory: the JS loader
// lays out every buffer in linear memory and passes byte offsets to `configure`.

// Shape and hyper-parameters.
let inputSize: i32 = 0;
let hiddenSize: i32 = 0;
let outputSize: i32 = 0;
let paramCount: i32 = 0;
let learningRate: f64 = 0;
let rho: f64 = 0;
let oneMinusRho: f64 = 0;
let epsilon: f64 = 0;
let rowCount: i32 = 0;

// Byte offsets into linear memory (all f64 arrays unless noted).
let xPtr: usize = 0; // rowCount × inputSize, row-major
let targetPtr: usize = 0; // outputSize × rowCount, 0/1
let paramPtr: usize = 0; // w1 | b1 | w2 | b2, contiguous (paramCount)
let gradPtr: usize = 0; // same layout
let meanSquarePtr: usize = 0; // same layout
let hiddenPtr: usize = 0; // batchSize × paddedHidden (paddedHidden: hiddenSize rounded up to even)
let batchOutPtr: usize = 0; // batchSize × outputSize: logits, then ∂L/∂z
let w1tPtr: usize = 0; // inputSize × paddedHidden: w1 transposed, zero-padded
let b1pPtr: usize = 0; // paddedHidden: b1 zero-padded

// @ts-ignore: decorator
@inline
function w1Ptr(): usize {
  return paramPtr;
}
// @ts-ignore: decorator
@inline
function b1Ptr(): usize {
  return paramPtr + (<usize>(hiddenSize * inputSize) << 3);
}
// @ts-ignore: decorator
@inline
function w2Ptr(): usize {
  return paramPtr + (<usize>(hiddenSize * inputSize + hiddenSize) << 3);
}
// @ts-ignore: decorator
@inline
function b2Ptr(): usize {
  return paramPtr + (<usize>(hiddenSize * inputSize + hiddenSize + outputSize * hiddenSize) << 3);
}

export function heapBase(): usize {
  return __heap_base;
}

export function configure(
  inputs: i32,
  hidden: i32,
  outputs: i32,
  rows: i32,
  lr: f64,
  decay: f64,
  eps: f64,
  x: usize,
  targets: usize,
  params: usize,
  grad: usize,
  meanSquare: usize,
  scratchHidden: usize,
  batchOut: usize,
  w1t: usize,
  b1p: usize,
): void {
  inputSize = inputs;
  hiddenSize = hidden;
  outputSize = outputs;
  rowCount = rows;
  paramCount = hidden * inputs + hidden + outputs * hidden + outputs;
  learningRate = lr;
  rho = decay;
  oneMinusRho = 1 - decay;
  epsilon = eps;
  xPtr = x;
  targetPtr = targets;
  paramPtr = params;
  gradPtr = grad;
  meanSquarePtr = meanSquare;
  hiddenPtr = scratchHidden;
  batchOutPtr = batchOut;
  w1tPtr = w1t;
  b1pPtr = b1p;
}

/**
 * Backward pass of the batch forwardBatch ran, given ∂L/∂z in batchOutPtr, then one RMSprop
 * step: the gradient sums of batchLossAndGradient, sample by sample in the same order.
 */
export function backwardBatch(order: usize, start: i32, end: i32, mask: usize): void {
  const inputs = inputSize;
  const hidden = hiddenSize;
  const outputs = outputSize;
  const w2 = w2Ptr();
  const gw1 = gradPtr;
  const gb1 = gradPtr + (b1Ptr() - paramPtr);
  const gw2 = gradPtr + (w2 - paramPtr);
  const gb2 = gradPtr + (b2Ptr() - paramPtr);
  memory.fill(gradPtr, 0, <usize>paramCount << 3);
  for (let r = start; r < end; r++) {
    const sample = load<i32>(order + (<usize>r << 2));
    const xRow = xPtr + (<usize>(sample * inputs) << 3);
    const maskRow = mask + (<usize>((r - start) * hidden) << 3);
    const hid = hiddenPtr + (<usize>((r - start) * ((hidden + 1) & ~1)) << 3);
    const del = batchOutPtr + (<usize>((r - start) * outputs) << 3);
    for (let o = 0; o < outputs; o++) {
      const delta = load<f64>(del + (<usize>o << 3));
      const row = <usize>(o * hidden) << 3;
      store<f64>(gb2 + (<usize>o << 3), load<f64>(gb2 + (<usize>o << 3)) + delta);
      const dv = f64x2.splat(delta);
      let h = 0;
      for (; h + 1 < hidden; h += 2) {
        const p = gw2 + row + (<usize>h << 3);
        v128.store(p, f64x2.add(v128.load(p), f64x2.mul(dv, v128.load(hid + (<usize>h << 3)))));
      }
      for (; h < hidden; h++) {
        const p = gw2 + row + (<usize>h << 3);
        store<f64>(p, load<f64>(p) + delta * load<f64>(hid + (<usize>h << 3)));
      }
    }
    for (let h = 0; h < hidden; h++) {
      // hidden > 0 iff the ReLU was active and dropout kept the unit.
      if (load<f64>(hid + (<usize>h << 3)) <= 0) continue;
      let back: f64 = 0;
      for (let o = 0; o < outputs; o++) {
        back += load<f64>(del + (<usize>o << 3)) * load<f64>(w2 + (<usize>(o * hidden + h) << 3));
      }
      if (mask != 0) back *= load<f64>(maskRow + (<usize>h << 3));
      store<f64>(gb1 + (<usize>h << 3), load<f64>(gb1 + (<usize>h << 3)) + back);
      const gRow = gw1 + (<usize>(h * inputs) << 3);
      const bv = f64x2.splat(back);
      let j = 0;
      for (; j + 1 < inputs; j += 2) {
        const off = <usize>j << 3;
        v128.store(
          gRow + off,
          f64x2.add(v128.load(gRow + off), f64x2.mul(bv, v128.load(xRow + off))),
        );
      }
      for (; j < inputs; j++) {
        const off = <usize>j << 3;
        store<f64>(gRow + off, load<f64>(gRow + off) + back * load<f64>(xRow + off));
      }
    }
  }
  rmspropStep();
}

/** rmspropUpdate over every parameter (w1 | b1 | w2 | b2 are contiguous): v ← ρv + (1−ρ)g², w ← w − lr·g/(√v + ε). */
function rmspropStep(): void {
  const n = paramCount;
  const rv = f64x2.splat(rho);
  const omr = f64x2.splat(oneMinusRho);
  const lr = f64x2.splat(learningRate);
  const ev = f64x2.splat(epsilon);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const off = <usize>i << 3;
    const g = v128.load(gradPtr + off);
    const v = f64x2.add(
      f64x2.mul(rv, v128.load(meanSquarePtr + off)),
      f64x2.mul(f64x2.mul(omr, g), g),
    );
    v128.store(meanSquarePtr + off, v);
    const p = paramPtr + off;
    v128.store(
      p,
      f64x2.sub(v128.load(p), f64x2.div(f64x2.mul(lr, g), f64x2.add(f64x2.sqrt(v), ev))),
    );
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    const g = load<f64>(gradPtr + off);
    const v = rho * load<f64>(meanSquarePtr + off) + oneMinusRho * g * g;
    store<f64>(meanSquarePtr + off, v);
    const p = paramPtr + off;
    store<f64>(p, load<f64>(p) - (learningRate * g) / (sqrt<f64>(v) + epsilon));
  }
}

/** Fills w1tPtr and b1pPtr from the current w1 and b1 (two hidden units per f64x2). */
function transposeW1(): void {
  const inputs = inputSize;
  const hidden = hiddenSize;
  const padded = (hidden + 1) & ~1;
  const w1 = w1Ptr();
  const b1 = b1Ptr();
  for (let h = 0; h < padded; h++) {
    const inside = h < hidden;
    store<f64>(b1pPtr + (<usize>h << 3), inside ? load<f64>(b1 + (<usize>h << 3)) : 0);
    for (let j = 0; j < inputs; j++) {
      store<f64>(
        w1tPtr + (<usize>(j * padded + h) << 3),
        inside ? load<f64>(w1 + (<usize>(h * inputs + j) << 3)) : 0,
      );
    }
  }
}

/**
 * Forward pass of the batch order[start..end) with the batch's dropout multipliers `mask`
 * (0: no dropout): the post-dropout hidden activations of every sample go to hiddenPtr
 * (batch × paddedHidden) and the logits to batchOutPtr (batch × outputSize). JS then
 * replaces each logit z by ∂L/∂z = (σ(z) − t)/(B·O) with V8's Math.exp (AssemblyScript's
 * Math.exp may differ in the last bit) and calls backwardBatch.
 *
 * Two hidden units per f64x2 (lanes over units, a transposed copy of w1), each lane with its
 * own four partial sums s0..s3 over the same inputs in the same order as backprop.ts, so
 * each pre-activation is b1 + (s0 + s1) + (s2 + s3) exactly as there. A dropped unit's
 * activation is selected to 0 without a branch (its dot product is computed and discarded,
 * so the stored value is the reference's 0 whatever it was); at few inputs the branch
 * mispredictions cost more than the discarded work.
 */
export function forwardBatch(order: usize, start: i32, end: i32, mask: usize): void {
  const inputs = inputSize;
  const hidden = hiddenSize;
  const outputs = outputSize;
  const padded = (hidden + 1) & ~1;
  const w2 = w2Ptr();
  const b2 = b2Ptr();
  transposeW1();
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const stride = <usize>padded << 3;
  for (let r = start; r < end; r++) {
    const sample = load<i32>(order + (<usize>r << 2));
    const xRow = xPtr + (<usize>(sample * inputs) << 3);
    const maskRow = mask + (<usize>((r - start) * hidden) << 3);
    const hid = hiddenPtr + (<usize>((r - start) * padded) << 3);
    for (let h = 0; h < padded; h += 2) {
      let keep = one;
      if (mask != 0) {
        keep = f64x2.splat(load<f64>(maskRow + (<usize>h << 3)));
        if (h + 1 < hidden) {
          keep = f64x2.replace_lane(keep, 1, load<f64>(maskRow + (<usize>(h + 1) << 3)));
        }
      }
      let s0 = zero;
      let s1 = zero;
      let s2 = zero;
      let s3 = zero;
      let wp = w1tPtr + (<usize>h << 3);
      let j = 0;
      for (; j + 3 < inputs; j += 4) {
        const xp = xRow + (<usize>j << 3);
        s0 = f64x2.add(s0, f64x2.mul(v128.load(wp), f64x2.splat(load<f64>(xp))));
        s1 = f64x2.add(s1, f64x2.mul(v128.load(wp + stride), f64x2.splat(load<f64>(xp, 8))));
        s2 = f64x2.add(
          s2,
          f64x2.mul(v128.load(wp + 2 * stride), f64x2.splat(load<f64>(xp, 16))),
        );
        s3 = f64x2.add(
          s3,
          f64x2.mul(v128.load(wp + 3 * stride), f64x2.splat(load<f64>(xp, 24))),
        );
        wp += 4 * stride;
      }
      for (; j < inputs; j++) {
        s0 = f64x2.add(s0, f64x2.mul(v128.load(wp), f64x2.splat(load<f64>(xRow + (<usize>j << 3)))));
        wp += stride;
      }
      const pre = f64x2.add(
        f64x2.add(v128.load(b1pPtr + (<usize>h << 3)), f64x2.add(s0, s1)),
        f64x2.add(s2, s3),
      );
      const a = f64x2.mul(f64x2.max(pre, zero), keep);
      v128.store(hid + (<usize>h << 3), v128.bitselect(zero, a, f64x2.eq(keep, zero)));
    }
    const out = batchOutPtr + (<usize>((r - start) * outputs) << 3);
    for (let o = 0; o < outputs; o++) {
      let z = load<f64>(b2 + (<usize>o << 3));
      const row = <usize>(o * hidden) << 3;
      for (let h = 0; h < hidden; h++) {
        z += load<f64>(w2 + row + (<usize>h << 3)) * load<f64>(hid + (<usize>h << 3));
      }
      store<f64>(out + (<usize>o << 3), z);
    }
  }
}

/**
 * Logits (dropout off) of rows[0..count) (i32 row indices) into out (count × outputSize),
 * as forwardOne computes them: each hidden pre-activation is b1[h] + w1[h,0]·x0 + w1[h,1]·x1
 * + … in that order, two hidden units per f64x2 (a transposed copy of w1).
 */
export function forwardRows(rows: usize, count: i32, out: usize): void {
  const inputs = inputSize;
  const hidden = hiddenSize;
  const outputs = outputSize;
  const padded = (hidden + 1) & ~1;
  const w2 = w2Ptr();
  const b2 = b2Ptr();
  transposeW1();
  const hid = hiddenPtr;
  const zero = f64x2.splat(0);
  for (let r = 0; r < count; r++) {
    const sample = load<i32>(rows + (<usize>r << 2));
    const xRow = xPtr + (<usize>(sample * inputs) << 3);
    for (let h = 0; h < padded; h += 2) {
      let s = v128.load(b1pPtr + (<usize>h << 3));
      let wp = w1tPtr + (<usize>h << 3);
      const step = <usize>padded << 3;
      for (let j = 0; j < inputs; j++) {
        s = f64x2.add(s, f64x2.mul(v128.load(wp), f64x2.splat(load<f64>(xRow + (<usize>j << 3)))));
        wp += step;
      }
      v128.store(hid + (<usize>h << 3), f64x2.max(s, zero));
    }
    for (let o = 0; o < outputs; o++) {
      let z = load<f64>(b2 + (<usize>o << 3));
      const row = <usize>(o * hidden) << 3;
      for (let h = 0; h < hidden; h++) {
        z += load<f64>(w2 + row + (<usize>h << 3)) * load<f64>(hid + (<usize>h << 3));
      }
      store<f64>(out + (<usize>(r * outputs + o) << 3), z);
    }
  }
}
