import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type DatasetSummary, type Ratings, summarizeDataset } from "../data/dataset.js";
import type { BinaryGroupRule } from "../data/groups.js";
import { ModelFormatError } from "../errors.js";
import type { BinaryClassificationReport } from "../evaluate/metrics.js";
import type { Mlp } from "../nn/mlp.js";
import type { FactorSource } from "../pipeline/alignImportedFactors.js";
import type { PipelineResult } from "../pipeline/runPipeline.js";
import type { UnhiddenAttribute } from "../pipeline/unhideFactors.js";
import { sha256Hex } from "../util/sha256.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version.js";
import { replaceDirAtomic, writeFileAtomic } from "./atomic.js";
import { JsonFields, parseModelJson } from "./modelFolderSchema.js";
import { decodeNpy, encodeNpy } from "./npy.js";

/** Version of the model folder layout; bumped on any incompatible change. */
export const MODEL_SCHEMA_VERSION = 1;

const USER_FACTORS = "user-factors.npy";
const ITEM_FACTORS = "item-factors.npy";
const CLASSIFIER = "classifier.json";
const PROFILE = "profile.json";
const MANIFEST = "manifest.json";
// Optional files: written when the dataset has what they hold, read when the manifest lists
// them, so folders written before they existed still load.
const ITEMS = "items.json";
const RATED_INDPTR = "rated-indptr.npy";
const RATED_INDICES = "rated-indices.npy";
const ITEM_PROFILE = "item-profile.json";
const RATED_VALUES = "rated-values.npy";
const HELD_OUT_USER = "held-out-user.npy";
const HELD_OUT_ITEM = "held-out-item.npy";
const HELD_OUT_VALUE = "held-out-value.npy";
// Written only when the held-out (evaluation) fit is not the model's own fit (factorsFrom = all).
const HELD_OUT_USER_FACTORS = "held-out-user-factors.npy";
const HELD_OUT_ITEM_FACTORS = "held-out-item-factors.npy";
const HELD_OUT_PROFILE = "held-out-profile.json";
const OPTIONAL_FILES = [
  ITEMS,
  ITEM_PROFILE,
  RATED_INDPTR,
  RATED_INDICES,
  RATED_VALUES,
  HELD_OUT_USER,
  HELD_OUT_ITEM,
  HELD_OUT_VALUE,
  HELD_OUT_USER_FACTORS,
  HELD_OUT_ITEM_FACTORS,
  HELD_OUT_PROFILE,
];

/** What `manifest.json` holds. */
export interface ModelManifest {
  readonly schemaVersion: number;
  readonly kind: "deepunhide-model";
  readonly package: { readonly name: string; readonly version: string };
  readonly config: PipelineResult["config"];
  readonly dataset: DatasetSummary;
  readonly k: number;
  /** Original user ids, in factor-row order. */
  readonly userIds: readonly string[];
  /** Original item ids, in factor-row order. */
  readonly itemIds: readonly string[];
  /** The classifier's outputs, in order. */
  readonly attributes: readonly {
    readonly name: string;
    readonly output: number;
    readonly rule: BinaryGroupRule;
  }[];
  /** SHA-256 and size of every other file in the folder. */
  readonly files: Readonly<Record<string, { readonly sha256: string; readonly bytes: number }>>;
  /** Present when the factors were imported: the format, each input file's SHA-256, the matching. */
  readonly factorSource?: FactorSource;
}

/** Per-attribute profile saved with the model, for the uses that read it later. */
export interface SavedProfile {
  readonly archetypes: { readonly majority: number[]; readonly minority: number[] };
  readonly scores: { readonly majority: number; readonly minority: number };
  readonly relevancy: number[];
  readonly proportions: { readonly majority: number[]; readonly minority: number[] };
  readonly selected: number[];
  readonly ranking: number[];
  /** Each user's group, 1 = majority, 0 = minority, in factor-row order (absent in older folders). */
  readonly labels?: number[];
}

/** Item side information saved with the model (`items.json`), for display beside results. */
export interface SavedItems {
  /** Display title per item, in factor-row order. */
  readonly titles?: string[];
  /** Genre names, and per item the indices into `names` of its genres. */
  readonly genres?: { readonly names: string[]; readonly byItem: number[][] };
}

