/**
 * Id lookup for rating files: ids that are canonical integers (MovieLens user and movie
 * ids, MyAnimeList anime ids) go through a dense table, the common case and the fast one;
 * anything else falls back to the string map. Both give the same answer, because canonical
 * decimal strings and integers correspond one to one.
 */

import { DataFormatError } from "../errors.js";
import type { IdMap } from "./dataset.js";
import type { DelimitedRecord } from "./delimitedRecords.js";

/** `"123"` → 123; anything but a canonical non-negative decimal integer (≤ 9 digits) → -1. */
export function parseCanonicalInt(text: string): number {
  if (text.length === 0 || text.length > 9) return -1;
  if (text.length > 1 && text.charCodeAt(0) === 48) return -1;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** An {@link IdMap} prepared for fast lookups of ids read from a file. */
export interface IdLookup {
  /** Dense index by numeric id (-1: not an id), for ids below 2^24. */
  readonly byNumber: Int32Array;
  /** Dense index by id text, for every id. */
  readonly map: ReadonlyMap<string, number>;
}

const MAX_DENSE_ID = 1 << 24;

/** Prepares `ids` for {@link lookupIdText} and {@link lookupRecordId}. */
export function createIdLookup(ids: IdMap): IdLookup {
  let max = -1;
  for (const id of ids.ids) {
    const v = parseCanonicalInt(id);
    if (v > max && v < MAX_DENSE_ID) max = v;
  }
  const byNumber = new Int32Array(max + 1).fill(-1);
  ids.ids.forEach((id, index) => {
    const v = parseCanonicalInt(id);
    if (v >= 0 && v < MAX_DENSE_ID) byNumber[v] = index;
  });
  return { byNumber, map: ids.index };
}

/** Dense index of the id `text`, or -1. */
export function lookupIdText(lookup: IdLookup, text: string): number {
  const v = parseCanonicalInt(text);
  if (v >= 0 && v < lookup.byNumber.length) return lookup.byNumber[v];
  return lookup.map.get(text) ?? -1;
}

/** Dense index of the id in field `field` of `record`, or -1; no string is made for numeric ids. */
export function lookupRecordId(lookup: IdLookup, record: DelimitedRecord, field: number): number {
  const v = record.integer(field);
  if (v >= 0 && v < lookup.byNumber.length) return lookup.byNumber[v];
  return lookup.map.get(record.text(field)) ?? -1;
}

/**
 * Records that `id` is defined on line `location.line`; an empty id, or one `seenAt` already
 * holds, is a {@link DataFormatError} at `location` (naming the earlier line). `noun` names
 * the kind of id in the message, e.g. `user id`.
 */
export function registerId(
  seenAt: Map<string, number>,
  id: string,
  location: { readonly file: string; readonly line: number; readonly field: string },
  noun: string,
): void {
  if (id === "") throw new DataFormatError(location, `${noun} is empty`);
  const previous = seenAt.get(id);
  if (previous !== undefined) {
    throw new DataFormatError(location, `${noun} "${id}" already defined on line ${previous}`);
  }
  seenAt.set(id, location.line);
}
