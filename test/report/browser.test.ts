import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { writeReport } from "../../src/report/writeReport.js";
import { checkReportInChromium, haveChromium } from "./chromium.js";
import { fixtureDocument } from "./fixture.js";

describe.skipIf(!haveChromium)("report.html in Chromium", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("shows every figure and makes no network request", async () => {
    const out = await mkdtemp(join(tmpdir(), "deepunhide-browser-"));
    dirs.push(out);
    const document = fixtureDocument();
    await writeReport(out, document);
    await checkReportInChromium(
      out,
      buildFigures(document).map((f) => f.name),
    );
  });
});
