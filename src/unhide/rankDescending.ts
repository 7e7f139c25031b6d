/**
 * Deterministic ordering of factors by a score, shared by every selection rule.
 */

/**
 * Indices 0..n−1 sorted by decreasing `values`, ties broken by the lower index so the order
 * never depends on the sort implementation. NaN sorts last.
 */
export function rankDescending(values: ArrayLike<number>): Int32Array {
  const order = new Int32Array(values.length);
  for (let j = 0; j < order.length; j++) order[j] = j;
  return order.sort((a, b) => {
    const va = values[a];
    const vb = values[b];
    if (va > vb) return -1;
    if (va < vb) return 1;
    const na = Number.isNaN(va);
    if (na !== Number.isNaN(vb)) return na ? 1 : -1;
    return a - b;
  });
}
