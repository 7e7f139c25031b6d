import { describe, expect, it } from "vitest";
import { AGE_RULE, applyGroupRule, GENDER_RULE } from "../../src/data/groups.js";
import { ConfigError } from "../../src/errors.js";
import { tinyDataset } from "./tinyDataset.js";

describe("applyGroupRule", () => {
  it("labels male and under-40 users as the majority (1)", () => {
    const d = tinyDataset(["M", "F", "M", "F"], [39, 40, 12, 73]);
    expect(Array.from(applyGroupRule(d, GENDER_RULE))).toEqual([1, 0, 1, 0]);
    expect(Array.from(applyGroupRule(d, AGE_RULE))).toEqual([1, 0, 1, 0]);
  });

  it("rejects a rule that leaves one group empty, naming the group", () => {
    const d = tinyDataset(["M", "M"], [20, 30]);
    expect(() => applyGroupRule(d, GENDER_RULE)).toThrow(ConfigError);
    expect(() => applyGroupRule(d, GENDER_RULE)).toThrow(/female group empty/);
    expect(() => applyGroupRule(d, AGE_RULE)).toThrow(/senior group empty/);
  });

  it("rejects unknown attributes, kind mismatches and missing values", () => {
    const d = tinyDataset(["M", ""], [20, Number.NaN]);
    expect(() => applyGroupRule(d, { ...GENDER_RULE, attribute: "height" })).toThrow(
      /does not have/,
    );
    expect(() => applyGroupRule(d, { ...AGE_RULE, attribute: "gender" })).toThrow(/categorical/);
    expect(() => applyGroupRule(d, GENDER_RULE)).toThrow(/user "2" has no value/);
    expect(() => applyGroupRule(d, AGE_RULE)).toThrow(/user "2" has no value/);
  });
});
