/**
 * Matching imported factors to a dataset: rows to users and items by id (or by position when
 * the file has no ids), non-finite rows dropped, and the dataset cut down to the users and
 * items both sides know, so every later stage sees one consistent set of dense indices.
 */

import type { Attribute, Dataset, SourceFile } from "../data/dataset.js";
import { createIdMap } from "../data/dataset.js";
import { type BinaryGroupRule, DEFAULT_GROUP_RULES } from "../data/groups.js";
import { DataFormatError } from "../errors.js";
import type { FactorFormat, ImportedFactors } from "../io/importedFactors.js";
import type { FactorModel } from "../mf/factorModel.js";
import { gather, gatherRows } from "../util/columns.js";

/** How imported rows were matched to one side of the dataset. */
export interface SideAlignment {
  /** Rows in the factor file. */
  readonly inFactors: number;
  /** Rows holding NaN or ±Inf, dropped (Spark leaves such rows for ids it could not fit). */
  readonly nonFinite: number;
  /** Rows whose id the dataset does not have, dropped. */
  readonly notInDataset: number;
  /** Users with factors but without a value for an unhidden attribute, dropped (users only). */
  readonly withoutAttributes: number;
  /** Dataset users (items) left without factors, dropped with their ratings. */
  readonly withoutFactors: number;
  /** Kept: in both, finite, with attributes. */
  readonly kept: number;
  /** True when the file had no ids and rows were taken in the dataset's id order. */
  readonly idsByPosition: boolean;
}

/** The whole alignment, recorded in `results.json` and the model folder. */
export interface FactorAlignment {
  readonly users: SideAlignment;
  readonly items: SideAlignment;
  /** Ratings kept (both user and item kept) and dropped. */
  readonly ratings: { readonly kept: number; readonly dropped: number };
  /**
   * User factor columns with one value for every kept user: the bias trick of some engines
   * (implicit's BPR and LMF set a user column to 1). They carry nothing about the user, so
   * their relevancy means nothing.
   */
  readonly constantUserFactors: readonly number[];
}

/** Where imported factors came from and how they were matched: the model folder records it. */
export interface FactorSource {
  readonly kind: "imported";
  readonly format: FactorFormat;
  /** The path the factors were imported from, as given. */
  readonly path: string;
  /** Every file read, with size and SHA-256. */
  readonly files: readonly SourceFile[];
  readonly alignment: FactorAlignment;
}

/** Options of {@link alignImportedFactors}. */
export interface AlignFactorsOptions {
  /** Group rules to be unhidden: a kept user must have a value for each one's attribute. */
  readonly attributes: readonly string[];
  /** The rules by name (default: the built-in gender and age rules). */
  readonly groupRules?: Readonly<Record<string, BinaryGroupRule>>;
  /** Refuse non-finite rows instead of dropping them. Default false. */
  readonly strict?: boolean;
  /** The files each side came from, named in errors and warnings. */
  readonly files?: { readonly users: string; readonly items: string };
}

/** Factors matched to a dataset: both now index the same users and items. */
export interface AlignedFactors {
  /** The dataset restricted to the kept users and items (the input object when nothing was dropped). */
  readonly dataset: Dataset;
  /** P and Q with rows in the (restricted) dataset's index order. */
  readonly model: FactorModel;
  readonly alignment: FactorAlignment;
  /** One line per thing a user should know (drops, positional ids). */
  readonly warnings: readonly string[];
}

/**
 * Matches imported factors to a dataset. Rows are matched by id; a side without ids is
 * matched by position to the dataset's users (items) in id order, which needs equal counts.
 * Rows with NaN or ±Inf are dropped (or refused with `strict`); rows whose id the dataset
 * lacks, users without a value for an unhidden attribute, and dataset users and items without
 * factors are dropped and counted, ratings of dropped users or items with them.
 *
 * @throws DataFormatError naming the file when ids are missing and the counts differ, when
 *   `strict` and a row is not finite, or when no user or no item is left.
 */
