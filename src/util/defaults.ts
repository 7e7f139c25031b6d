/**
 * `defaults` overridden by the keys of `overrides` that are not `undefined`. A plain spread
 * would let `{ epochs: undefined }` (what an unset CLI option becomes) erase a default, which
 * turns a numeric field into a confusing "got undefined" error and a boolean one silently
 * into `false`.
 */
export function withDefaults<T extends object>(defaults: T, overrides: Partial<T> | undefined): T {
  const out = { ...defaults };
  if (overrides === undefined) return out;
  for (const key of Object.keys(overrides) as (keyof T)[]) {
    const value = overrides[key];
    if (value !== undefined) out[key] = value as T[keyof T];
  }
  return out;
}
