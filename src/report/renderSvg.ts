import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite spec to an SVG string without a browser: compile to Vega, run a
 * headless View (renderer "none": no DOM, no canvas) and serialize its scenegraph.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