export function alignImportedFactors(
  imported: ImportedFactors,
  dataset: Dataset,
  options: AlignFactorsOptions,
): AlignedFactors {
  const files = options.files ?? { users: "user factors", items: "item factors" };
  const { factors } = imported;
  const k = factors.k;
  const warnings: string[] = [];
  const userIds = idsOf(
    imported.userIds,
    factors.userCount,
    dataset.users.ids,
    files.users,
    "user",
  );
  const itemIds = idsOf(
    imported.itemIds,
    factors.itemCount,
    dataset.items.ids,
    files.items,
    "item",
  );
  const required = requiredAttributes(
    dataset,
    options.attributes,
    options.groupRules ?? DEFAULT_GROUP_RULES,
  );
  const users = matchRows(
    userIds,
    factors.userFactors,
    k,
    dataset.users.index,
    (u) => required.every((attribute) => hasValue(attribute, u)),
    files.users,
    options.strict ?? false,
  );
  const items = matchRows(
    itemIds,
    factors.itemFactors,
    k,
    dataset.items.index,
    () => true,
    files.items,
    options.strict ?? false,
  );
  const userSide = describe(users, dataset.users.ids.length, imported.userIds === undefined);
  const itemSide = describe(items, dataset.items.ids.length, imported.itemIds === undefined);
  if (userSide.kept === 0 || itemSide.kept === 0) {
    const [what, ids, file, source] =
      userSide.kept === 0
        ? ["user", dataset.users.ids, files.users, userIds]
        : ["item", dataset.items.ids, files.items, itemIds];
    throw new DataFormatError(
      { file },
      `no ${what} of the factors matches a ${what} of dataset "${dataset.name}" (factor ids start ${source.slice(0, 3).join(", ")}; dataset ids start ${ids.slice(0, 3).join(", ")})`,
    );
  }
  const keptUsers = keptIndices(users.rowOf);
  const keptItems = keptIndices(items.rowOf);
  const { restricted, ratings } = restrictDataset(dataset, keptUsers, keptItems);
  const model: FactorModel = {
    k,
    userCount: keptUsers.length,
    itemCount: keptItems.length,
    userFactors: gatherRows(factors.userFactors, k, gather(users.rowOf, keptUsers)),
    itemFactors: gatherRows(factors.itemFactors, k, gather(items.rowOf, keptItems)),
  };
  const constantUserFactors = constantColumns(model.userFactors, k, model.userCount);
  const alignment: FactorAlignment = {
    users: userSide,
    items: itemSide,
    ratings,
    constantUserFactors,
  };
  warnings.push(...describeWarnings(alignment, files, dataset.name));
  if (constantUserFactors.length > 0) {
    warnings.push(
      `${files.users}: user factor${constantUserFactors.length > 1 ? "s" : ""} ${constantUserFactors.join(", ")} ${constantUserFactors.length > 1 ? "are" : "is"} the same for every user (a bias column?); ignore ${constantUserFactors.length > 1 ? "their" : "its"} relevancy`,
    );
  }
  return { dataset: restricted, model, alignment, warnings };
}

function idsOf(
  ids: readonly string[] | undefined,
  rows: number,
  datasetIds: readonly string[],
  file: string,
  what: string,
): readonly string[] {
  if (ids !== undefined) return ids;
  if (rows !== datasetIds.length) {
    throw new DataFormatError(
      { file },
      `has no ${what} ids and ${rows} rows, but the dataset has ${datasetIds.length} ${what}s: pass a file of ${what} ids (--${what}-ids), one per line in row order`,
    );
  }
  return datasetIds;
}

function requiredAttributes(
  dataset: Dataset,
  ruleNames: readonly string[],
  rules: Readonly<Record<string, BinaryGroupRule>>,
): Attribute[] {
  const out: Attribute[] = [];
  for (const name of ruleNames) {
    const attribute = dataset.userAttributes[rules[name]?.attribute ?? ""];
    // Unknown rules and attributes are the pipeline's to report, with its own message.
    if (attribute !== undefined) out.push(attribute);
  }
  return out;
}

function hasValue(attribute: Attribute, u: number): boolean {
  return attribute.kind === "categorical"
    ? attribute.values[u] !== ""
    : !Number.isNaN(attribute.values[u]);
}

interface RowMatch {
  /** Per dataset index, the factor row kept for it, or −1. */
  readonly rowOf: Int32Array;
  readonly nonFinite: number;
  readonly notInDataset: number;
  readonly withoutAttributes: number;
}

function matchRows(
  ids: readonly string[],
  values: Float32Array,
  k: number,
  index: ReadonlyMap<string, number>,
  eligible: (datasetIndex: number) => boolean,
  file: string,
  strict: boolean,
): RowMatch {
  const rowOf = new Int32Array(index.size).fill(-1);
  let nonFinite = 0;
  let firstNonFinite = -1;
  let notInDataset = 0;
  let withoutAttributes = 0;
  for (let row = 0; row < ids.length; row++) {
    let finite = true;
    for (let j = row * k; j < (row + 1) * k; j++) {
      if (!Number.isFinite(values[j])) {
        finite = false;
        break;
      }
    }
    if (!finite) {
      if (firstNonFinite < 0) firstNonFinite = row;
      nonFinite++;
      continue;
    }
    const at = index.get(ids[row]);
    if (at === undefined) notInDataset++;
    else if (!eligible(at)) withoutAttributes++;
    else rowOf[at] = row;
  }
  if (strict && nonFinite > 0) {
    throw new DataFormatError(
      { file },
      `${nonFinite} rows hold NaN or ±Inf (the first: row ${firstNonFinite + 1}, id ${ids[firstNonFinite]}); without --strict they are dropped`,
    );
  }
  return { rowOf, nonFinite, notInDataset, withoutAttributes };
}

function describe(match: RowMatch, datasetCount: number, idsByPosition: boolean): SideAlignment {
  let kept = 0;
  for (let x = 0; x < match.rowOf.length; x++) if (match.rowOf[x] >= 0) kept++;
  return {
    inFactors: kept + match.nonFinite + match.notInDataset + match.withoutAttributes,
    nonFinite: match.nonFinite,
    notInDataset: match.notInDataset,
    withoutAttributes: match.withoutAttributes,
    withoutFactors: datasetCount - kept - match.withoutAttributes,
    kept,
    idsByPosition,
  };
}

