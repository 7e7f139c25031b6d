import { describe, expect, it } from "vitest";
import { parseGroupRule, parseGroupRules } from "../../src/data/groupRuleSyntax.js";
import { AGE_RULE, ageRuleAt, applyGroupRule, GENDER_RULE } from "../../src/data/groups.js";
import { ConfigError } from "../../src/errors.js";
import { tinyDataset } from "./tinyDataset.js";

const genders = ["M", "F", "M", "F", "M", "F"];
const ages = [17, 39, 40, 41, 65, 40];

const tiny = () => tinyDataset(genders, ages);

const labels = (text: string) => Array.from(applyGroupRule(tiny(), parseGroupRule(text)));

describe("parseGroupRule", () => {
  it("gives the built-in rules' labels for the built-in definitions, written either way round", () => {
    const d = tiny();
    const gender = Array.from(applyGroupRule(d, GENDER_RULE));
    const age = Array.from(applyGroupRule(d, AGE_RULE));
    expect(labels("gender=M:majority")).toEqual(gender);
    expect(labels("gender=F:minority")).toEqual(gender);
    expect(labels("gender!=F:majority")).toEqual(gender);
    expect(labels("age<40:majority")).toEqual(age);
    expect(labels("age>=40:minority")).toEqual(age);
    expect(parseGroupRule("age<40:majority").test).toEqual(AGE_RULE.test);
    expect(parseGroupRule("gender=M:majority").test).toEqual(GENDER_RULE.test);
  });

  it("applies every operator exactly, the matching users forming the named group", () => {
    const cases: [string, (age: number) => boolean][] = [
      ["age<40", (a) => a < 40],
      ["age<=40", (a) => a <= 40],
      ["age>40", (a) => a > 40],
      ["age>=40", (a) => a >= 40],
      ["age=40", (a) => a === 40],
      ["age!=40", (a) => a !== 40],
    ];
    for (const [condition, holds] of cases) {
      expect(labels(`${condition}:majority`), condition).toEqual(
        ages.map((a) => (holds(a) ? 1 : 0)),
      );
      expect(labels(`${condition}:minority`), condition).toEqual(
        ages.map((a) => (holds(a) ? 0 : 1)),
      );
    }
  });

  it("labels the groups by their conditions and names the rule after the attribute", () => {
    const rule = parseGroupRule(" age < 40 : majority ");
    expect(rule).toMatchObject({
      name: "age",
      attribute: "age",
      majority: "age<40",
      minority: "age>=40",
    });
    expect(parseGroupRule("gender=F:minority")).toMatchObject({
      majority: "gender!=F",
      minority: "gender=F",
    });
  });

  it("rejects bad syntax with a ConfigError quoting the rule and the expected form", () => {
    const bad: [string, RegExp][] = [
      ["gender=F", /group \(:majority or :minority\) is missing/],
      ["gender=F:most", /"majority" or "minority"/],
      ["genderF:minority", /no comparison operator/],
      ["=F:minority", /attribute name is missing/],
      ["age<:majority", /value is missing/],
      ["age<forty:majority", /needs a number/],
      ["age=<40:majority", /not an operator/],
    ];
    for (const [text, reason] of bad) {
      expect(() => parseGroupRule(text), text).toThrow(ConfigError);
      expect(() => parseGroupRule(text), text).toThrow(reason);
      expect(() => parseGroupRule(text), text).toThrow(`group rule "${text}"`);
    }
    expect(() => parseGroupRules(["age<40:majority", "age>60:minority"])).toThrow(
      /two group rules on "age"/,
    );
  });

  it("rejects a threshold rule on a categorical attribute and ageRuleAt on a bad threshold", () => {
    expect(() => labels("gender<3:majority")).toThrow(/categorical/);
    expect(() => ageRuleAt(0)).toThrow(ConfigError);
    expect(Array.from(applyGroupRule(tiny(), ageRuleAt(41)))).toEqual(
      ages.map((a) => (a < 41 ? 1 : 0)),
    );
  });
});