/** One genre of the item profile saved with the model (`item-profile.json`). */
export interface SavedGenreProfile {
  readonly name: string;
  /** Relevancy of every factor for the genre, in [0, 1]. */
  readonly relevancy: number[];
  /** Per factor, the "has the genre" and "has not" shares (they add up to 1). */
  readonly proportions: { readonly with: number[]; readonly without: number[] };
  /** Factors with relevancy ≥ `threshold`, by decreasing relevancy. */
  readonly selected: number[];
  /** All factors by decreasing relevancy. */
  readonly ranking: number[];
  /** The genre classifier's quality on the test items, to judge how far to trust the genre. */
  readonly test: BinaryClassificationReport;
  /**
   * Whether the classifier scores the "has the genre" archetype above 0.9 and the "has not"
   * one below 0.1 (the user side's acceptance check). A genre that fails it has no trustworthy
   * profile, and explanations leave it out.
   */
  readonly archetypesReachGroups: boolean;
}

/**
 * The item side's profile saved with the model (`item-profile.json`, optional): which factors
 * characterize which genre, for explanations in terms of item traits.
 */
export interface SavedItemProfile {
  /** The relevancy threshold of `selected`. */
  readonly threshold: number;
  readonly genres: SavedGenreProfile[];
}

/**
 * The items each user rated, as compressed sparse rows (scipy's `indptr`/`indices`): user u
 * rated items `indices[indptr[u]] … indices[indptr[u + 1] - 1]`, ascending and without
 * duplicates. Saved as `rated-indptr.npy` and `rated-indices.npy` (int32).
 */
export interface RatedItems {
  /** Row offsets, length users + 1. */
  readonly indptr: Int32Array;
  /** Item indices, row by row. */
  readonly indices: Int32Array;
}

/**
 * What fairness is measured with: the ratings held out of the evaluation PMF fit, that fit's
 * factors and the profiles of its factors (the model's own when `factorsFrom` is `train`,
 * since the two fits are then one).
 */
export interface HeldOutData {
  readonly ratings: Ratings;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly profiles: Readonly<Record<string, SavedProfile>>;
}

/** A model folder read back into memory. */
export interface LoadedModel {
  readonly manifest: ModelManifest;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  readonly classifier: Mlp;
  readonly profiles: Readonly<Record<string, SavedProfile>>;
  /** Item titles and genres, when the dataset had them. */
  readonly items?: SavedItems;
  /** The items each user rated, when the folder holds them. */
  readonly rated?: RatedItems;
  /** Which factors characterize which genre, when the run had the item side. */
  readonly itemProfile?: SavedItemProfile;
  /** The value of each rating in `rated`, aligned with `rated.indices` (newer folders). */
  readonly ratedValues?: Float32Array;
  /** The held-out ratings and the fit that never saw them (newer folders). */
  readonly heldOut?: HeldOutData;
}

/** A model's files, encoded, and the manifest that lists them. */
export interface ModelFiles {
  readonly manifest: ModelManifest;
  /** File name → content. */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
}

/**
 * Encodes a pipeline result as the model folder's files (see {@link writeModelFolder}) and
 * the manifest with every file's SHA-256.
 */
