import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { expect } from "vitest";

/** Debian's Chromium (CI installs it with apt); override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether the browser tests can run here. */
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

/** Flags for headless Debian Chromium in a container, with nothing phoning home. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Opens `<out>/report.html` in headless Chromium and checks what a reader would: no request
 * leaves file://, every named figure is a visible SVG of a real size, the verdict is there.
 * Saves a full-page screenshot and returns its path.
 */
export async function checkReportInChromium(
  out: string,
  figureNames: readonly string[],
): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), "deepunhide-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
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
    expect(requests).toEqual([url]);
    expect(figureNames.length).toBeGreaterThan(0);
    for (const name of figureNames) {
      const svg = page.locator(`figure#${name} svg`);
      await expect(svg.count(), name).resolves.toBe(1);
      expect(await svg.isVisible(), name).toBe(true);
      const box = await svg.boundingBox();
      expect(box?.width ?? 0, name).toBeGreaterThan(100);
      expect(box?.height ?? 0, name).toBeGreaterThan(100);
    }
    expect(await page.locator("#verdict li").count()).toBeGreaterThan(2);
    const shot = join(process.env.DEEPUNHIDE_SCREENSHOT_DIR ?? out, "report-screenshot.png");
    await page.screenshot({ path: shot, fullPage: true });
    expect((await stat(shot)).size).toBeGreaterThan(10_000);
    return shot;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
