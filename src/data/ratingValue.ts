/**
 * What makes a rating value acceptable, shared by every loader so the same mistake gets the
 * same message whatever the source.
 */

import { DataFormatError, type FileLocation } from "../errors.js";

/** Inclusive bounds of a rating scale. */
export interface RatingScale {
  readonly min: number;
  readonly max: number;
}

/**
 * The rating written as `text`, or a {@link DataFormatError} at `where` when it is not a
 * number, not an integer (with `integers`), or outside `scale` (when given).
 */
export function parseRatingValue(
  text: string,
  scale: RatingScale | undefined,
  integers: boolean,
  where: FileLocation,
): number {
  const trimmed = text.trim();
  const value = trimmed === "" ? Number.NaN : Number(trimmed);
  if (trimmed === "") throw new DataFormatError(where, "rating is missing");
  if (!Number.isFinite(value))
    throw new DataFormatError(where, `rating must be a number, got "${text}"`);
  if (integers && !Number.isInteger(value)) {
    const range = scale !== undefined ? ` ${scale.min}..${scale.max}` : "";
    throw new DataFormatError(where, `rating must be an integer${range}, got "${text}"`);
  }
  if (scale !== undefined && (value < scale.min || value > scale.max)) {
    throw new DataFormatError(where, `rating ${trimmed} is outside ${scale.min}..${scale.max}`);
  }
  return value;
}
