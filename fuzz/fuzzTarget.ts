/**
 * What a fuzz target is, and how its outcome is judged: a case passes when the reader either
 * accepts the input (and the target's invariants on the result hold) or rejects it with the
 * project's own typed error naming the file. Anything else (a TypeError, a RangeError from a
 * typed-array allocation, an invariant broken, a hang, a crash) is a failure.
 */

import { CommanderError } from "commander";
import type fc from "fast-check";
import { DeepUnhideError } from "../src/errors.js";

/** One reader under fuzzing. */
export interface FuzzTarget<T> {
  /** Short name, used on the command line: `npm run fuzz -- npy`. */
  readonly name: string;
  /** What is fuzzed, for the summary. */
  readonly reader: string;
  /** Inputs: valid ones from a generator, then mutated (see mutations.ts). */
  readonly input: fc.Arbitrary<T>;
  /**
   * Runs the reader on one input. Returns when the input was accepted and the invariants of
   * the result hold (throw {@link InvariantError} otherwise); lets the reader's own error
   * propagate when the input was rejected.
   */
  run(input: T): Promise<void> | void;
  /** Text an error's message must contain (the file's name), when the reader reads files. */
  readonly mustName?: string | ((input: T) => string);
  /** One-time setup before the first case (e.g. writing a model folder to mutate). */
  setup?(): Promise<void>;
}

/** A result the reader accepted breaks one of the target's invariants. */
export class InvariantError extends Error {
  override name = "InvariantError";
}

/** Throws an {@link InvariantError} with `message` unless `condition` holds. */
export function invariant(condition: boolean, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/**
 * Whether `error` is a clean rejection: the project's own error (or commander's, for command
 * lines) naming what it must name.
 */
export function isCleanRejection(error: unknown, mustName: string | undefined): boolean {
  if (error instanceof CommanderError) return true;
  if (!(error instanceof DeepUnhideError)) return false;
  return mustName === undefined || error.message.includes(mustName);
}
