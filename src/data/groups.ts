import { ConfigError } from "../errors.js";
import type { Dataset } from "./dataset.js";

/**
 * A rule that splits users into two groups on one attribute. Users for whom `test` holds
 * form the majority group (label 1), the others the minority group (label 0). The names
 * follow the paper's convention; the rule does not check which group is larger.
 */
export interface BinaryGroupRule {
  /** Name of the binary attribute, e.g. `gender`. */
  readonly name: string;
  /** User attribute the rule reads, e.g. `gender` or `age`. */
  readonly attribute: string;
  /** When a user belongs to the majority group. */
  readonly test: GroupTest;
  /** Display name of the majority group (label 1), e.g. `male`. */
  readonly majority: string;
  /** Display name of the minority group (label 0), e.g. `female`. */
  readonly minority: string;
}

/**
 * The condition a user's attribute value must meet to be in the majority group: `equals` /
 * `notEquals` compare a categorical value (or a numeric one, read as a number), the others
 * compare a numeric value with a threshold (`below` is <, `atMost` ≤, `above` >, `atLeast` ≥).
 */
export type GroupTest =
  | { readonly type: "equals"; readonly value: string }
  | { readonly type: "notEquals"; readonly value: string }
  | { readonly type: "below"; readonly threshold: number }
  | { readonly type: "atMost"; readonly threshold: number }
  | { readonly type: "above"; readonly threshold: number }
  | { readonly type: "atLeast"; readonly threshold: number };

/** Gender: male = majority (1), female = minority (0). */
export const GENDER_RULE: BinaryGroupRule = {
  name: "gender",
  attribute: "gender",
  test: { type: "equals", value: "M" },
  majority: "male",
  minority: "female",
};

/** Age: under 40 = young = majority (1), 40 or older = senior = minority (0). */
export const AGE_RULE: BinaryGroupRule = {
  name: "age",
  attribute: "age",
  test: { type: "below", threshold: 40 },
  majority: "young",
  minority: "senior",
};

/** The built-in rules by name. */
export const DEFAULT_GROUP_RULES: Readonly<Record<string, BinaryGroupRule>> = {
  gender: GENDER_RULE,
  age: AGE_RULE,
};

/**
 * Labels every user with 1 (majority) or 0 (minority) by `rule`.
 * Throws {@link ConfigError} when the attribute is missing or of the wrong kind, when a user
 * has no value for it, or when one group comes out empty.
 */
export function applyGroupRule(dataset: Dataset, rule: BinaryGroupRule): Uint8Array {
  const attribute = dataset.userAttributes[rule.attribute];
  if (attribute === undefined) {
    const known = Object.keys(dataset.userAttributes).join(", ") || "none";
    throw new ConfigError(
      `group rule "${rule.name}" reads user attribute "${rule.attribute}", which dataset "${dataset.name}" does not have (it has: ${known})`,
    );
  }
  const n = dataset.users.ids.length;
  const labels = new Uint8Array(n);
  const test = rule.test;
  if (test.type === "equals" || test.type === "notEquals") {
    const wanted = test.type === "equals" ? 1 : 0;
    if (attribute.kind === "categorical") {
      for (let u = 0; u < n; u++) {
        const value = attribute.values[u];
        if (value === "") throw missingValue(dataset, rule, u);
        labels[u] = (value === test.value ? 1 : 0) === wanted ? 1 : 0;
      }
    } else {
      const number = test.value.trim() === "" ? Number.NaN : Number(test.value);
      if (!Number.isFinite(number)) {
        throw new ConfigError(
          `group rule "${rule.name}" compares "${rule.attribute}" to "${test.value}", but that attribute is numeric`,
        );
      }
      for (let u = 0; u < n; u++) {
        const value = attribute.values[u];
        if (Number.isNaN(value)) throw missingValue(dataset, rule, u);
        labels[u] = (value === number ? 1 : 0) === wanted ? 1 : 0;
      }
    }
  } else {
    if (attribute.kind !== "numeric") {
      throw new ConfigError(
        `group rule "${rule.name}" compares "${rule.attribute}" to a threshold, but that attribute is categorical`,
      );
    }
    const t = test.threshold;
    for (let u = 0; u < n; u++) {
      const value = attribute.values[u];
      if (Number.isNaN(value)) throw missingValue(dataset, rule, u);
      const holds =
        test.type === "below"
          ? value < t
          : test.type === "atMost"
            ? value <= t
            : test.type === "above"
              ? value > t
              : value >= t;
      labels[u] = holds ? 1 : 0;
    }
  }
  let majority = 0;
  for (let u = 0; u < n; u++) majority += labels[u];
  if (majority === 0 || majority === n) {
    const empty = majority === 0 ? rule.majority : rule.minority;
    throw new ConfigError(
      `group rule "${rule.name}" leaves the ${empty} group empty on dataset "${dataset.name}" (${n} users): every user falls on one side`,
    );
  }
  return labels;
}

function missingValue(dataset: Dataset, rule: BinaryGroupRule, user: number): ConfigError {
  return new ConfigError(
    `user "${dataset.users.ids[user]}" has no value for "${rule.attribute}", needed by group rule "${rule.name}"`,
  );
}

/**
 * {@link AGE_RULE} with another cut: users younger than `threshold` are young (majority),
 * the others senior. Throws {@link ConfigError} unless the threshold is a positive number.
 */
export function ageRuleAt(threshold: number): BinaryGroupRule {
  if (!Number.isFinite(threshold) || threshold <= 0) {
    throw new ConfigError(`the age threshold must be a positive number, got ${threshold}`);
  }
  return { ...AGE_RULE, test: { type: "below", threshold } };
}
