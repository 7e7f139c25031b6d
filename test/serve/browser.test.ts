// End to end: the explorer page in Debian's Chromium, driven like a person would, against a
// server on a small synthetic model. Screenshots of each view go to DEEPUNHIDE_SCREENSHOT_DIR
// (default: a folder under the system temp dir, printed).
import { mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import type { RunningExplorer } from "../../src/serve/explorerServer.js";
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from "../report/chromium.js";
import { startFixtureServer } from "./serveFixture.js";

const SHOTS =
  process.env.DEEPUNHIDE_SCREENSHOT_DIR ?? join(tmpdir(), "deepunhide-explorer-screenshots");

/** Fails unless the chart's SVG is drawn, of a real size, with at least `minMarks` marks. */
async function expectChart(page: Page, id: string, minMarks = 1): Promise<void> {
  const svg = page.locator(`#${id} svg`).first();
  await svg.waitFor({ state: "visible", timeout: 30_000 });
  const box = await svg.boundingBox();
  expect(box?.width ?? 0, id).toBeGreaterThan(100);
  expect(box?.height ?? 0, id).toBeGreaterThan(50);
  // Data marks only: axes and legends are graphics symbols too.
  const marks = await page
    .locator(
      `#${id} svg [role="graphics-symbol"]:not([aria-roledescription="axis"]):not([aria-roledescription="legend"])`,
    )
    .count();
  expect(marks, `${id}: drawn marks`).toBeGreaterThanOrEqual(minMarks);
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  expect((await stat(path)).size, path).toBeGreaterThan(10_000);
}

describe.skipIf(!haveChromium)("the explorer page in Chromium", () => {
  let running: RunningExplorer;
  let result: PipelineResult;
  let browser: Browser;
  const offsite: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    ({ running, result } = await startFixtureServer());
    await mkdir(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    console.info(`explorer screenshots: ${SHOTS}`);
  });

  it("shows the model, the factor profile, a user's explained list, the α slider at work and a group", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The page must work offline: anything not from the explorer itself is refused and noted.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(running.url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    const ids = result.dataset.users.ids;
    const k = result.mf.model.k;

    await page.goto(running.url);
    await page.locator("body[data-ready=true]").waitFor({ timeout: 30_000 });
    await expect(page.locator("#model-line").textContent()).resolves.toMatch(
      /^synthetic: 300 users × 400 items, 15,000 ratings · K = 16/,
    );
    await expectChart(page, "chart-classifier", 8);
    await shot(page, "1-overview");

    // Factors: one bar per factor; hovering shows the values, clicking lists the items.
    await page.getByRole("tab", { name: "Factors" }).click();
    await expectChart(page, "chart-relevancy", k);
    await expectChart(page, "chart-proportions", 2 * k);
    await expectChart(page, "chart-archetypes", 2);
    const bar = page.locator('#chart-relevancy svg [aria-roledescription="bar"]').nth(3);
    await bar.hover();
    await expect(page.locator("#vg-tooltip-element").textContent()).resolves.toMatch(/relevancy/);
    await bar.click();
    await page.locator("#factor-title").waitFor();
    await expect(page.locator("#factor-title").textContent()).resolves.toMatch(/^Factor \d+$/);
    await expect(page.locator("#factor-detail li").count()).resolves.toBe(16);
    await shot(page, "2-factors");

    // A user: her top 10, each with the demographic split of its score, its factors, genres.
    await page.getByRole("tab", { name: "User" }).click();
    await page.getByLabel("User id").fill(ids[7]);
    await page.getByRole("button", { name: "Show recommendations" }).click();
    const items = page.locator("li.recommendation");
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(10);
    for (const text of await items.allTextContents()) {
      expect(text).toMatch(/gender: male \d+% up \/ \d+% down, female/);
      expect(text).toMatch(/Factors that matter: \d+ \([+−]/);
      expect(text).toMatch(/item \d+ · [A-Z]/);
    }
    await expectChart(page, "chart-explanations", 10);
    await shot(page, "3-user");

    // Fairness: moving α re-ranks her list and moves the sample's metrics and the figure.
    await page.getByRole("tab", { name: "Fairness" }).click();
    const list = page.locator("#fair-list");
    const metrics = page.locator("#fair-metrics");
    await expect.poll(() => list.locator("li").count(), { timeout: 30_000 }).toBe(10);
    await expectChart(page, "chart-tradeoff", 12);
    const before = { list: await list.textContent(), metrics: await metrics.textContent() };
    expect(before.list).not.toMatch(/new|↑/);
    await page.getByLabel("Fairness strength α").fill("5");
    await expect.poll(() => page.locator("#alpha-value").textContent()).toBe("α = 5.0");
    await expect.poll(() => list.textContent(), { timeout: 30_000 }).not.toBe(before.list);
    await expect.poll(() => metrics.textContent(), { timeout: 30_000 }).not.toBe(before.metrics);
    await expect(list.textContent()).resolves.toMatch(/new|↑ from/);
    await expect(page.locator("#fair-user-title").textContent()).resolves.toMatch(/at α = 5\.0/);
    await expectChart(page, "chart-tradeoff", 12);
    // The run's held-out sweep, its α = 2 row (the nearest to 5) marked.
    await expect(page.locator("#fair-heldout tbody tr").count()).resolves.toBe(4);
    await expect(page.locator("#fair-heldout tr.current td").first().textContent()).resolves.toBe(
      "2",
    );
    await shot(page, "4-fairness");

    // A group: three members, every method, each member's quality.
    await page.getByRole("tab", { name: "Group" }).click();
    await page.getByLabel("Group members").fill(`${ids[1]}, ${ids[4]}, ${ids[9]}`);
    await page.getByLabel("Method").selectOption("all");
    await page.getByRole("button", { name: "Build group" }).click();
    await expect.poll(() => page.locator(".group-list").count(), { timeout: 30_000 }).toBe(4);
    await expect(page.locator("tr.member").count()).resolves.toBe(3);
    for (const text of await page.locator(".group-list").allTextContents()) {
      expect(text).toMatch(/Synthetic Movie/);
    }
    await expectChart(page, "chart-members", 12);
    await shot(page, "5-group");

    // An unknown user shows the API's message, not a broken page.
    await page.getByRole("tab", { name: "User" }).click();
    await page.getByLabel("User id").fill("nobody");
    await page.getByRole("button", { name: "Show recommendations" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), { timeout: 30_000 })
      .toMatch(/unknown user id "nobody"/);
    problems.splice(
      0,
      problems.length,
      // The 404 the error case itself caused is expected.
      ...problems.filter((p) => !/status of 404/.test(p)),
    );

    expect(offsite).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
