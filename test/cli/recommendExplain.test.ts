import { beforeAll, describe, expect, it } from "vitest";
import { writeSmallModel } from "../apply/smallModel.js";
import { runCli } from "./spawnCli.js";

describe("deepunhide recommend and explain", () => {
  let dir: string;
  let userIds: string[];
  let itemIds: string[];

  beforeAll(async () => {
    const small = await writeSmallModel();
    dir = small.dir;
    userIds = small.result.dataset.users.ids.slice();
    itemIds = small.result.dataset.items.ids.slice();
  }, 60_000);

  it("prints the top items, with explanations, and JSON that matches", () => {
    const text = runCli([
      "recommend",
      "--model",
      dir,
      "--user",
      userIds[2],
      "--top",
      "4",
      "--explain",
    ]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Top 4 for user \S+ \(synthetic, leaving out the \d+ items/);
    expect(text.stdout.match(/^\s+\d\. \d+\.\d\d {2}Synthetic Movie/gm)).toHaveLength(4);
    expect(text.stdout.match(/Predicted \d+\.\d\d for user/g)).toHaveLength(4);
    const json = runCli([
      "recommend",
      "--model",
      dir,
      "--user",
      userIds[2],
      "--top",
      "4",
      "--json",
      "--explain",
    ]);
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(doc.user).toBe(userIds[2]);
    expect(doc.items).toHaveLength(4);
    expect(doc.items[0].explanation.prediction).toBe(doc.items[0].score);
    expect(text.stdout).toContain(doc.items[0].explanation.summary);
  });

  it("explains one prediction as text and as JSON", () => {
    const args = ["explain", "--model", dir, "--user", userIds[0], "--item", itemIds[5]];
    const text = runCli(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(
      /Predicted rating -?\d+\.\d{3} = the sum of 16 factor contributions/,
    );
    expect(text.stdout).toMatch(/gender\s+male/);
    expect(text.stdout).toMatch(/Factors that weigh most:\n {2}factor/);
    const json = runCli([...args, "--json"]);
    expect(json.status, json.stderr).toBe(0);
    const e = JSON.parse(json.stdout);
    expect(e.contributions).toHaveLength(16);
    const sum = e.contributions.reduce((s: number, c: number) => s + c, 0);
    expect(Math.abs(sum - e.prediction)).toBeLessThan(1e-9 * Math.max(1, Math.abs(e.prediction)));
    expect(e.attributes[0].majority.group).toBe("male");
  });

  it("ends unknown ids, a bad --top and a missing model in one line with exit code 1", () => {
    const cases: [string[], RegExp][] = [
      [
        ["recommend", "--model", dir, "--user", "nobody"],
        /ConfigError: unknown user id "nobody".*ids like/,
      ],
      [["explain", "--model", dir, "--user", userIds[0], "--item", "x9"], /unknown item id "x9"/],
      [
        ["recommend", "--model", dir, "--user", userIds[0], "--top", "0"],
        /--top must be an integer/,
      ],
      [
        ["recommend", "--model", dir, "--user", userIds[0], "--top", "5000"],
        /top must be an integer in 1…1000/,
      ],
      [
        ["recommend", "--model", `${dir}-missing`, "--user", "1"],
        /ModelFormatError: .*manifest\.json is missing/,
      ],
      [["explain", "--model", dir, "--user", userIds[0]], /required option '--item <id>'/],
    ];
    for (const [args, message] of cases) {
      const run = runCli(args);
      expect(run.status, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
