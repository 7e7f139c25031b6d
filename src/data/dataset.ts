/**
 * The dataset model every stage works on: ratings as parallel typed arrays over dense
 * indices, the id maps that translate back to the ids in the files, and user and item
 * attributes.
 */

/** Ids as they appear in the source files, in dense-index order, with the reverse map. */
export interface IdMap {
  /** `ids[index]` is the original id of dense index `index`. */
  readonly ids: readonly string[];
  /** Original id to dense index. */
  readonly index: ReadonlyMap<string, number>;
}

/** Builds an {@link IdMap} from ids in dense-index order. Throws on duplicates. */
export function createIdMap(ids: readonly string[]): IdMap {
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (index.has(id)) throw new RangeError(`duplicate id "${id}"`);
    index.set(id, i);
  });
  return { ids, index };
}

/**
 * Ratings as three parallel arrays of equal length: rating `r` is user `user[r]` giving
 * item `item[r]` the value `value[r]`. Indices are dense (0-based).
 */
export interface Ratings {
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly value: Float32Array;
}

/** A per-user (or per-item) attribute: one value per dense index. */
export type Attribute =
  | {
      readonly kind: "categorical";
      /** `values[index]`; the empty string means missing. */
      readonly values: readonly string[];
    }
  | {
      readonly kind: "numeric";
      /** `values[index]`; NaN means missing. */
      readonly values: Float64Array;
    };

/** Item genres as a dense items × genres 0/1 matrix, row-major. */
export interface GenreMatrix {
  readonly names: readonly string[];
  /** `matrix[item * names.length + g]` is 1 when the item has genre `g`. */
  readonly matrix: Uint8Array;
}

/** Item side information. Every field is optional: not every source has it. */
export interface ItemAttributes {
  /** Display title per item. */
  readonly titles?: readonly string[];
  /** Genre flags per item. */
  readonly genres?: GenreMatrix;
}

/** Provenance of one input file, recorded in results for reproducibility. */
export interface SourceFile {
  /** File name (relative to the dataset folder). */
  readonly name: string;
  /** Size in bytes. */
  readonly bytes: number;
  /** Hex SHA-256 of the file's bytes. */
  readonly sha256: string;
}

/** A ratings dataset with its id maps and attributes. */
export interface Dataset {
  /** Short name, e.g. `ml-100k` or `synthetic`. */
  readonly name: string;
  readonly users: IdMap;
  readonly items: IdMap;
  readonly ratings: Ratings;
  /** Inclusive bounds of the rating scale, e.g. `{ min: 1, max: 5 }`. */
  readonly ratingScale: { readonly min: number; readonly max: number };
  /** User attributes by name (e.g. `gender`, `age`, `occupation`). */
  readonly userAttributes: Readonly<Record<string, Attribute>>;
  readonly itemAttributes: ItemAttributes;
  /** Input files the dataset was read from (empty for generated data). */
  readonly sources: readonly SourceFile[];
}

/** Number of ratings in a dataset. */
export function ratingCount(dataset: Dataset): number {
  return dataset.ratings.value.length;
}

/** A dataset's identity and size, as recorded in results and model manifests. */
export interface DatasetSummary {
  readonly name: string;
  readonly users: number;
  readonly items: number;
  readonly ratings: number;
  readonly ratingScale: { readonly min: number; readonly max: number };
  readonly sources: readonly SourceFile[];
}

/** The {@link DatasetSummary} of a dataset. */
export function summarizeDataset(dataset: Dataset): DatasetSummary {
  return {
    name: dataset.name,
    users: dataset.users.ids.length,
    items: dataset.items.ids.length,
    ratings: dataset.ratings.value.length,
    ratingScale: dataset.ratingScale,
    sources: dataset.sources,
  };
}
