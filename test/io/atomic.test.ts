import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  recoverInterruptedReplace,
  replaceDirAtomic,
  writeFileAtomic,
} from "../../src/io/atomic.js";

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

describe("recoverInterruptedReplace", () => {
  // A pid that cannot be alive: above Linux's pid_max limit (4194304).
  const DEAD = 9_999_999;

  it("puts back a folder a killed writer set aside, and removes its half-written folder", async () => {
    const parent = await mkdtemp(join(tmpdir(), "du-atomic-"));
    await mkdir(join(parent, `.model.${DEAD}-abc123.old`));
    await writeFile(join(parent, `.model.${DEAD}-abc123.old`, "complete.txt"), "previous");
    await mkdir(join(parent, `.model.${DEAD}-abc123.tmp`));
    await writeFile(join(parent, `.model.${DEAD}-abc123.tmp`, "half.txt"), "new");
    expect(await recoverInterruptedReplace(join(parent, "model"))).toBe(true);
    expect(await readdir(parent)).toEqual(["model"]);
    expect(await readFile(join(parent, "model", "complete.txt"), "utf8")).toBe("previous");
  });

  it("removes a dead writer's leftovers but keeps the current folder and live writers' ones", async () => {
    const parent = await mkdtemp(join(tmpdir(), "du-atomic-"));
    await mkdir(join(parent, "model"));
    await writeFile(join(parent, "model", "current.txt"), "current");
    await mkdir(join(parent, `.model.${DEAD}-abc123.old`));
    await mkdir(join(parent, `.model.${DEAD}-def456.tmp`));
    await mkdir(join(parent, `.model.${process.pid}-aaa111.tmp`));
    await mkdir(join(parent, `.other.${DEAD}-abc123.tmp`));
    expect(await recoverInterruptedReplace(join(parent, "model"))).toBe(false);
    expect((await readdir(parent)).sort()).toEqual(
      [`.model.${process.pid}-aaa111.tmp`, `.other.${DEAD}-abc123.tmp`, "model"].sort(),
    );
    expect(await readdir(join(parent, "model"))).toEqual(["current.txt"]);
  });

  it("runs before every replace, so the next write starts from a clean parent", async () => {
    const parent = await mkdtemp(join(tmpdir(), "du-atomic-"));
    await mkdir(join(parent, `.model.${DEAD}-abc123.tmp`));
    await replaceDirAtomic(join(parent, "model"), async (temp) => {
      await writeFile(join(temp, "new.txt"), "new");
    });
    expect(await readdir(parent)).toEqual(["model"]);
  });
});
