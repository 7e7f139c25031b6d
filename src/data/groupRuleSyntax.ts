/**
 * Group rules written on the command line, e.g. `gender=F:minority` or `age<40:majority`: an
 * attribute, an operator, a value and the group the matching users form. The other users form
 * the other group. The result is the same {@link BinaryGroupRule} the built-in rules are.
 */

import { ConfigError } from "../errors.js";
import type { BinaryGroupRule, GroupTest } from "./groups.js";

/** Comparison operators of the rule syntax, longest first so `<=` is not read as `<`. */
const OPERATORS = ["!=", "<=", ">=", "=", "<", ">"] as const;

type Operator = (typeof OPERATORS)[number];

/** What each operator means when the users it matches are the majority. */
const MAJORITY_TEST: Readonly<Record<Operator, GroupTest["type"]>> = {
  "=": "equals",
  "!=": "notEquals",
  "<": "below",
  "<=": "atMost",
  ">": "above",
  ">=": "atLeast",
};

/** The operator that matches exactly the users `operator` does not. */
const NEGATION: Readonly<Record<Operator, Operator>> = {
  "=": "!=",
  "!=": "=",
  "<": ">=",
  ">=": "<",
  "<=": ">",
  ">": "<=",
};

/** The syntax, quoted in every error so the user sees what is expected. */
export const GROUP_RULE_SYNTAX =
  'ATTRIBUTE OP VALUE:GROUP with OP one of = != < <= > >= and GROUP majority or minority, e.g. "gender=F:minority" or "age<40:majority"';

/**
 * Parses one rule. The rule is named after its attribute; the groups are labelled by their
 * conditions (`gender=F` and `gender!=F`), so results say exactly who is in each. `<`, `<=`,
 * `>`, `>=` need a numeric value. Throws {@link ConfigError} quoting the rule on bad syntax.
 */
export function parseGroupRule(text: string): BinaryGroupRule {
  const fail = (why: string): never => {
    throw new ConfigError(`group rule "${text}": ${why}; expected ${GROUP_RULE_SYNTAX}`);
  };
  const colon = text.lastIndexOf(":");
  if (colon < 0) fail("the group (:majority or :minority) is missing");
  const group = text.slice(colon + 1).trim();
  if (group !== "majority" && group !== "minority") {
    fail(`the group must be "majority" or "minority", got "${group}"`);
  }
  const condition = text.slice(0, colon);
  let at = -1;
  let operator: Operator | undefined;
  for (let i = 0; i < condition.length && operator === undefined; i++) {
    for (const candidate of OPERATORS) {
      if (condition.startsWith(candidate, i)) {
        at = i;
        operator = candidate;
        break;
      }
    }
  }
  if (operator === undefined) return fail("no comparison operator");
  const attribute = condition.slice(0, at).trim();
  const value = condition.slice(at + operator.length).trim();
  if (attribute === "") fail("the attribute name is missing");
  if (value === "") fail("the value is missing");
  if (OPERATORS.some((other) => value.startsWith(other))) {
    fail(`"${operator}${value.slice(0, 2)}" is not an operator`);
  }
  const majorityOperator = group === "majority" ? operator : NEGATION[operator];
  const type = MAJORITY_TEST[majorityOperator];
  let test: GroupTest;
  if (type === "equals" || type === "notEquals") {
    test = { type, value };
  } else {
    const threshold = Number(value);
    if (!Number.isFinite(threshold)) fail(`"${operator}" needs a number, got "${value}"`);
    test = { type, threshold };
  }
  const label = (op: Operator) => `${attribute}${op}${value}`;
  return {
    name: attribute,
    attribute,
    test,
    majority: label(majorityOperator),
    minority: label(NEGATION[majorityOperator]),
  };
}

/**
 * Parses every `--group` rule into rules by name. Two rules on the same attribute would share
 * a name in the results, so they are rejected.
 */
export function parseGroupRules(
  texts: readonly string[],
): Readonly<Record<string, BinaryGroupRule>> {
  const rules: Record<string, BinaryGroupRule> = {};
  for (const text of texts) {
    const rule = parseGroupRule(text);
    if (rules[rule.name] !== undefined) {
      throw new ConfigError(
        `two group rules on "${rule.attribute}"; give one rule per attribute (the other users form the other group)`,
      );
    }
    rules[rule.name] = rule;
  }
  return rules;
}
