import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/util/rng.js";
import { runCli } from "./spawnCli.js";

/**
 * 240 users × 120 items in two files: ratings (TAB, header `who item stars`) and attributes
 * (`;`, header), with a planted taste for even items among women and for items divisible by 3
 * among users aged 40 or more, so both groups are learnable.
 */
async function plantedFiles(
  dir: string,
): Promise<{ ratings: string; users: string; women: number; seniors: number }> {
  const rng = createRng(5);
  const users: string[] = ["id;sex;age"];
  const ratings: string[] = ["who\titem\tstars"];
  let women = 0;
  let seniors = 0;
  for (let u = 1; u <= 240; u++) {
    const female = rng.next() < 0.35;
    const age = 18 + Math.floor(rng.next() * 50);
    women += female ? 1 : 0;
    seniors += age >= 40 ? 1 : 0;
    users.push(`user${u};${female ? "F" : "M"};${age}`);
    const items = new Set<number>();
    while (items.size < 25) items.add(1 + Math.floor(rng.next() * 120));
    for (const item of items) {
      const taste = (item % 2 === 0) === female ? 1 : -1;
      const era = (item % 3 === 0) === age >= 40 ? 0.7 : -0.7;
      const stars = Math.min(5, Math.max(1, Math.round(3 + taste + era + (rng.next() - 0.5))));
      ratings.push(`user${u}\tmovie ${item}\t${stars}`);
    }
  }
  // One user without ratings: dropped with a note.
  users.push("idle;F;30");
  const ratingsPath = join(dir, "ratings.tsv");
  const usersPath = join(dir, "users.csv");
  await writeFile(ratingsPath, `${ratings.join("\n")}\n`);
  await writeFile(usersPath, `${users.join("\n")}\n`);
  return { ratings: ratingsPath, users: usersPath, women, seniors };
}

/** `run --dataset csv` on the two files. */
const csvRun = (files: { ratings: string; users: string }) => [
  "run",
  "--dataset",
  "csv",
  "--ratings",
  files.ratings,
  "--user-attributes",
  files.users,
];

const fast = ["--k", "10", "--epochs", "8", "--no-evaluation", "--quick", "--quiet"];

describe("deepunhide run --dataset csv", () => {
  it("runs end to end on a planted fixture with --group rules, and records both groups", async () => {
    const dir = await mkdtemp(join(tmpdir(), "du-cli-csv-"));
    const files = await plantedFiles(dir);
    const run = runCli([
      ...csvRun(files),
      "--ratings-columns",
      "who,item,stars",
      "--user-id-column",
      "id",
      "--rating-scale",
      "1..5",
      "--group",
      "sex=F:minority",
      "--group",
      "age<40:majority",
      ...fast,
      "--out",
      join(dir, "out"),
      "--json",
    ]);
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout);
    expect(document.dataset).toMatchObject({ name: "csv", users: 240, items: 120, ratings: 6000 });
    expect(document.dataset.sources.map((s: { name: string }) => s.name)).toEqual([
      "ratings.tsv",
      "users.csv",
    ]);
    expect(Object.keys(document.attributes)).toEqual(["sex", "age"]);
    expect(document.attributes.sex.rule).toMatchObject({ majority: "sex!=F", minority: "sex=F" });
    expect(document.attributes.sex.groups.minority).toEqual({ label: "sex=F", users: files.women });
    expect(document.attributes.age.groups.minority).toEqual({
      label: "age>=40",
      users: files.seniors,
    });
    // The planted taste is learnable: the classifier beats chance on the test users.
    expect(document.attributes.sex.classifier.test.auc).toBeGreaterThan(0.6);
  });

  it("ends bad data-source options with one clear line", async () => {
    const dir = await mkdtemp(join(tmpdir(), "du-cli-csv-"));
    const files = await plantedFiles(dir);
    const csv = csvRun(files);
    const out = ["--out", join(dir, "x")];
    const cases: [string[], RegExp][] = [
      [
        [...csv, "--group", "sex=F", ...fast, ...out],
        /ConfigError: group rule "sex=F".*:majority or :minority/,
      ],
      [
        [...csv, "--ratings-columns", "who,item,score", ...fast, ...out],
        /DataFormatError: .*ratings\.tsv, line 1, field "score": no column "score"/,
      ],
      [
        ["run", "--dataset", "csv", ...fast, ...out],
        /needs --ratings FILE and --user-attributes FILE/,
      ],
      [
        ["run", "--dataset", "ml-1m", "--age-threshold", "40", ...fast, ...out],
        /40 falls inside the age band 35-44.*35 or 45/,
      ],
      [["run", "--dataset", "myanimelist", ...fast, ...out], /not downloaded automatically/],
    ];
    for (const [args, pattern] of cases) {
      const run = runCli(args, { DEEPUNHIDE_DATA: "" });
      expect(run.status, args.join(" ")).not.toBe(0);
      expect(run.stderr, args.join(" ")).toMatch(pattern);
      expect(run.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    }
  });
});
