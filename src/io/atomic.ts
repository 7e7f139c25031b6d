import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes a file atomically: the bytes go to a temporary file beside the target, which is
 * then renamed over it. A reader sees the old file or the new one, never half of one.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Replaces a whole folder atomically: `fill` writes into a fresh temporary folder beside
 * `path`, which then takes the place of `path`. If `fill` throws, the old folder is untouched.
 */
export async function replaceDirAtomic(
  path: string,
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(path);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const temp = join(parent, `.${basename(path)}.${suffix}.tmp`);
  const old = join(parent, `.${basename(path)}.${suffix}.old`);
  await mkdir(temp);
  try {
    await fill(temp);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  let moved = false;
  try {
    await rename(path, old);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }
  await rename(temp, path);
  if (moved) await rm(old, { recursive: true, force: true });
}