function describeWarnings(
  alignment: FactorAlignment,
  files: { readonly users: string; readonly items: string },
  datasetName: string,
): string[] {
  const warnings: string[] = [];
  for (const [what, side, file] of [
    ["user", alignment.users, files.users],
    ["item", alignment.items, files.items],
  ] as const) {
    if (side.idsByPosition) {
      warnings.push(
        `${file} has no ${what} ids: row r is taken to be the dataset's r-th ${what} in its id order (pass --${what}-ids to say otherwise)`,
      );
    }
    if (side.nonFinite > 0)
      warnings.push(`${file}: dropped ${side.nonFinite} ${what} rows holding NaN or ±Inf`);
    if (side.notInDataset > 0) {
      warnings.push(
        `${file}: dropped ${side.notInDataset} ${what}s that dataset "${datasetName}" does not have`,
      );
    }
    if (side.withoutAttributes > 0) {
      warnings.push(
        `${file}: dropped ${side.withoutAttributes} users without a value for an unhidden attribute`,
      );
    }
    if (side.withoutFactors > 0) {
      warnings.push(
        `dataset "${datasetName}": ${side.withoutFactors} ${what}s have no factors and are left out`,
      );
    }
  }
  if (alignment.ratings.dropped > 0) {
    warnings.push(
      `dataset "${datasetName}": ${alignment.ratings.dropped} ratings of left-out users or items are left out`,
    );
  }
  return warnings;
}

function restrictDataset(
  dataset: Dataset,
  keptUsers: Int32Array,
  keptItems: Int32Array,
): { restricted: Dataset; ratings: FactorAlignment["ratings"] } {
  const userMap = newIndices(keptUsers, dataset.users.ids.length);
  const itemMap = newIndices(keptItems, dataset.items.ids.length);
  const { user, item, value } = dataset.ratings;
  let kept = 0;
  for (let r = 0; r < value.length; r++) {
    if (userMap[user[r]] >= 0 && itemMap[item[r]] >= 0) kept++;
  }
  const ratings = { kept, dropped: value.length - kept };
  if (
    keptUsers.length === dataset.users.ids.length &&
    keptItems.length === dataset.items.ids.length
  ) {
    return { restricted: dataset, ratings };
  }
  const newUser = new Int32Array(kept);
  const newItem = new Int32Array(kept);
  const newValue = new Float32Array(kept);
  let next = 0;
  for (let r = 0; r < value.length; r++) {
    const u = userMap[user[r]];
    const i = itemMap[item[r]];
    if (u < 0 || i < 0) continue;
    newUser[next] = u;
    newItem[next] = i;
    newValue[next] = value[r];
    next++;
  }
  const userAttributes: Record<string, Attribute> = {};
  for (const [name, attribute] of Object.entries(dataset.userAttributes)) {
    userAttributes[name] =
      attribute.kind === "categorical"
        ? { kind: "categorical", values: Array.from(keptUsers, (u) => attribute.values[u]) }
        : { kind: "numeric", values: gather(attribute.values, keptUsers) };
  }
  const { titles, genres } = dataset.itemAttributes;
  const itemAttributes = {
    ...(titles !== undefined ? { titles: Array.from(keptItems, (i) => titles[i]) } : {}),
    ...(genres !== undefined
      ? {
          genres: {
            names: genres.names,
            matrix: gatherRows(genres.matrix, genres.names.length, keptItems),
          },
        }
      : {}),
  };
  return {
    restricted: {
      ...dataset,
      users: createIdMap(Array.from(keptUsers, (u) => dataset.users.ids[u])),
      items: createIdMap(Array.from(keptItems, (i) => dataset.items.ids[i])),
      ratings: { user: newUser, item: newItem, value: newValue },
      userAttributes,
      itemAttributes,
    },
    ratings,
  };
}

/** Columns of a row-major matrix whose rows all hold the first row's value. */
function constantColumns(values: Float32Array, k: number, rows: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < k; j++) {
    let constant = rows > 1;
    for (let r = 1; r < rows && constant; r++) constant = values[r * k + j] === values[j];
    if (constant) out.push(j);
  }
  return out;
}

/** Dataset indices that kept a factor row, ascending. */
function keptIndices(rowOf: Int32Array): Int32Array {
  let kept = 0;
  for (let x = 0; x < rowOf.length; x++) if (rowOf[x] >= 0) kept++;
  const out = new Int32Array(kept);
  let next = 0;
  for (let x = 0; x < rowOf.length; x++) if (rowOf[x] >= 0) out[next++] = x;
  return out;
}

/** Old dense index → new one (−1 = dropped). */
function newIndices(kept: Int32Array, count: number): Int32Array {
  const map = new Int32Array(count).fill(-1);
  for (let x = 0; x < kept.length; x++) map[kept[x]] = x;
  return map;
}
