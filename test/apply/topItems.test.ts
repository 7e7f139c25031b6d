import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topItems } from "../../src/apply/itemScores.js";

/** The definition: every non-excluded index, by descending score, ties by ascending index. */
function reference(scores: Float64Array, top: number, exclude?: Uint8Array): number[] {
  return Array.from(scores.keys())
    .filter((i) => exclude === undefined || exclude[i] === 0)
    .sort((a, b) => scores[b] - scores[a] || a - b)
    .slice(0, top);
}

describe("topItems", () => {
  it("gives the sorted top-N, ties to the lower index, on both the short-list and the sort path", () => {
    fc.assert(
      fc.property(
        // Few distinct values, so ties are common.
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 0, maxLength: 120 }),
        fc.integer({ min: 0, max: 130 }),
        fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
        (values, top, flags) => {
          const scores = Float64Array.from(values, (v) => v / 2);
          const exclude = Uint8Array.from(flags.slice(0, scores.length), Number);
          expect(Array.from(topItems(scores, top))).toEqual(reference(scores, top));
          expect(Array.from(topItems(scores, top, exclude))).toEqual(
            reference(scores, top, exclude),
          );
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});
