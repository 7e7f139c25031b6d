/**
 * The output folder of `deepunhide run`, written as one unit: results.json, the model folder
 * and the report appear together or not at all, so a run killed at any moment leaves the
 * previous complete output (or, if there was none, nothing).
 */

import { readdir } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { replaceDirAtomic } from "./atomic.js";

/** The entries a run writes into its output folder; nothing else may be replaced. */
export const RUN_FOLDER_ENTRIES: readonly string[] = [
  "results.json",
  "model",
  "report.html",
  "figures",
];

/**
 * Checks that `out` may be replaced by a run's output: it is missing, empty, or holds only a
 * previous run's entries (see {@link RUN_FOLDER_ENTRIES}). Since the whole folder is swapped,
 * anything else is refused rather than replaced: `--out .` in a project folder must never
 * delete the user's files. Called before a run starts, so the mistake costs nothing.
 * @throws ConfigError when `out` is a file or holds other files.
 */
export async function checkRunFolder(out: string): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new ConfigError(`--out ${out} is a file, not a folder`);
    if (code !== "ENOENT") throw error;
  }
  const foreign = entries.filter(
    (entry) => !RUN_FOLDER_ENTRIES.includes(entry) && !entry.startsWith("."),
  );
  if (foreign.length > 0) {
    throw new ConfigError(
      `--out ${out} holds files that are not a deepunhide run's (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}); the output folder is replaced as a whole, so choose an empty or new folder`,
    );
  }
}

/**
 * Replaces the output folder `out` with what `fill` writes into a temporary folder, after
 * {@link checkRunFolder}.
 * @throws ConfigError when `out` holds other files.
 */
export async function replaceRunFolder(
  out: string,
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  await checkRunFolder(out);
  await replaceDirAtomic(out, fill);
}