export function modelFiles(result: PipelineResult): ModelFiles {
  const { model } = result.mf;
  const userCount = result.dataset.users.ids.length;
  const itemCount = result.dataset.items.ids.length;
  const net = result.classifier.net;
  const files: Record<string, Uint8Array | string> = {
    [USER_FACTORS]: encodeNpy(model.userFactors, [userCount, model.k]),
    [ITEM_FACTORS]: encodeNpy(model.itemFactors, [itemCount, model.k]),
    [CLASSIFIER]: `${JSON.stringify({
      inputSize: net.inputSize,
      hiddenSize: net.hiddenSize,
      outputSize: net.outputSize,
      w1: Array.from(net.w1),
      b1: Array.from(net.b1),
      w2: Array.from(net.w2),
      b2: Array.from(net.b2),
    })}\n`,
    [PROFILE]: `${JSON.stringify(profilesOf(result.attributes))}\n`,
  };
  const items = itemsOf(result);
  if (items !== undefined) files[ITEMS] = `${JSON.stringify(items)}\n`;
  const itemProfile = itemProfileOf(result);
  if (itemProfile !== undefined) files[ITEM_PROFILE] = `${JSON.stringify(itemProfile)}\n`;
  const rated = ratedItemsOf(result);
  files[RATED_INDPTR] = encodeNpy(rated.indptr, [rated.indptr.length]);
  files[RATED_INDICES] = encodeNpy(rated.indices, [rated.indices.length]);
  files[RATED_VALUES] = encodeNpy(rated.values, [rated.values.length]);
  const { heldOut } = result;
  const n = heldOut.ratings.value.length;
  // Imported factors come without held-out ratings: then the folder has none, and what needs
  // them (the fairness sweep) says so instead of measuring on nothing.
  if (n > 0) {
    files[HELD_OUT_USER] = encodeNpy(heldOut.ratings.user, [n]);
    files[HELD_OUT_ITEM] = encodeNpy(heldOut.ratings.item, [n]);
    files[HELD_OUT_VALUE] = encodeNpy(heldOut.ratings.value, [n]);
  }
  if (n > 0 && heldOut.model !== model) {
    files[HELD_OUT_USER_FACTORS] = encodeNpy(heldOut.model.userFactors, [userCount, model.k]);
    files[HELD_OUT_ITEM_FACTORS] = encodeNpy(heldOut.model.itemFactors, [itemCount, model.k]);
    files[HELD_OUT_PROFILE] = `${JSON.stringify(profilesOf(heldOut.attributes))}\n`;
  }
  const digests: Record<string, { sha256: string; bytes: number }> = {};
  for (const [name, content] of Object.entries(files)) {
    digests[name] = { sha256: sha256Hex(content), bytes: Buffer.byteLength(content) };
  }
  const manifest: ModelManifest = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    kind: "deepunhide-model",
    package: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    config: result.config,
    dataset: summarizeDataset(result.dataset),
    k: model.k,
    userIds: result.dataset.users.ids,
    itemIds: result.dataset.items.ids,
    attributes: Object.values(result.attributes).map((a) => ({
      name: a.rule.name,
      output: a.output,
      rule: a.rule,
    })),
    files: digests,
    ...(result.mf.source !== undefined ? { factorSource: result.mf.source } : {}),
  };
  return { manifest, files };
}

/**
 * Writes the trained model as a folder (`manifest.json`, `user-factors.npy`,
 * `item-factors.npy` readable by numpy, `classifier.json`, `profile.json`, the rated items as
 * `rated-indptr.npy` + `rated-indices.npy` + `rated-values.npy`, `items.json` with titles and
 * genres when the dataset has them, and the held-out data fairness is measured with:
 * `held-out-{user,item,value}.npy` and, when the factors were trained on all ratings, the
 * held-out fit's `held-out-{user,item}-factors.npy` and `held-out-profile.json`). The folder is
 * replaced atomically: readers see the previous complete model or the new one. The manifest
 * is written last inside the temporary folder, so a folder without it is never complete.
 */
