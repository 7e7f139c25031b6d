/**
 * What a person needs to recognize an item: its title and genres, from the optional
 * `items.json` of the model folder.
 */

import type { LoadedModel } from "../io/modelFolder.js";

/** Title and genre names of one item; each field only when the model folder holds it. */
export interface ItemInfo {
  readonly title?: string;
  readonly genres?: string[];
}

/** Title and genres of the item at dense index `index`. */
export function itemInfo(model: LoadedModel, index: number): ItemInfo {
  const out: { title?: string; genres?: string[] } = {};
  const title = model.items?.titles?.[index];
  if (title !== undefined) out.title = title;
  const genres = model.items?.genres;
  const row = genres?.byItem[index];
  if (genres !== undefined && row !== undefined) out.genres = row.map((g) => genres.names[g]);
  return out;
}
