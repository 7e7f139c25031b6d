/**
 * The digamma function ψ = Γ'/Γ, needed by the k-nearest-neighbour mutual information
 * estimator. No npm dependency carries it, and only a few dozen lines are needed.
 */

/**
 * ψ(x) for real x, to about 1e-15 relative accuracy away from its roots. For x ≥ 10 the
 * asymptotic series ln x − 1/(2x) − Σ B₂ₙ/(2n x²ⁿ) (through x⁻¹²) is accurate to ~1e-16;
 * smaller positive x are raised there with ψ(x) = ψ(x + 1) − 1/x, and negative x use the
 * reflection ψ(x) = ψ(1 − x) − π/tan(πx). Like SciPy: ψ(0) = −∞, NaN at negative integers.
 */
export function digamma(x: number): number {
  if (Number.isNaN(x) || x === Number.NEGATIVE_INFINITY) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x < 0) {
    if (Number.isInteger(x)) return Number.NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let shift = 0;
  let y = x;
  while (y < 10) {
    shift += 1 / y;
    y += 1;
  }
  const f = 1 / (y * y);
  const series =
    f *
    (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760))))));
  return Math.log(y) - 0.5 / y - series - shift;
}
