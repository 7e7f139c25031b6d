/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A number with fixed decimals, or "n/a" for NaN and missing values. */
export function formatNumber(x: number | null | undefined, digits = 3): string {
  return typeof x === "number" && Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

/** A share as a percentage with one decimal. */
export function formatPercent(x: number | null | undefined): string {
  return typeof x === "number" && Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "n/a";
}
