import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
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
 *
 * The swap is two renames (old folder aside, new folder in), so a process killed between them
 * leaves no folder at `path` but the previous one complete beside it. The sibling names carry
 * the writer's process id, and every call first runs {@link recoverInterruptedReplace}: the
 * leftovers of dead writers are cleaned up and a folder set aside by one is put back. Readers
 * therefore see the previous complete folder, the new complete one, or (only until the next
 * write) nothing.
 */
export async function replaceDirAtomic(
  path: string,
  fill: (tempDir: string) => Promise<void>,
): Promise<void> {
  const parent = dirname(path);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedReplace(path);
  const suffix = `${process.pid}-${randomBytes(6).toString("hex")}`;
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

const SIBLING = /^\.(.+)\.(\d+)-[0-9a-f]+\.(tmp|old)$/;

/**
 * Cleans up after writers of `path` that were killed inside {@link replaceDirAtomic}: when
 * `path` is missing and a dead writer set the previous folder aside (`.old`), it is put back;
 * every other `.tmp`/`.old` sibling of a dead writer is removed. Siblings of live processes
 * (another writer at work) are left alone. Returns whether a folder was put back.
 */
export async function recoverInterruptedReplace(path: string): Promise<boolean> {
  const parent = dirname(path);
  const name = basename(path);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
  const stale = entries.filter((entry) => {
    const match = SIBLING.exec(entry);
    return match !== null && match[1] === name && !isAlive(Number(match[2]));
  });
  let restored = false;
  if (!entries.includes(name)) {
    const aside = stale.find((entry) => entry.endsWith(".old"));
    if (aside !== undefined) {
      await rename(join(parent, aside), path);
      restored = true;
    }
  }
  for (const entry of stale) {
    await rm(join(parent, entry), { recursive: true, force: true });
  }
  return restored;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
