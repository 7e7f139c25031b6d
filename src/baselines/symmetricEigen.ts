/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method. Jacobi
 * is slower than tridiagonalization + QL for large matrices, but for the k ≤ a few hundred
 * of a factor covariance it is fast enough, short, and accurate to full relative precision
 * even for the small eigenvalues.
 */

/** Eigenvalues and eigenvectors of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, in decreasing order. */
  readonly values: Float64Array;
  /**
   * Unit eigenvectors, row-major n × n: row i is the eigenvector of `values[i]`. Each is
   * signed so that its entry of largest magnitude (the first one, on ties) is positive,
   * which makes the result deterministic.
   */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/**
 * Eigen-decomposition of the n × n row-major symmetric matrix `matrix` (only read, never
 * modified). Sweeps over every off-diagonal pair until the off-diagonal mass is below
 * 1e-30 of the total (full convergence for float64).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix);
  // vt holds the rotations accumulated so far, transposed: its ROWS become the eigenvectors,
  // so each rotation updates two contiguous rows.
  const vt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vt[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let offAbs = 0;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        off += a[p * n + q] ** 2;
        offAbs += Math.abs(a[p * n + q]);
      }
    }
    if (off <= 1e-30 * total || off === 0) break;
    // Numerical Recipes' strategy: early sweeps skip the small entries (later rotations
    // would disturb them again anyway), later sweeps zero entries already negligible
    // against both diagonal entries instead of rotating.
    const threshold = sweep < 3 ? (0.2 * offAbs) / (n * n) : 0;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const g = 100 * Math.abs(apq);
        if (
          sweep > 3 &&
          Math.abs(app) + g === Math.abs(app) &&
          Math.abs(aqq) + g === Math.abs(aqq)
        ) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        if (Math.abs(apq) <= threshold) continue;
        // Rotation angle that zeroes a[p][q], in the stable small-angle form
        // (Numerical Recipes §11.1): t = tan φ with |φ| ≤ π/4.
        const theta = (aqq - app) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        const tau = s / (1 + c);
        a[p * n + p] = app - t * apq;
        a[q * n + q] = aqq + t * apq;
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        // Rows p and q are read contiguously; the symmetric column entries are mirrored.
        const rowP = p * n;
        const rowQ = q * n;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const arp = a[rowP + r];
          const arq = a[rowQ + r];
          const newRp = arp - s * (arq + tau * arp);
          const newRq = arq + s * (arp - tau * arq);
          a[rowP + r] = newRp;
          a[r * n + p] = newRp;
          a[rowQ + r] = newRq;
          a[r * n + q] = newRq;
        }
        for (let r = 0; r < n; r++) {
          const vp = vt[rowP + r];
          const vq = vt[rowQ + r];
          vt[rowP + r] = vp - s * (vq + tau * vp);
          vt[rowQ + r] = vq + s * (vp - tau * vq);
        }
      }
    }
  }

  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let rank = 0; rank < n; rank++) {
    const index = order[rank];
    values[rank] = a[index * n + index];
    const vector = index * n;
    let pivot = 0;
    for (let r = 1; r < n; r++) {
      if (Math.abs(vt[vector + r]) > Math.abs(vt[vector + pivot])) pivot = r;
    }
    const sign = vt[vector + pivot] < 0 ? -1 : 1;
    for (let r = 0; r < n; r++) vectors[rank * n + r] = sign * vt[vector + r];
  }
  return { values, vectors };
}
