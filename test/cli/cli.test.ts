import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./spawnCli.js";

// Small enough to be quick, large enough to exercise every stage.
const fast = ["--k", "20", "--epochs", "8", "--attributes", "gender", "--no-evaluation"];

describe("deepunhide run", () => {
  it("writes results.json and the model folder; the same seed gives identical bytes apart from timings", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-cli-"));
    const first = runCli(["run", ...fast, "--quiet", "--out", join(root, "a")]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe("");
    const second = runCli(["run", ...fast, "--quiet", "--out", join(root, "b")]);
    expect(second.status, second.stderr).toBe(0);
    const a = await readFile(join(root, "a", "results.json"), "utf8");
    const b = await readFile(join(root, "b", "results.json"), "utf8");
    const withoutTimings = (text: string) => text.replace(/"timings": \{[^}]*\}/, '"timings": {}');
    expect(withoutTimings(a)).toBe(withoutTimings(b));
    expect(a).toMatch(/"timings": \{/);
    const document = JSON.parse(a);
    expect(document.schemaVersion).toBe(1);
    expect(document.dataset).toMatchObject({
      name: "synthetic",
      users: 943,
      items: 1682,
      ratings: 100_000,
    });
    expect(document.mf.rmse.test).toBeLessThan(document.mf.rmse.globalMean);
    expect(document.config.factorsFrom).toBe("all");
    expect(document.config.relevancyMaxUsers).toBeUndefined();
    expect(Object.keys(document.attributes.gender.classifier.test)).toEqual(
      expect.arrayContaining(["accuracy", "balancedAccuracy", "auc", "majorityFloor"]),
    );
    expect(document.attributes.gender.relevancy).toHaveLength(20);
    expect(await readFile(join(root, "b", "model", "user-factors.npy"))).toEqual(
      await readFile(join(root, "a", "model", "user-factors.npy")),
    );
  });

  it("prints a summary table, and machine-readable JSON with --json", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-cli-"));
    const human = runCli(["run", ...fast, "--out", join(root, "h")]);
    expect(human.status, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/majority floor/);
    expect(human.stdout).toMatch(/balanced acc\./);
    expect(human.stderr).toMatch(/PMF on/);
    const json = runCli(["run", ...fast, "--json", "--out", join(root, "j")]);
    expect(json.status, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).attributes.gender.archetypes.majority.vector).toHaveLength(20);
  });

  it("runs the quick evaluation and writes the report beside the results", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-cli-"));
    const args = ["run", "--k", "20", "--epochs", "8", "--quick", "--seeds", "2", "--quiet"];
    const run = runCli([...args, "--out", join(root, "q")]);
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(await readFile(join(root, "q", "results.json"), "utf8"));
    expect(document.experiments.protocol).toBe("quick");
    expect(document.experiments.seeds).toEqual([42, 43]);
    // A smoke test fits PMF once (the split fit's factors serve downstream) and caps the
    // relevancy ensemble's users.
    expect(document.config.factorsFrom).toBe("train");
    expect(document.config.relevancyMaxUsers).toBe(10_000);
    expect(Object.keys(document.experiments.attributes)).toEqual(["gender", "age"]);
    const html = await readFile(join(root, "q", "report.html"), "utf8");
    expect(html).toMatch(/<svg/);
    // Worker threads do not change the numbers.
    const single = runCli([...args, "--workers", "0", "--out", join(root, "s")]);
    expect(single.status, single.stderr).toBe(0);
    const again = JSON.parse(await readFile(join(root, "s", "results.json"), "utf8"));
    expect(again.experiments).toEqual(document.experiments);
  });

  it("runs PMF with either kernel: --pmf-kernel js gives the WebAssembly run's numbers up to f32 rounding", async () => {
    const root = await mkdtemp(join(tmpdir(), "du-cli-"));
    const runs = [[], ["--pmf-kernel", "js"]].map((extra, index) => {
      const out = join(root, String(index));
      const run = runCli(["run", ...fast, ...extra, "--quiet", "--out", out]);
      expect(run.status, run.stderr).toBe(0);
      return out;
    });
    const [wasm, js] = await Promise.all(
      runs.map(async (out) => JSON.parse(await readFile(join(out, "results.json"), "utf8"))),
    );
    expect(wasm.mf.kernel).toBe("wasm");
    expect(js.mf.kernel).toBe("js");
    expect(Math.abs(wasm.mf.rmse.test - js.mf.rmse.test)).toBeLessThan(1e-4);
    expect(Math.abs(wasm.mf.rmse.train - js.mf.rmse.train)).toBeLessThan(1e-4);
  });

  it("ends user mistakes with one clear line and a non-zero exit code, never a stack trace", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "du-cli-")), "x");
    const cases: [string[], RegExp][] = [
      [["run", "--k", "abc", "--out", out], /--k must be an integer/],
      [["run", "--dataset", "nope", "--out", out], /nope.*invalid|Allowed choices/i],
      [["run", "--attributes", "height", "--out", out], /unknown attribute "height"/],
      [
        ["run", "--dataset", "ml-100k", "--data-dir", join(out, "missing"), "--out", out],
        /missing/,
      ],
      [["run", ...fast, "--learning-rate", "10", "--out", out], /learning rate 10/],
      [["run", "--pmf-kernel", "gpu", "--out", out], /gpu.*invalid|Allowed choices/i],
      [["run", "--max-users", "3", "--out", out], /--max-users must be an integer/],
    ];
    for (const [args, pattern] of cases) {
      const run = runCli(args);
      expect(run.status, args.join(" ")).not.toBe(0);
      expect(run.stderr, args.join(" ")).toMatch(pattern);
      expect(run.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    }
  });
});
