/**
 * Command lines: random sequences of the program's own commands, flags and odd values. Parsing
 * must end in the action being reached (stopped before it runs), commander's usage error, or
 * the project's own error; never an exception of another kind.
 */

import type { Command } from "commander";
import fc from "fast-check";
import { buildProgram } from "../../src/cli/main.js";
import type { FuzzTarget } from "../fuzzTarget.js";

/** Thrown by the pre-action hook: the command line parsed and the action would run now. */
class ReachedAction extends Error {}

function allCommands(program: Command): Command[] {
  return [program, ...program.commands.flatMap((c) => allCommands(c))];
}

function quiet(program: Command): Command {
  for (const command of allCommands(program)) {
    command.exitOverride();
    command.configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  }
  program.hook("preAction", () => {
    throw new ReachedAction();
  });
  return program;
}

const reference = buildProgram();
const commandNames = reference.commands.map((c) => c.name());
const flags = [
  ...new Set(allCommands(reference).flatMap((c) => c.options.flatMap((o) => [o.long, o.short]))),
].filter((f): f is string => typeof f === "string");

const ODD_VALUES = [
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "",
  " ",
  "3.5",
  "99999999999999999999",
  "x",
  ",",
  "1,,2",
  "../../etc/passwd",
  "\u0000",
  "é",
  "--",
  "-",
  "ml-100k",
  "synthetic",
  "all",
  "gender",
  "age",
] as const;

const token = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(...flags) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_VALUES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...flags).map((f) => `${f}=${"1".repeat(3)}`) },
);

const commandLines = fc.tuple(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...commandNames) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  ),
  fc.array(token, { maxLength: 10 }),
);

/** The CLI's argument parser (commander program of src/cli/main.ts). */
export const cliArgumentsTarget: FuzzTarget<[string, string[]]> = {
  name: "cli-arguments",
  reader: "command-line arguments (every command and flag of buildProgram)",
  input: commandLines,
  async run([command, args]) {
    try {
      await quiet(buildProgram()).parseAsync(["node", "deepunhide", command, ...args]);
    } catch (error) {
      if (error instanceof ReachedAction) return;
      throw error;
    }
  },
};
