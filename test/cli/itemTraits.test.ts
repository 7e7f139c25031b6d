import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSmallModel } from "../apply/smallModel.js";
import { runCli } from "./spawnCli.js";

describe("deepunhide explain and recommend with item traits", () => {
  let dir: string;
  let userIds: string[];
  let itemIds: string[];

  beforeAll(async () => {
    const small = await writeSmallModel();
    dir = small.dir;
    userIds = small.result.dataset.users.ids.slice();
    itemIds = small.result.dataset.items.ids.slice();
  }, 60_000);

  it("prints the genre split as text and as JSON whose parts add up to the prediction", () => {
    const args = ["explain", "--model", dir, "--user", userIds[1], "--item", itemIds[12]];
    const text = runCli(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Split by the item traits the factors characterize/);
    expect(text.stdout).toMatch(/^ {2}no genre\s+[+−]\d/m);
    expect(text.stdout).toMatch(/characterizes (no genre|\S+ \d\.\d\d)/);
    const json = runCli([...args, "--json"]);
    expect(json.status, json.stderr).toBe(0);
    const e = JSON.parse(json.stdout);
    const parts: { net: number }[] = [...e.itemTraits.genres, e.itemTraits.unattributed];
    const sum = parts.reduce((s, p) => s + p.net, 0);
    expect(Math.abs(sum - e.prediction)).toBeLessThan(1e-9 * Math.max(1, e.totalPull));
    expect(text.stdout).toContain(e.summary);
    expect(e.summary).toMatch(/as item traits, it rests most on the factors that characterize/);
  });

  it("adds the item traits to every explanation of recommend --explain --json", () => {
    const run = runCli([
      "recommend",
      "--model",
      dir,
      "--user",
      userIds[4],
      "--top",
      "3",
      "--explain",
      "--json",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    for (const it of doc.items) {
      expect(it.explanation.itemTraits.genres.length).toBeGreaterThan(0);
      expect(it.explanation.prediction).toBe(it.score);
    }
  });

  it("run --no-items writes no item profile; the default run does", async () => {
    const out = await mkdtemp(join(tmpdir(), "du-items-cli-"));
    const common = ["run", "--no-evaluation", "--quiet", "--k", "8", "--epochs", "5"];
    const off = runCli([...common, "--no-items", "--out", join(out, "off")]);
    expect(off.status, off.stderr).toBe(0);
    const offDoc = JSON.parse(await readFile(join(out, "off", "results.json"), "utf8"));
    expect(offDoc.items).toBeUndefined();
    expect(offDoc.config.items).toEqual({ enabled: false });
    const offManifest = JSON.parse(
      await readFile(join(out, "off", "model", "manifest.json"), "utf8"),
    );
    expect(offManifest.files["item-profile.json"]).toBeUndefined();

    const on = runCli([...common, "--out", join(out, "on")]);
    expect(on.status, on.stderr).toBe(0);
    const onDoc = JSON.parse(await readFile(join(out, "on", "results.json"), "utf8"));
    expect(onDoc.items.genres.length).toBeGreaterThan(0);
    // The user side does not depend on the item side.
    expect(onDoc.attributes).toEqual(offDoc.attributes);
    expect(onDoc.mf).toEqual(offDoc.mf);
  }, 120_000);
});
