/**
 * Cholesky factorization and solve for the small dense symmetric systems of Newton's method
 * (a few hundred unknowns at most), on row-major Float64Arrays.
 */

/**
 * Overwrites the lower triangle of the n × n row-major symmetric matrix `a` with L such that
 * a = L·Lᵀ (the strict upper triangle is left untouched and must not be read as L). Returns
 * false, with `a` partly overwritten, if `a` is not numerically positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diagonal = a[rowJ + j];
    for (let p = 0; p < j; p++) diagonal -= a[rowJ + p] * a[rowJ + p];
    if (!(diagonal > 0)) return false;
    const ljj = Math.sqrt(diagonal);
    a[rowJ + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j];
      for (let p = 0; p < j; p++) s -= a[rowI + p] * a[rowJ + p];
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b in place (`b` becomes x), L from {@link choleskyInPlace}. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[row + p] * b[p];
    b[i] = s / l[row + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let p = i + 1; p < n; p++) s -= l[p * n + i] * b[p];
    b[i] = s / l[i * n + i];
  }
}
