import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { groupProportions } from "../../src/unhide/groupProportions.js";
import { normalizeMinMax } from "../../src/unhide/normalizeArchetype.js";
import { buildFactorProfile } from "../../src/unhide/profile.js";
import { rankDescending } from "../../src/unhide/rankDescending.js";
import { relevancy } from "../../src/unhide/relevancy.js";
import {
  selectByThreshold,
  selectTopN,
  selectTopNPerGroup,
} from "../../src/unhide/selectFactors.js";

const list = (a: ArrayLike<number>): number[] => Array.from(a);
const expectClose = (actual: ArrayLike<number>, expected: number[]): void => {
  expect(actual.length).toBe(expected.length);
  for (let j = 0; j < expected.length; j++) expect(actual[j]).toBeCloseTo(expected[j], 12);
};

describe("normalizeMinMax", () => {
  it("maps min to 0, max to 1 and the rest linearly", () => {
    expectClose(normalizeMinMax([2, 4, 6, 3]), [0, 0.5, 1, 0.25]);
    expectClose(normalizeMinMax([-1, -3, 1]), [0.5, 0, 1]);
  });
  it("maps a constant vector to 0.5 everywhere and keeps empty input empty", () => {
    expect(list(normalizeMinMax([7, 7, 7]))).toEqual([0.5, 0.5, 0.5]);
    expect(list(normalizeMinMax([0]))).toEqual([0.5]);
    expect(normalizeMinMax([]).length).toBe(0);
  });
  it("does not modify its input", () => {
    const p = new Float64Array([3, 1, 2]);
    normalizeMinMax(p);
    expect(list(p)).toEqual([3, 1, 2]);
  });
});

describe("groupProportions", () => {
  it("computes p̃M/(p̃M + p̃m) and its complement", () => {
    const { majorityShare, minorityShare } = groupProportions(
      [0.6, 0.2, 1, 0.25],
      [0.2, 0.6, 0, 1],
    );
    expectClose(majorityShare, [0.75, 0.25, 1, 0.2]);
    expectClose(minorityShare, [0.25, 0.75, 0, 0.8]);
  });
  it("splits 0.5/0.5 when both archetypes rate a factor 0", () => {
    const { majorityShare, minorityShare } = groupProportions([0, 1], [0, 0.5]);
    expect(majorityShare[0]).toBe(0.5);
    expect(minorityShare[0]).toBe(0.5);
  });
  it("rejects vectors of different length", () => {
    expect(() => groupProportions([1, 0], [1])).toThrow(ConfigError);
  });
});

describe("relevancy", () => {
  it("is |p̃M − p̃m| divided by its max", () => {
    expectClose(relevancy([1, 0, 0.5, 0.2], [0, 0.5, 0.5, 0.6]), [1, 0.5, 0, 0.4]);
    expectClose(relevancy([0.5, 0.25, 0.3], [0.25, 0.5, 0.3]), [1, 1, 0]);
    expectClose(relevancy([0.6, 0.5, 0.3], [0.4, 0.4, 0.3]), [1, 0.5, 0]);
  });
  it("is all zero when the archetypes coincide", () => {
    expect(list(relevancy([0.3, 0.7], [0.3, 0.7]))).toEqual([0, 0]);
  });
});

describe("rankDescending", () => {
  it("sorts by decreasing value, ties by lower index, NaN last", () => {
    expect(list(rankDescending([0.2, 1, 0.5, Number.NaN, 0.5, 1]))).toEqual([1, 5, 2, 4, 0, 3]);
  });
});

describe("selection", () => {
  const rel = [0.2, 1, 0.5, 0.49, 0.5];
  it("by threshold keeps relevancy ≥ threshold, by decreasing relevancy", () => {
    expect(list(selectByThreshold(rel))).toEqual([1, 2, 4]);
    expect(list(selectByThreshold(rel, 0.49))).toEqual([1, 2, 4, 3]);
    expect(list(selectByThreshold(rel, 1))).toEqual([1]);
    expect(list(selectByThreshold(rel, 0))).toEqual([1, 2, 4, 3, 0]);
    expect(list(selectByThreshold([0, 0], 0.5))).toEqual([]);
  });
  it("by top-N breaks ties by the lower factor index", () => {
    expect(list(selectTopN(rel, 2))).toEqual([1, 2]);
    expect(list(selectTopN(rel, 3))).toEqual([1, 2, 4]);
    expect(list(selectTopN(rel, 0))).toEqual([]);
    expect(list(selectTopN(rel, 5))).toEqual([1, 2, 4, 3, 0]);
  });
  it("per group ranks each normalized archetype on its own", () => {
    const sel = selectTopNPerGroup([1, 0, 0.5, 0.25], [0, 0.5, 0.25, 1], 2);
    expect(list(sel.majority)).toEqual([0, 2]);
    expect(list(sel.minority)).toEqual([3, 1]);
  });
  it("rejects out-of-range parameters", () => {
    expect(() => selectByThreshold(rel, 1.5)).toThrow(ConfigError);
    expect(() => selectByThreshold(rel, Number.NaN)).toThrow(ConfigError);
    expect(() => selectTopN(rel, 6)).toThrow(ConfigError);
    expect(() => selectTopN(rel, -1)).toThrow(ConfigError);
    expect(() => selectTopN(rel, 1.5)).toThrow(ConfigError);
    expect(() => selectTopNPerGroup([1], [1, 2], 1)).toThrow(ConfigError);
  });
});

describe("buildFactorProfile", () => {
  it("matches hand-computed values", () => {
    // p̃M = (pM − 0)/4 = [1, 0, .5, .25]; p̃m = (pm − 0)/4 = [0, .5, .25, 1].
    const profile = buildFactorProfile([4, 0, 2, 1], [0, 2, 1, 4]);
    expectClose(profile.normalizedMajority, [1, 0, 0.5, 0.25]);
    expectClose(profile.normalizedMinority, [0, 0.5, 0.25, 1]);
    expectClose(profile.majorityShare, [1, 0, 2 / 3, 0.2]);
    expectClose(profile.minorityShare, [0, 1, 1 / 3, 0.8]);
    expectClose(profile.relevancy, [1, 0.5, 0.25, 0.75]);
    expect(list(profile.ranking)).toEqual([0, 3, 1, 2]);
    expect(list(profile.selected)).toEqual([0, 3, 1]);
    expect(profile.ranking).toBeInstanceOf(Int32Array);
    expect(profile.relevancy).toBeInstanceOf(Float64Array);
  });
  it("honours the threshold option and is invariant to shifting or scaling an archetype", () => {
    const a = buildFactorProfile([4, 0, 2, 1], [0, 2, 1, 4], { threshold: 0.8 });
    expect(list(a.selected)).toEqual([0]);
    const b = buildFactorProfile([14, 10, 12, 11], [0, 6, 3, 12], { threshold: 0.8 });
    expectClose(b.relevancy, list(a.relevancy));
  });
  it("is symmetric in relevancy and swaps the shares when the archetypes are swapped", () => {
    const a = buildFactorProfile([0.3, -1, 2], [1, 0, -0.5]);
    const b = buildFactorProfile([1, 0, -0.5], [0.3, -1, 2]);
    expectClose(b.relevancy, list(a.relevancy));
    expectClose(b.majorityShare, list(a.minorityShare));
  });
});
