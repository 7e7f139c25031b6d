/**
 * The inputs of a fairness sweep, taken from a saved model: the held-out ratings, the factors
 * of the fit that never saw them and the profile of those same factors (factor j of one PMF
 * fit means nothing in another, so the weights must come from that fit's own profile).
 */

import type { Ratings } from "../data/dataset.js";
import { ConfigError } from "../errors.js";
import type { LoadedModel } from "../io/modelFolder.js";
import {
  type FairnessConfig,
  type FairnessInput,
  type FairnessSweep,
  fairnessSweep,
} from "./fairnessSweep.js";

/** Every rating of the model folder (rated items and their values) as parallel arrays. */
export function savedRatings(model: LoadedModel, folder: string): Ratings {
  const { rated, ratedValues } = model;
  if (rated === undefined || ratedValues === undefined) {
    throw new ConfigError(noHeldOut(folder, "rating values"));
  }
  const user = new Int32Array(rated.indices.length);
  for (let u = 0; u + 1 < rated.indptr.length; u++) {
    user.fill(u, rated.indptr[u], rated.indptr[u + 1]);
  }
  return { user, item: rated.indices, value: ratedValues };
}

/**
 * The {@link FairnessInput} of one attribute of a loaded model.
 * @param folder - the folder's path, for the error messages.
 * @throws ConfigError for an unknown attribute, or a folder written before held-out data,
 *   rating values or users' groups were saved (the message says to rerun `deepunhide run`).
 */
export function fairnessInput(
  model: LoadedModel,
  attribute: string,
  folder: string,
): FairnessInput {
  const known = model.manifest.attributes.map((a) => a.name);
  if (!known.includes(attribute)) {
    throw new ConfigError(
      `unknown attribute "${attribute}"; the model at ${folder} has ${known.join(", ")}`,
    );
  }
  const heldOut = model.heldOut;
  if (heldOut === undefined && model.manifest.factorSource !== undefined) {
    throw new ConfigError(
      `${folder} holds imported ${model.manifest.factorSource.format} factors, which come without held-out ratings; fairness is measured on ratings the factors never saw, so train them with deepunhide run`,
    );
  }
  if (heldOut === undefined) throw new ConfigError(noHeldOut(folder, "held-out ratings"));
  const labels = model.profiles[attribute].labels;
  if (labels === undefined) throw new ConfigError(noHeldOut(folder, "users' groups"));
  return {
    userFactors: heldOut.userFactors,
    itemFactors: heldOut.itemFactors,
    k: model.manifest.k,
    shares: heldOut.profiles[attribute],
    archetypes: heldOut.profiles[attribute],
    labels: Uint8Array.from(labels),
    heldOut: heldOut.ratings,
    ratings: savedRatings(model, folder),
    ...(model.rated !== undefined ? { exclude: model.rated } : {}),
  };
}

function noHeldOut(folder: string, what: string): string {
  return `${folder} has no ${what} (it was written by an older version of deepunhide); rerun deepunhide run to write a model folder with the held-out ratings fairness is measured on`;
}

/** A sweep for one attribute of a model, with the attribute's name and its groups' names. */
export interface FairnessDocument extends FairnessSweep {
  readonly attribute: string;
  /** Display names of the attribute's groups, e.g. male / female. */
  readonly groups: { readonly majority: string; readonly minority: string };
}

/**
 * Runs {@link fairnessSweep} on one attribute of a loaded model (what `deepunhide fairness`
 * prints and what `results.json` → `uses.fairness` holds).
 * @throws ConfigError as {@link fairnessInput} and the sweep's config do.
 */
export function modelFairness(
  model: LoadedModel,
  attribute: string,
  folder: string,
  config: Partial<FairnessConfig> = {},
): FairnessDocument {
  const sweep = fairnessSweep(fairnessInput(model, attribute, folder), config);
  const rule = model.manifest.attributes.find((a) => a.name === attribute)?.rule;
  return {
    attribute,
    groups: { majority: rule?.majority ?? "majority", minority: rule?.minority ?? "minority" },
    ...sweep,
  };
}
