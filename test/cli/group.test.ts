import { beforeAll, describe, expect, it } from "vitest";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import { writeSmallModel } from "../apply/smallModel.js";
import { runCli } from "./spawnCli.js";

describe("deepunhide group", () => {
  let dir: string;
  let result: PipelineResult;

  beforeAll(async () => {
    ({ dir, result } = await writeSmallModel());
  }, 60_000);

  it("lists the group's items by every method, none rated by a member, with each member's quality", () => {
    const ids = result.dataset.users.ids;
    const users = [ids[0], ids[5], ids[9]];
    const run = runCli([
      "group",
      "--model",
      dir,
      "--users",
      users.join(","),
      "--top",
      "7",
      "--json",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.methods.map((m: { method: string }) => m.method)).toEqual([
      "mean",
      "median",
      "vote",
      "demographic",
    ]);
    const { ratings } = result.dataset;
    const members = new Set([0, 5, 9]);
    const rated = new Set<string>();
    for (let r = 0; r < ratings.value.length; r++) {
      if (members.has(ratings.user[r])) rated.add(result.dataset.items.ids[ratings.item[r]]);
    }
    for (const m of document.methods) {
      expect(m.items).toHaveLength(7);
      for (let n = 1; n < m.items.length; n++)
        expect(m.items[n - 1].score).toBeGreaterThanOrEqual(m.items[n].score);
      for (const item of m.items)
        expect(rated.has(item.item), `${m.method} ${item.item}`).toBe(false);
      expect(m.quality.perMember.meanRating).toHaveLength(3);
      expect(m.quality.worst.meanRating).toBeLessThanOrEqual(m.quality.mean.meanRating);
      expect(m.quality.mean.overlap).toBeGreaterThanOrEqual(0);
      expect(m.quality.mean.overlap).toBeLessThanOrEqual(1);
    }
    const text = runCli(["group", "--model", dir, "--users", users.join(","), "--method", "vote"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^vote: members' mean rating/m);
    expect(text.stdout).not.toMatch(/^mean:/m);
  });

  it("ends an empty group, an unknown or repeated user, or a bad method in one line", () => {
    const id = result.dataset.users.ids[0];
    const cases: [string[], RegExp][] = [
      [["--users", ","], /group is empty/],
      [["--users", `${id},nobody`], /unknown user id "nobody"/],
      [["--users", `${id},${id}`], /appears twice/],
      [["--users", id, "--method", "average"], /Allowed choices/],
    ];
    for (const [args, pattern] of cases) {
      const run = runCli(["group", "--model", dir, ...args]);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
