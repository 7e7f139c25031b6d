import type { TopLevelSpec } from "vega-lite";

// Loaded on first use: importing vega slows typed-array hot loops elsewhere in the process
// (PMF epochs by ~25%, measured), so the numeric stages run before it is ever loaded.
let renderer: Promise<[typeof import("vega"), typeof import("vega-lite")]> | undefined;

/**
 * Renders a Vega-Lite spec to an SVG string without a browser: compile to Vega, run a
 * headless View (renderer "none": no DOM, no canvas) and serialize its scenegraph.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  renderer ??= Promise.all([import("vega"), import("vega-lite")]);
  const [vega, vegaLite] = await renderer;
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
