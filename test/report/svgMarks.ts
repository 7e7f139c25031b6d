/**
 * Counts the items Vega drew for a named mark in an SVG string: the children of every
 * `<g class="mark-… role-mark NAME_marks">` group (facets repeat the group per panel).
 */
export function countMarkItems(svg: string, unitName: string): number {
  const open = new RegExp(`<g class="mark-[a-z]+ role-mark ${unitName}_marks"[^>]*>`, "g");
  let total = 0;
  for (const match of svg.matchAll(open)) {
    const rest = svg.slice((match.index ?? 0) + match[0].length);
    const block = rest.slice(0, rest.indexOf("</g>"));
    total += (block.match(/<(path|line)\b/g) ?? []).length;
  }
  return total;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The root `<svg>` width and height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  if (match === null) throw new Error("no width/height on the root svg");
  return { width: Number(match[1]), height: Number(match[2]) };
}
