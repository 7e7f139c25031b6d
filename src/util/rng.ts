/**
 * Seeded pseudo-random numbers. Every stage that needs randomness takes an {@link Rng}
 * explicitly; sub-streams are derived by name with {@link Rng.fork} so that adding a draw in
 * one stage never shifts the numbers another stage sees.
 */

/** A seeded random stream (xoshiro128**, seeded through splitmix32). */
export interface Rng {
  /** The seed this stream was created from (after label derivation for forks). */
  readonly seed: number;
  /** A float uniformly distributed in [0, 1). */
  next(): number;
  /**
   * Fills `out` with `out.length` successive {@link next} draws, in order: the same numbers
   * as a loop of `next()` calls, about 2.5× faster (the state stays in locals).
   */
  fill(out: Float64Array): void;
  /** An integer uniformly distributed in [0, n). */
  int(n: number): number;
  /** A standard normal draw (Box–Muller). */
  normal(): number;
  /** A float uniformly distributed in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a label, used to derive fork seeds. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Creates a seeded random stream. Same seed, same numbers, on every platform. */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const init = splitmix32(seed >>> 0);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  let spareNormal: number | undefined;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };

  const next = (): number => {
    // 53 random bits for a full-precision double.
    const hi = nextUint32() >>> 5;
    const lo = nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  const fill = (out: Float64Array): void => {
    // nextUint32 twice per draw, inlined; a..d hold s0..s3 as int32 (same bits).
    let a = s0 | 0;
    let b = s1 | 0;
    let c = s2 | 0;
    let d = s3 | 0;
    for (let i = 0; i < out.length; i++) {
      const hi = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 5;
      let t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const lo = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 6;
      t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      out[i] = (hi * 67108864 + lo) / 9007199254740992;
    }
    s0 = a >>> 0;
    s1 = b >>> 0;
    s2 = c >>> 0;
    s3 = d >>> 0;
  };

  return {
    seed: seed >>> 0,
    next,
    fill,
    int(n: number): number {
      return Math.floor(next() * n);
    },
    uniform(lo: number, hi: number): number {
      return lo + (hi - lo) * next();
    },
    normal(): number {
      if (spareNormal !== undefined) {
        const v = spareNormal;
        spareNormal = undefined;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork(label: string): Rng {
      return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(label)) >>> 0);
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Fisher–Yates shuffle of a typed or plain array, in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  array: T,
  rng: Rng,
): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return shuffleInPlace(out, rng);
}
