import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { replaceDirAtomic, writeFileAtomic } from "../../src/io/atomic.js";

describe("writeFileAtomic", () => {
  it("writes the bytes and leaves no temporary file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "du-atomic-"));
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    await writeFileAtomic(join(dir, "sub", "a.bin"), bytes);
    expect(new Uint8Array(await readFile(join(dir, "sub", "a.bin")))).toEqual(bytes);
    expect(await readdir(join(dir, "sub"))).toEqual(["a.bin"]);
  });
});

describe("replaceDirAtomic", () => {
  it("replaces a folder and keeps the old one when filling fails", async () => {
    const parent = await mkdtemp(join(tmpdir(), "du-atomic-"));
    const target = join(parent, "model");
    await mkdir(target);
    await writeFile(join(target, "old.txt"), "old");
    await expect(
      replaceDirAtomic(target, async (temp) => {
        await writeFile(join(temp, "new.txt"), "new");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await readdir(target)).toEqual(["old.txt"]);
    expect(await readdir(parent)).toEqual(["model"]);
    await replaceDirAtomic(target, async (temp) => {
      await writeFile(join(temp, "new.txt"), "new");
    });
    expect(await readdir(target)).toEqual(["new.txt"]);
    expect(await readdir(parent)).toEqual(["model"]);
  });
});
