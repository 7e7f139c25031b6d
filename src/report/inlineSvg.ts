/**
 * Prepares a standalone SVG for inlining into an HTML page. Vega numbers its clip paths
 * from 1 in every SVG, so two inlined figures would share `id="clip1"` and clip each other;
 * every id and reference gets a per-figure prefix. The XML prolog and the namespace
 * declarations go: the HTML parser puts `<svg>` in the SVG namespace by itself.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, "-");
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, "")
    .replace(/\s+xmlns(:\w+)?="[^"]*"/g, "")
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\bhref="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}
