import { describe, expect, it } from "vitest";
import { trainingCurvesSpec } from "../../src/report/fig09TrainingCurves.js";
import { bundledFontFiles, renderPng } from "../../src/report/renderPng.js";
import { renderSvg } from "../../src/report/renderSvg.js";
import { fixtureDocument } from "./fixture.js";
import { pngSize, svgSize } from "./svgMarks.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("renderPng", () => {
  it("resolves the bundled DejaVu Sans files from the npm package", () => {
    const files = bundledFontFiles();
    expect(files).toHaveLength(2);
    for (const file of files)
      expect(file).toMatch(/dejavu-fonts-ttf\/ttf\/DejaVuSans(-Bold)?\.ttf$/);
  });

  it("writes a PNG at scale × the SVG's size, identical on a second render", async () => {
    const svg = await renderSvg(trainingCurvesSpec(fixtureDocument()));
    const { width, height } = svgSize(svg);
    for (const scale of [1, 2]) {
      const png = renderPng(svg, scale);
      expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(pngSize(png)).toEqual({
        width: Math.round(width * scale),
        height: Math.round(height * scale),
      });
    }
    expect(Buffer.from(renderPng(svg)).equals(Buffer.from(renderPng(svg)))).toBe(true);
  });

  it("draws the text: a PNG without the labels differs", async () => {
    const svg = await renderSvg(trainingCurvesSpec(fixtureDocument()));
    const withoutText = svg.replace(/<text[^>]*>[^<]*<\/text>/g, "");
    expect(Buffer.from(renderPng(svg, 1)).equals(Buffer.from(renderPng(withoutText, 1)))).toBe(
      false,
    );
  });

  it("rejects a non-positive scale", () => {
    expect(() =>
      renderPng("<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>", 0),
    ).toThrow(RangeError);
  });
});
