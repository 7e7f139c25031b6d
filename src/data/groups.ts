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
  readonly test:
    | { readonly type: "equals"; readonly value: string }
    | { readonly type: "below"; readonly threshold: number };
  /** Display name of the majority group (label 1), e.g. `male`. */
  readonly majority: string;
  /** Display name of the minority group (label 0), e.g. `female`. */
  readonly minority: string;
}

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
  if (test.type === "equals") {
    if (attribute.kind !== "categorical") {
      throw new ConfigError(
        `group rule "${rule.name}" compares "${rule.attribute}" to "${test.value}", but that attribute is numeric`,
      );
    }
    for (let u = 0; u < n; u++) {
      const value = attribute.values[u];
      if (value === "") throw missingValue(dataset, rule, u);
      labels[u] = value === test.value ? 1 : 0;
    }
  } else {
    if (attribute.kind !== "numeric") {
      throw new ConfigError(
        `group rule "${rule.name}" compares "${rule.attribute}" to a threshold, but that attribute is categorical`,
      );
    }
    for (let u = 0; u < n; u++) {
      const value = attribute.values[u];
      if (Number.isNaN(value)) throw missingValue(dataset, rule, u);
      labels[u] = value < test.threshold ? 1 : 0;
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