export async function writeModelFolder(dir: string, result: PipelineResult): Promise<void> {
  const { manifest, files } = modelFiles(result);
  await replaceDirAtomic(dir, async (temp) => {
    for (const [name, content] of Object.entries(files))
      await writeFileAtomic(join(temp, name), content);
    await writeFileAtomic(join(temp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  });
}

/**
 * The model a pipeline result would be read back as from its folder, without touching the
 * disk: the same encoding and the same checks as {@link loadModelFolder}, so what the report
 * computes from it is what the commands compute from the folder.
 */
export function modelFromPipeline(result: PipelineResult): LoadedModel {
  const { manifest, files } = modelFiles(result);
  const contents: Record<string, Buffer> = {};
  for (const [name, content] of Object.entries(files)) contents[name] = Buffer.from(content);
  return parseModel("(in memory)", manifest, contents);
}

function itemsOf(result: PipelineResult): SavedItems | undefined {
  const { titles, genres } = result.dataset.itemAttributes;
  if (titles === undefined && genres === undefined) return undefined;
  const out: { titles?: string[]; genres?: { names: string[]; byItem: number[][] } } = {};
  if (titles !== undefined) out.titles = Array.from(titles);
  if (genres !== undefined) {
    const g = genres.names.length;
    const byItem: number[][] = [];
    for (let i = 0; i < result.dataset.items.ids.length; i++) {
      const row: number[] = [];
      for (let j = 0; j < g; j++) if (genres.matrix[i * g + j] !== 0) row.push(j);
      byItem.push(row);
    }
    out.genres = { names: Array.from(genres.names), byItem };
  }
  return out;
}

function itemProfileOf(result: PipelineResult): SavedItemProfile | undefined {
  const items = result.items;
  if (items === undefined || items.genres.length === 0) return undefined;
  return {
    threshold: items.config.threshold,
    genres: items.genres.map((g) => ({
      name: g.name,
      relevancy: Array.from(g.profile.relevancy),
      proportions: {
        with: Array.from(g.profile.majorityShare),
        without: Array.from(g.profile.minorityShare),
      },
      selected: Array.from(g.profile.selected),
      ranking: Array.from(g.profile.ranking),
      test: g.classifier.test,
      archetypesReachGroups: g.archetypes.majority.score > 0.9 && g.archetypes.minority.score < 0.1,
    })),
  };
}

/**
 * Counting sort of the ratings by user, then by item, dropping repeated (user, item) pairs
 * (the first rating of a pair keeps its value).
 */
function ratedItemsOf(result: PipelineResult): RatedItems & { readonly values: Float32Array } {
  const { user, item, value } = result.dataset.ratings;
  const users = result.dataset.users.ids.length;
  const counts = new Int32Array(users + 1);
  for (let r = 0; r < user.length; r++) counts[user[r] + 1]++;
  for (let u = 0; u < users; u++) counts[u + 1] += counts[u];
  const next = counts.slice(0, users);
  const sorted = new Int32Array(user.length);
  for (let r = 0; r < user.length; r++) sorted[next[user[r]]++] = r;
  const indptr = new Int32Array(users + 1);
  const indices = new Int32Array(user.length);
  const values = new Float32Array(user.length);
  let kept = 0;
  for (let u = 0; u < users; u++) {
    // Stable sort by item keeps the first rating of a repeated pair first.
    const row = Array.from(sorted.subarray(counts[u], counts[u + 1])).sort(
      (a, b) => item[a] - item[b] || a - b,
    );
    for (let x = 0; x < row.length; x++) {
      if (x > 0 && item[row[x]] === item[row[x - 1]]) continue;
      indices[kept] = item[row[x]];
      values[kept] = value[row[x]];
      kept++;
    }
    indptr[u + 1] = kept;
  }
  return { indptr, indices: indices.slice(0, kept), values: values.slice(0, kept) };
}

function profilesOf(
  attributes: Readonly<Record<string, UnhiddenAttribute>>,
): Record<string, SavedProfile> {
  const out: Record<string, SavedProfile> = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = {
      archetypes: {
        majority: Array.from(a.archetypes.majority.vector),
        minority: Array.from(a.archetypes.minority.vector),
      },
      scores: { majority: a.archetypes.majority.score, minority: a.archetypes.minority.score },
      relevancy: Array.from(a.profile.relevancy),
      proportions: {
        majority: Array.from(a.profile.majorityShare),
        minority: Array.from(a.profile.minorityShare),
      },
      selected: Array.from(a.profile.selected),
      ranking: Array.from(a.profile.ranking),
      labels: Array.from(a.labels),
    };
  }
  return out;
}

/**
 * Reads a model folder written by {@link writeModelFolder}, verifying every file's presence,
 * checksum and shape, and that the files agree with the manifest's dataset (user and item
 * counts, K, the attributes). Throws {@link ModelFormatError} naming the folder or file and
 * what is wrong.
 */
export async function loadModelFolder(dir: string): Promise<LoadedModel> {
  const manifestPath = join(dir, MANIFEST);
  const manifestText = await readOrFail(
    manifestPath,
    `${dir} is not a complete deepunhide model folder: ${MANIFEST} is missing`,
  );
  const manifest = checkManifest(parseModelJson(manifestText, manifestPath), manifestPath);
  const contents: Record<string, Buffer> = {};
  const optional = OPTIONAL_FILES.filter((name) => manifest.files?.[name] !== undefined);
  for (const name of [USER_FACTORS, ITEM_FACTORS, CLASSIFIER, PROFILE, ...optional]) {
    const path = join(dir, name);
    const expected = manifest.files?.[name];
    if (expected === undefined) throw new ModelFormatError(`${manifestPath}: no entry for ${name}`);
    const bytes = await readOrFail(path, `${path} is missing from the model folder`);
    if (sha256Hex(bytes) !== expected.sha256) {
      throw new ModelFormatError(
        `${path}: checksum does not match the manifest (the file is corrupt or was changed)`,
      );
    }
    contents[name] = bytes;
  }
  return parseModel(dir, manifest, contents);
}

/** Decodes verified file contents and checks that they agree with each other and the manifest. */
function parseModel(
  dir: string,
  manifest: ModelManifest,
  contents: Record<string, Buffer>,
): LoadedModel {
  const users = manifest.userIds?.length;
  const items = manifest.itemIds?.length;
  if (manifest.dataset?.users !== users || manifest.dataset?.items !== items) {
    throw new ModelFormatError(
      `${join(dir, MANIFEST)}: the dataset "${manifest.dataset?.name}" has ${manifest.dataset?.users} users and ${manifest.dataset?.items} items, but the manifest lists ${users} user ids and ${items} item ids`,
    );
  }
  const userFactors = factorMatrix(
    contents[USER_FACTORS],
    join(dir, USER_FACTORS),
    users,
    manifest.k,
  );
  const itemFactors = factorMatrix(
    contents[ITEM_FACTORS],
    join(dir, ITEM_FACTORS),
    items,
    manifest.k,
  );
  const classifier = checkClassifier(
    parseModelJson(contents[CLASSIFIER], join(dir, CLASSIFIER)),
    join(dir, CLASSIFIER),
    manifest.k,
  );
  const profiles = parseProfiles(contents[PROFILE], join(dir, PROFILE), manifest);
  const loaded: {
    -readonly [K in keyof LoadedModel]: LoadedModel[K];
  } = { manifest, userFactors, itemFactors, classifier, profiles };
  if (contents[ITEMS] !== undefined) {
    loaded.items = checkItems(
      parseModelJson(contents[ITEMS], join(dir, ITEMS)),
      join(dir, ITEMS),
      manifest.itemIds.length,
    );
  }
  if (contents[ITEM_PROFILE] !== undefined) {
    loaded.itemProfile = itemProfileFrom(
      contents[ITEM_PROFILE],
      join(dir, ITEM_PROFILE),
      manifest.k,
    );
  }
  if (contents[RATED_INDPTR] !== undefined && contents[RATED_INDICES] !== undefined) {
    loaded.rated = ratedItems(dir, contents, manifest);
    if (contents[RATED_VALUES] !== undefined) {
      loaded.ratedValues = vector(
        contents[RATED_VALUES],
        join(dir, RATED_VALUES),
        Float32Array,
        loaded.rated.indices.length,
      );
    }
  }
  if (contents[HELD_OUT_USER] !== undefined) {
    loaded.heldOut = heldOutData(dir, contents, manifest, loaded);
  }
  return loaded;
}

function parseProfiles(
  bytes: Buffer,
  path: string,
  manifest: ModelManifest,
): Record<string, SavedProfile> {
  const raw = parseModelJson(bytes, path);
  const fields = new JsonFields(path, raw);
  const { k } = manifest;
  for (const { name } of manifest.attributes) {
    if (!fields.has(name)) throw new ModelFormatError(`${path}: no profile for "${name}"`);
    const profile = fields.object(name);
    const archetypes = profile.object("archetypes");
    archetypes.numbers("majority", k);
    archetypes.numbers("minority", k);
    const scores = profile.object("scores");
    scores.number("majority");
    scores.number("minority");
    checkFactorProfile(profile, k, ["majority", "minority"]);
    if (profile.has("labels")) profile.indices("labels", 2, manifest.userIds.length);
  }
  return raw as Record<string, SavedProfile>;
}

function heldOutData(
  dir: string,
  contents: Record<string, Buffer>,
  manifest: ModelManifest,
  model: Pick<LoadedModel, "userFactors" | "itemFactors" | "profiles">,
): HeldOutData {
  const userPath = join(dir, HELD_OUT_USER);
  const user = vector(contents[HELD_OUT_USER], userPath, Int32Array);
  const item = vector(contents[HELD_OUT_ITEM], join(dir, HELD_OUT_ITEM), Int32Array, user.length);
  const value = vector(
    contents[HELD_OUT_VALUE],
    join(dir, HELD_OUT_VALUE),
    Float32Array,
    user.length,
  );
  const users = manifest.userIds.length;
  const items = manifest.itemIds.length;
  for (let r = 0; r < user.length; r++) {
    if (!(user[r] >= 0 && user[r] < users && item[r] >= 0 && item[r] < items)) {
      throw new ModelFormatError(
        `${userPath}: held-out rating ${r} is (user ${user[r]}, item ${item[r]}), outside the model's ${users} users × ${items} items`,
      );
    }
  }
  if (contents[HELD_OUT_USER_FACTORS] === undefined) {
    // factorsFrom = train: the held-out ratings were held out of the model's own fit.
    return { ratings: { user, item, value }, ...pick(model) };
  }
  return {
    ratings: { user, item, value },
    userFactors: factorMatrix(
      contents[HELD_OUT_USER_FACTORS],
      join(dir, HELD_OUT_USER_FACTORS),
      users,
      manifest.k,
    ),
    itemFactors: factorMatrix(
      contents[HELD_OUT_ITEM_FACTORS],
      join(dir, HELD_OUT_ITEM_FACTORS),
      items,
      manifest.k,
    ),
    profiles: parseProfiles(contents[HELD_OUT_PROFILE], join(dir, HELD_OUT_PROFILE), manifest),
  };
}

function pick(model: Pick<LoadedModel, "userFactors" | "itemFactors" | "profiles">) {
  return {
    userFactors: model.userFactors,
    itemFactors: model.itemFactors,
    profiles: model.profiles,
  };
}

function vector<T extends Int32Array | Float32Array>(
  bytes: Buffer | undefined,
  path: string,
  type: { new (n: number): T; readonly name: string },
  length?: number,
): T {
  if (bytes === undefined) throw new ModelFormatError(`${path} is missing from the model folder`);
  const { data, shape } = decodeNpy(bytes, path);
  if (
    !(data instanceof type) ||
    shape.length !== 1 ||
    (length !== undefined && shape[0] !== length)
  ) {
    throw new ModelFormatError(
      `${path}: expected a ${type.name === "Int32Array" ? "int32" : "float32"} vector${length !== undefined ? ` of length ${length}` : ""}, found ${data.constructor.name} of shape (${shape.join(", ")})`,
    );
  }
  return data as T;
}

function ratedItems(
  dir: string,
  contents: Record<string, Buffer>,
  manifest: ModelManifest,
): RatedItems {
  const indptrPath = join(dir, RATED_INDPTR);
  const indicesPath = join(dir, RATED_INDICES);
  const indptr = decodeNpy(contents[RATED_INDPTR], indptrPath).data;
  const indices = decodeNpy(contents[RATED_INDICES], indicesPath).data;
  if (!(indptr instanceof Int32Array) || indptr.length !== manifest.userIds.length + 1) {
    throw new ModelFormatError(
      `${indptrPath}: expected ${manifest.userIds.length + 1} int32 row offsets`,
    );
  }
  if (!(indices instanceof Int32Array) || indptr[indptr.length - 1] !== indices.length) {
    throw new ModelFormatError(`${indicesPath}: expected ${indptr[indptr.length - 1]} int32 items`);
  }
  for (let u = 0; u < indptr.length - 1; u++) {
    if (indptr[u] > indptr[u + 1] || indptr[u] < 0) {
      throw new ModelFormatError(`${indptrPath}: row offsets must not decrease (row ${u})`);
    }
  }
  const items = manifest.itemIds.length;
  for (let x = 0; x < indices.length; x++) {
    if (indices[x] < 0 || indices[x] >= items) {
      throw new ModelFormatError(
        `${indicesPath}: item index ${indices[x]} is not in [0, ${items})`,
      );
    }
  }
  return { indptr, indices };
}

async function readOrFail(path: string, message: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ModelFormatError(message);
    throw error;
  }
}

