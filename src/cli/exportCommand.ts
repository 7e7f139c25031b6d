/**
 * `deepunhide export`: a model folder's factors and ids in another engine's format.
 */

import { resolve } from "node:path";
import { exportFactors } from "../io/exportFactors.js";
import type { FactorFormat } from "../io/importedFactors.js";
import { loadModelFolder } from "../io/modelFolder.js";

/** Options of {@link exportCommand}, as parsed from the command line. */
export interface ExportCommandOptions {
  /** Model folder written by `deepunhide run` or `import`. */
  readonly model: string;
  readonly format: FactorFormat;
  /** Output folder, replaced atomically. */
  readonly out: string;
  /** Print a JSON description instead of a sentence. */
  readonly json: boolean;
}

/**
 * Loads the model folder (checksums verified) and writes its factors with their ids. Prints
 * the files written; with `json`, `{ format, out, files, users, items, k }`.
 */
export async function exportCommand(options: ExportCommandOptions): Promise<void> {
  const model = await loadModelFolder(options.model);
  const { manifest } = model;
  const out = resolve(options.out);
  const files = await exportFactors(
    out,
    {
      userIds: [...manifest.userIds],
      itemIds: [...manifest.itemIds],
      factors: {
        k: manifest.k,
        userCount: manifest.userIds.length,
        itemCount: manifest.itemIds.length,
        userFactors: model.userFactors,
        itemFactors: model.itemFactors,
      },
    },
    options.format,
  );
  const summary = {
    format: options.format,
    out,
    files,
    users: manifest.userIds.length,
    items: manifest.itemIds.length,
    k: manifest.k,
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `Wrote ${summary.users} user and ${summary.items} item factors (K = ${summary.k}) as ${options.format} to ${out}: ${files.join(", ")}\n`,
  );
}
