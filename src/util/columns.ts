/**
 * Copies the chosen columns of a row-major matrix into a new, narrower row-major matrix.
 * Used to retrain a classifier on a subset of the factors.
 */
export function selectColumns(
  matrix: ArrayLike<number>,
  rows: number,
  columns: number,
  chosen: ArrayLike<number>,
): Float64Array {
  const width = chosen.length;
  const out = new Float64Array(rows * width);
  for (let r = 0; r < rows; r++) {
    const from = r * columns;
    const to = r * width;
    for (let c = 0; c < width; c++) out[to + c] = matrix[from + chosen[c]];
  }
  return out;
}

/** `values[indices[i]]` for every i, as a new array of the same kind. */
export function gather<T extends Uint8Array | Float64Array | Int32Array>(
  values: T,
  indices: Int32Array,
): T {
  const out = new (values.constructor as new (n: number) => T)(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

/**
 * Rows `rows[0]`, `rows[1]`, … of a row-major matrix of `width` columns, as a new matrix of
 * the same kind: the row version of {@link gather}.
 */
export function gatherRows<T extends Uint8Array | Float32Array | Float64Array | Int32Array>(
  matrix: T,
  width: number,
  rows: Int32Array,
): T {
  const out = new (matrix.constructor as new (n: number) => T)(rows.length * width);
  for (let r = 0; r < rows.length; r++)
    out.set(matrix.subarray(rows[r] * width, (rows[r] + 1) * width), r * width);
  return out;
}
