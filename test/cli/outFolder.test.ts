import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./spawnCli.js";

describe("run --out", () => {
  it("refuses a folder holding other files before doing any work, and touches nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "du-out-"));
    await writeFile(join(dir, "notes.txt"), "mine");
    const result = runCli(["run", "--no-evaluation", "--k", "4", "--epochs", "1", "--out", dir]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("notes.txt");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual(["notes.txt"]);
    expect(await readFile(join(dir, "notes.txt"), "utf8")).toBe("mine");
  });

  it("refuses a file in place of the folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "du-out-"));
    await writeFile(join(dir, "file"), "x");
    const result = runCli(["run", "--no-evaluation", "--out", join(dir, "file")]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("is a file");
  });
});
