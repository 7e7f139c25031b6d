import { parseGroupRules } from "../data/groupRuleSyntax.js";
import { ageRuleAt, type BinaryGroupRule, GENDER_RULE } from "../data/groups.js";
import { ML1M_DEFAULT_AGE_THRESHOLD, ml1mAgeRule } from "../data/movielens1m.js";

/** The paper's age cut: under 40 is young. */
export const DEFAULT_AGE_THRESHOLD = 40;

/** How the groups of a run are defined, as given on the command line. */
export interface GroupRuleOptions {
  /** Age cut: younger is young (majority); default 40, or 45 on ML-1M (see `ml1mAgeRule`). */
  readonly ageThreshold?: number;
  /** Rules in the `--group` syntax (see `parseGroupRule`); they add to or replace the built-in ones. */
  readonly groups?: readonly string[];
}

/**
 * The group rules a run on dataset `name` can use: gender and age (with the dataset's age
 * cut: ML-1M's must fall on a band boundary), plus every `--group` rule, which replaces a
 * built-in rule of the same name.
 */
export function datasetGroupRules(
  name: string,
  options: GroupRuleOptions = {},
): Readonly<Record<string, BinaryGroupRule>> {
  const age =
    name === "ml-1m"
      ? ml1mAgeRule(options.ageThreshold ?? ML1M_DEFAULT_AGE_THRESHOLD)
      : ageRuleAt(options.ageThreshold ?? DEFAULT_AGE_THRESHOLD);
  return { gender: GENDER_RULE, age, ...parseGroupRules(options.groups ?? []) };
}
