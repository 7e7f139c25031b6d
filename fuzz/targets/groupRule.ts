/** The `--group` rule syntax, on valid rules mutated and on random text. */

import fc from "fast-check";
import { parseGroupRule } from "../../src/data/groupRuleSyntax.js";
import { type FuzzTarget, invariant } from "../fuzzTarget.js";
import { mutated, utf8 } from "../mutations.js";

const valid = fc
  .tuple(
    fc.constantFrom("gender", "age", "occupation", "x"),
    fc.constantFrom("=", "!=", "<", "<=", ">", ">="),
    fc.constantFrom("F", "40", "-3.5", "writer"),
    fc.constantFrom("minority", "majority"),
  )
  .map(([a, op, v, side]) => utf8(`${a}${op}${v}:${side}`));

/** parseGroupRule: an accepted rule names an attribute and two distinct group labels. */
export const groupRuleTarget: FuzzTarget<{ bytes: Uint8Array }> = {
  name: "group-rule",
  reader: "--group rule syntax (parseGroupRule)",
  input: fc.oneof(
    mutated(valid),
    fc.string({ maxLength: 30 }).map((s) => ({ bytes: utf8(s) })),
  ),
  run({ bytes }) {
    const rule = parseGroupRule(new TextDecoder().decode(bytes));
    invariant(rule.attribute.length > 0, "a rule without an attribute was accepted");
    invariant(rule.majority !== rule.minority, "the two groups have the same label");
  },
};
