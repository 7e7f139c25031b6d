// AssemblyScript source of the PMF SGD kernel (src/mf/wasm/pmfKernel.wasm, built by
// `npm run build:wasm`). One epoch of the update of src/mf/sgdEpoch.ts over rating triples
// already shuffled by JS, with f32x4 lanes over the K factors. Unlike the MLN kernel it is not
// bit-identical to the TypeScript reference: the reference accumulates the dot product and
// forms each update in f64 (JS numbers) before rounding to f32, while here everything stays in
// f32 and the dot product is summed in a different order. The difference is rounding noise
// (tested against the reference within a tolerance). The kernel owns no memory: the JS loader
// lays out every buffer in linear memory and passes byte offsets.

export function heapBase(): usize {
  return __heap_base;
}

/**
 * One SGD pass over ratings[0..count): user indices at `users` (i32), item indices at `items`
 * (i32), values at `values` (f32); P at `userFactors` and Q at `itemFactors` (f32, row-major,
 * stride k), updated in place. For each rating, e = r − p·q, then
 * p ← (1 − γλ)p + γe·q and q ← (1 − γλ)q + γe·p (with the old p), as sgdEpoch.ts.
 * Returns Σe² (each e before its own update), summed in f64.
 */
export function sgdEpoch(
  users: usize,
  items: usize,
  values: usize,
  count: i32,
  userFactors: usize,
  itemFactors: usize,
  k: i32,
  learningRate: f32,
  regularization: f32,
): f64 {
  const decay: f32 = 1 - learningRate * regularization;
  const decayV = f32x4.splat(decay);
  const k4 = k & ~3;
  const rowBytes = <usize>k << 2;
  let squaredErrorSum: f64 = 0;
  for (let r = 0; r < count; r++) {
    const at = <usize>r << 2;
    const pu = userFactors + <usize>load<i32>(users + at) * rowBytes;
    const qi = itemFactors + <usize>load<i32>(items + at) * rowBytes;
    // Two independent vector accumulators hide the add latency.
    let acc0 = f32x4.splat(0);
    let acc1 = f32x4.splat(0);
    let j = 0;
    for (; j + 8 <= k4; j += 8) {
      const off = <usize>j << 2;
      acc0 = f32x4.add(acc0, f32x4.mul(v128.load(pu + off), v128.load(qi + off)));
      acc1 = f32x4.add(acc1, f32x4.mul(v128.load(pu + off, 16), v128.load(qi + off, 16)));
    }
    for (; j < k4; j += 4) {
      const off = <usize>j << 2;
      acc0 = f32x4.add(acc0, f32x4.mul(v128.load(pu + off), v128.load(qi + off)));
    }
    const acc = f32x4.add(acc0, acc1);
    let dot: f32 =
      f32x4.extract_lane(acc, 0) +
      f32x4.extract_lane(acc, 1) +
      (f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3));
    for (; j < k; j++) {
      const off = <usize>j << 2;
      dot += load<f32>(pu + off) * load<f32>(qi + off);
    }
    const e: f32 = load<f32>(values + at) - dot;
    squaredErrorSum += <f64>e * <f64>e;
    const ge: f32 = learningRate * e;
    const geV = f32x4.splat(ge);
    j = 0;
    for (; j < k4; j += 4) {
      const off = <usize>j << 2;
      const p = v128.load(pu + off);
      const q = v128.load(qi + off);
      v128.store(pu + off, f32x4.add(f32x4.mul(decayV, p), f32x4.mul(geV, q)));
      v128.store(qi + off, f32x4.add(f32x4.mul(decayV, q), f32x4.mul(geV, p)));
    }
    for (; j < k; j++) {
      const off = <usize>j << 2;
      const p = load<f32>(pu + off);
      const q = load<f32>(qi + off);
      store<f32>(pu + off, decay * p + ge * q);
      store<f32>(qi + off, decay * q + ge * p);
    }
  }
  return squaredErrorSum;
}
