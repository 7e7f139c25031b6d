/**
 * What the explorer serves: a model folder loaded once, read-only, with the run's
 * results.json beside it when it belongs to the same run, and the few things every request
 * would otherwise recompute.
 */

import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { groupAttributes } from "../apply/groupFromModel.js";
import { itemIndexOf, userIndexOf } from "../apply/modelIds.js";
import { ConfigError, RequestError } from "../errors.js";
import { type LoadedModel, loadModelFolder, type SavedProfile } from "../io/modelFolder.js";
import type { ResultsDocument } from "../report/resultsDocument.js";

/** A loaded model and its context, shared (read-only) by every request. */
export interface ExplorerModel {
  /** The model folder, as resolved. */
  readonly dir: string;
  readonly model: LoadedModel;
  /** The run's results.json (RMSE, classifier quality), when it is beside the folder and matches it. */
  readonly results?: ResultsDocument;
  /** Why `results` is absent, for the page to say. */
  readonly resultsNote?: string;
  /** Attributes with a saved profile, in the classifier's output order. */
  readonly attributes: readonly string[];
  /** Number of users who rated each item (zeros when the folder does not record rated items). */
  readonly itemRatings: Int32Array;
  /** What the demographic group method reads; `undefined` for folders without users' groups. */
  readonly groupAttributes: ReturnType<typeof groupAttributes>;
}

/**
 * Loads the model folder and, if present, `<dir>/../results.json` (where `deepunhide run`
 * writes it). The results are kept only when their relevancy equals the folder's profile
 * exactly, so figures of another run are never shown beside this model.
 * @throws ModelFormatError when the folder is missing, corrupt or changed.
 */
export async function loadExplorerModel(dir: string): Promise<ExplorerModel> {
  const resolved = resolve(dir);
  const model = await loadModelFolder(resolved);
  const attributes = model.manifest.attributes
    .map((a) => a.name)
    .filter((name) => model.profiles[name] !== undefined);
  const { results, note } = await readMatchingResults(resolved, model, attributes);
  return {
    dir: resolved,
    model,
    ...(results !== undefined ? { results } : { resultsNote: note }),
    attributes,
    itemRatings: countRatingsPerItem(model),
    groupAttributes: groupAttributes(model),
  };
}

function countRatingsPerItem(model: LoadedModel): Int32Array {
  const counts = new Int32Array(model.manifest.itemIds.length);
  const indices = model.rated?.indices ?? new Int32Array(0);
  for (let r = 0; r < indices.length; r++) counts[indices[r]]++;
  return counts;
}

async function readMatchingResults(
  dir: string,
  model: LoadedModel,
  attributes: readonly string[],
): Promise<{ results?: ResultsDocument; note?: string }> {
  const path = join(dirname(dir), "results.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { note: `no results.json beside the model folder (${path})` };
  }
  try {
    const results = JSON.parse(text) as ResultsDocument;
    const same = attributes.every((name) => {
      const saved = model.profiles[name].relevancy;
      const run = results.attributes?.[name]?.relevancy;
      return (
        run !== undefined && run.length === saved.length && run.every((x, j) => x === saved[j])
      );
    });
    if (!same) return { note: `${path} belongs to another run than the model folder` };
    return { results };
  } catch {
    return { note: `${path} is not valid JSON` };
  }
}

/** The dense index of a user id; an unknown id is a 404 that says what ids look like. */
export function userIndex(explorer: ExplorerModel, id: string): number {
  return asNotFound(() => userIndexOf(explorer.model, id));
}

/** The dense index of an item id; an unknown id is a 404. */
export function itemIndex(explorer: ExplorerModel, id: string): number {
  return asNotFound(() => itemIndexOf(explorer.model, id));
}

/** The saved profile of an attribute; an unknown attribute is a 404 naming the known ones. */
export function attributeProfile(explorer: ExplorerModel, name: string): SavedProfile {
  if (!explorer.attributes.includes(name)) {
    throw new RequestError(
      404,
      `unknown attribute "${name}"; this model has ${explorer.attributes.join(", ")}`,
    );
  }
  return explorer.model.profiles[name];
}

/** The group rule (majority and minority labels) of an attribute. */
export function attributeRule(explorer: ExplorerModel, name: string) {
  const entry = explorer.model.manifest.attributes.find((a) => a.name === name);
  if (entry === undefined) throw new RequestError(404, `unknown attribute "${name}"`);
  return entry.rule;
}

function asNotFound<T>(lookup: () => T): T {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof ConfigError) throw new RequestError(404, error.message);
    throw error;
  }
}