function factorMatrix(bytes: Uint8Array, path: string, rows: number, k: number): Float32Array {
  const { data, shape } = decodeNpy(bytes, path);
  if (
    !(data instanceof Float32Array) ||
    shape.length !== 2 ||
    shape[0] !== rows ||
    shape[1] !== k
  ) {
    throw new ModelFormatError(
      `${path}: expected a float32 matrix of shape (${rows}, ${k}), found ${data.constructor.name} of shape (${shape.join(", ")})`,
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new ModelFormatError(
        `${path}: value ${data[i]} at row ${Math.floor(i / k)}, factor ${i % k} (factors must be finite numbers)`,
      );
    }
  }
  return data;
}

/** The manifest's fields, checked (the kind and schema version first, for the clearest error). */
function checkManifest(raw: unknown, path: string): ModelManifest {
  const fields = new JsonFields(path, raw);
  const found = raw as Partial<ModelManifest>;
  if (found.kind !== "deepunhide-model" || found.schemaVersion !== MODEL_SCHEMA_VERSION) {
    throw new ModelFormatError(
      `${path}: expected a deepunhide model of schema version ${MODEL_SCHEMA_VERSION}, found kind "${String(found.kind)}" version ${String(found.schemaVersion)}; rerun deepunhide run with this version to rebuild the folder`,
    );
  }
  fields.integer("k", 1, 100_000);
  fields.strings("userIds");
  fields.strings("itemIds");
  fields.object("config");
  fields.object("dataset");
  const attributes = (raw as { attributes?: unknown }).attributes;
  if (!Array.isArray(attributes) || attributes.length === 0) {
    throw new ModelFormatError(`${path}: field "attributes" must be a non-empty array`);
  }
  attributes.forEach((_, a) => {
    const attribute = new JsonFields(path, attributes[a], `attributes[${a}]`);
    attribute.string("name");
    attribute.integer("output", 0, attributes.length - 1);
    const rule = attribute.object("rule");
    rule.string("majority");
    rule.string("minority");
  });
  const files = fields.object("files");
  for (const name of files.keys()) {
    const entry = files.object(name);
    entry.string("sha256");
    entry.integer("bytes", 0);
  }
  return raw as ModelManifest;
}

