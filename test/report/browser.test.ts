import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { buildFigures } from "../../src/report/figures.js";
import { writeReport } from "../../src/report/writeReport.js";
import { fixtureDocument } from "./fixture.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

describe.skipIf(!haveChromium)("report.html in Chromium", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("shows every figure and makes no network request", async () => {
    const out = await mkdtemp(join(tmpdir(), "deepunhide-browser-"));
    const profile = await mkdtemp(join(tmpdir(), "deepunhide-chromium-"));
    dirs.push(out, profile);
    const document = fixtureDocument();
    await writeReport(out, document);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
      viewport: { width: 1280, height: 900 },
    });
    try {
      const requests: string[] = [];
      await context.route("**/*", (route) => {
        const url = route.request().url();
        requests.push(url);
        return url.startsWith("file://") ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      const url = pathToFileURL(join(out, "report.html")).href;
      await page.goto(url, { waitUntil: "load" });
      expect(requests.filter((r) => !r.startsWith("file://"))).toEqual([]);
      expect(requests).toEqual([url]);
      for (const figure of buildFigures(document)) {
        const svg = page.locator(`figure#${figure.name} svg`);
        await expect(svg.count()).resolves.toBe(1);
        expect(await svg.isVisible()).toBe(true);
        const box = await svg.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(100);
        expect(box?.height ?? 0).toBeGreaterThan(100);
      }
      expect(await page.locator("#verdict li").count()).toBeGreaterThan(4);
      const shot = join(process.env.DEEPUNHIDE_SCREENSHOT_DIR ?? out, "report-screenshot.png");
      await page.screenshot({ path: shot, fullPage: true });
      expect((await stat(shot)).size).toBeGreaterThan(10_000);
    } finally {
      await context.close();
    }
  });
});
