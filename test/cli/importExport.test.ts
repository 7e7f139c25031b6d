import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/util/sha256.js";
import { runCli } from "./spawnCli.js";

// Small enough to be quick, large enough to exercise every stage.
const fast = ["--attributes", "gender", "--no-evaluation", "--quiet"];

describe("deepunhide export and import", () => {
  let root: string;
  let original: { attributes: { gender: { relevancy: number[]; classifier: unknown } } };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "du-interop-"));
    const run = runCli(["run", "--k", "12", "--epochs", "5", ...fast, "--out", join(root, "run")]);
    expect(run.status, run.stderr).toBe(0);
    original = JSON.parse(await readFile(join(root, "run", "results.json"), "utf8"));
  });

  it("exports every format, and importing each gives the original run's profile exactly", async () => {
    for (const format of ["csv", "npy", "npz", "spark"]) {
      const out = join(root, `export-${format}`);
      const exported = runCli([
        "export",
        "--model",
        join(root, "run", "model"),
        "--format",
        format,
        "--out",
        out,
        "--json",
      ]);
      expect(exported.status, exported.stderr).toBe(0);
      const written = JSON.parse(exported.stdout);
      expect(written).toMatchObject({ format, users: 943, items: 1682, k: 12 });
      const imported = runCli(["import", "--factors", out, ...fast, "--out", join(root, format)]);
      expect(imported.status, imported.stderr).toBe(0);
      const results = JSON.parse(await readFile(join(root, format, "results.json"), "utf8"));
      expect(results.attributes.gender.relevancy, format).toEqual(
        original.attributes.gender.relevancy,
      );
      expect(results.attributes.gender.classifier).toEqual(original.attributes.gender.classifier);
      expect(results.mf.source.format).toBe(format);
      expect(results.mf.rmse.test).toBeNull();
      // The model folder records the import, with each input file's hash.
      const manifest = JSON.parse(
        await readFile(join(root, format, "model", "manifest.json"), "utf8"),
      );
      expect(manifest.factorSource.format).toBe(format);
      for (const file of manifest.factorSource.files) {
        expect(file.sha256).toBe(sha256Hex(await readFile(file.name)));
      }
      // And the imported model exports back to the same factors.
      expect(await readFile(join(root, format, "model", "user-factors.npy"))).toEqual(
        await readFile(join(root, "run", "model", "user-factors.npy")),
      );
    }
  });

  it("reads a .npy pair given file by file, with id files, and says so in the summary", async () => {
    const dir = join(root, "export-npy");
    const result = runCli([
      "import",
      "--factors",
      join(dir, "user_factors.npy"),
      "--item-factors",
      join(dir, "item_factors.npy"),
      "--user-ids",
      join(dir, "user_ids.txt"),
      "--item-ids",
      join(dir, "item_ids.txt"),
      "--attributes",
      "gender",
      "--no-evaluation",
      "--out",
      join(root, "pair"),
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Imported factors \(npy, K = 12\)/);
    expect(result.stdout).toMatch(/users kept 943 of 943/);
    expect(result.stdout).toMatch(/RMSE in-sample/);
    // Imported factors come without held-out ratings: no fairness sweep, and a clear reason.
    const fairness = runCli(["fairness", "--model", join(root, "pair", "model")]);
    expect(fairness.status).toBe(1);
    expect(fairness.stderr).toMatch(
      /holds imported npy factors, which come without held-out ratings/,
    );
  });

  it("warns when rows are matched by position, and ends bad input in one line naming the file", async () => {
    const dir = join(root, "export-npy");
    const positional = runCli([
      "import",
      "--factors",
      join(dir, "user_factors.npy"),
      "--item-factors",
      join(dir, "item_factors.npy"),
      "--attributes",
      "gender",
      "--no-evaluation",
      "--out",
      join(root, "positional"),
    ]);
    expect(positional.status, positional.stderr).toBe(0);
    expect(positional.stderr).toMatch(/user_factors\.npy has no user ids: row r is taken/);

    const bad = join(root, "bad");
    await mkdir(join(bad, "metadata"), { recursive: true });
    await mkdir(join(bad, "userFactors"), { recursive: true });
    await writeFile(join(bad, "metadata", "part-00000"), '{"class":"x","rank":3}\n');
    await writeFile(join(bad, "userFactors", "part-00000.parquet"), "not parquet");
    const failed = runCli(["import", "--factors", bad, ...fast, "--out", join(root, "never")]);
    expect(failed.status).toBe(1);
    expect(failed.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed.stderr).toMatch(
      /^deepunhide: DataFormatError: .*userFactors\/part-00000\.parquet: not a readable Parquet file/,
    );
    const wrongFormat = runCli([
      "export",
      "--model",
      join(root, "run", "model"),
      "--format",
      "xml",
      "--out",
      bad,
    ]);
    expect(wrongFormat.status).toBe(1);
    expect(wrongFormat.stderr).toMatch(/argument 'xml' is invalid/);
  });
});
