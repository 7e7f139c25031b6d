import { createRequire } from "node:module";
import { Resvg } from "@resvg/resvg-js";
import { FIGURE_FONT } from "./figureTheme.js";

const require = createRequire(import.meta.url);

/**
 * The bundled DejaVu Sans files (regular and bold: axis titles are bold). Resolved from the
 * npm package, never from the system, so a PNG is the same on every machine.
 */
export function bundledFontFiles(): string[] {
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) =>
    require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
  );
}

/** Rasterizes an SVG to PNG bytes at `scale` × its own size, with the bundled font only. */
export function renderPng(svg: string, scale = 2): Uint8Array {
  if (!(scale > 0)) throw new RangeError(`scale must be > 0, got ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: FIGURE_FONT },
  });
  return new Uint8Array(resvg.render().asPng());
}