function checkClassifier(raw: unknown, path: string, k: number): Mlp {
  const fields = new JsonFields(path, raw);
  const inputSize = fields.integer("inputSize", k, k);
  const hiddenSize = fields.integer("hiddenSize", 1, 100_000);
  const outputSize = fields.integer("outputSize", 1, 1_000);
  return {
    inputSize,
    hiddenSize,
    outputSize,
    w1: Float64Array.from(fields.numbers("w1", hiddenSize * inputSize)),
    b1: Float64Array.from(fields.numbers("b1", hiddenSize)),
    w2: Float64Array.from(fields.numbers("w2", outputSize * hiddenSize)),
    b2: Float64Array.from(fields.numbers("b2", outputSize)),
  };
}

function checkItems(raw: unknown, path: string, items: number): SavedItems {
  const fields = new JsonFields(path, raw);
  if (fields.has("titles")) fields.strings("titles", items);
  if (fields.has("genres")) {
    const genres = fields.object("genres");
    const names = genres.strings("names");
    genres.indexRows("byItem", names.length, items);
  }
  return raw as SavedItems;
}

function itemProfileFrom(bytes: Buffer, path: string, k: number): SavedItemProfile {
  const raw = parseModelJson(bytes, path);
  const fields = new JsonFields(path, raw);
  fields.number("threshold");
  const genres = (raw as { genres?: unknown }).genres;
  if (!Array.isArray(genres))
    throw new ModelFormatError(`${path}: field "genres" must be an array`);
  genres.forEach((_, g) => {
    const genre = new JsonFields(path, genres[g], `genres[${g}]`);
    genre.string("name");
    checkFactorProfile(genre, k, ["with", "without"]);
    genre.object("test");
  });
  return raw as SavedItemProfile;
}

/** The fields a factor profile shares on both sides: relevancy, the two shares, selection and ranking. */
function checkFactorProfile(
  profile: JsonFields,
  k: number,
  sides: readonly [string, string],
): void {
  profile.numbers("relevancy", k, 0, 1);
  const proportions = profile.object("proportions");
  for (const side of sides) proportions.numbers(side, k, 0, 1);
  profile.indices("selected", k);
  profile.indices("ranking", k, k);
}
