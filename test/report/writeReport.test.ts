import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { writeReport } from "../../src/report/writeReport.js";
import { fixtureDocument } from "./fixture.js";

describe("writeReport", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("writes report.html and an svg, png and csv per figure plus the E4 CSVs, no temp files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "deepunhide-report-"));
    dirs.push(dir);
    const document = fixtureDocument();
    const { files, timings } = await writeReport(dir, document);
    const names = buildFigures(document).map((f) => f.name);
    const expected = [
      ...names.flatMap((n) => [`${n}.svg`, `${n}.png`, `${n}.csv`]),
      "e4-gender.csv",
      "e4-age.csv",
    ];
    expect((await readdir(join(dir, "figures"))).sort()).toEqual([...expected].sort());
    expect(await readdir(dir)).toEqual(expect.arrayContaining(["report.html", "figures"]));
    expect(files.at(-1)).toBe(join(dir, "report.html"));
    expect(files).toHaveLength(expected.length + 1);
    const html = await readFile(join(dir, "report.html"), "utf8");
    for (const n of names) expect(html).toContain(`<figure id="${n}"`);
    const png = await readFile(join(dir, "figures", `${names[0]}.png`));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(timings.total).toBeGreaterThan(0);
    console.log(
      `report render times (ms): ${Object.entries(timings)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(", ")}`,
    );
  });
});
