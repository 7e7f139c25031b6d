/**
 * Structural checks of the JSON files of a model folder. A file whose checksum matches the
 * manifest can still be wrong (written by another tool, edited by hand, or the manifest
 * itself edited), and a wrong field must end in a {@link ModelFormatError} naming the file and
 * the field, not in a TypeError deep inside a use.
 */

import { ModelFormatError } from "../errors.js";

/** Parses JSON, turning a syntax error into a ModelFormatError naming the file. */
export function parseModelJson(bytes: Uint8Array, path: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new ModelFormatError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Reads typed fields out of one parsed JSON value, naming the file and field in every error. */
export class JsonFields {
  constructor(
    private readonly path: string,
    private readonly value: unknown,
    private readonly prefix = "",
  ) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(prefix === "" ? "the file" : prefix, "an object");
    }
  }

  private fail(field: string, expected: string): never {
    throw new ModelFormatError(`${this.path}: field "${field}" must be ${expected}`);
  }

  private raw(name: string): unknown {
    return (this.value as Record<string, unknown>)[name];
  }

  private name(field: string): string {
    return this.prefix === "" ? field : `${this.prefix}.${field}`;
  }

  /** Whether the field is present (not undefined). */
  has(field: string): boolean {
    return this.raw(field) !== undefined;
  }

  /** A nested object, read with the same rules. */
  object(field: string): JsonFields {
    return new JsonFields(this.path, this.raw(field), this.name(field));
  }

  /** A string. */
  string(field: string): string {
    const v = this.raw(field);
    if (typeof v !== "string") this.fail(this.name(field), "a string");
    return v;
  }

  /** An integer in [min, max]. */
  integer(field: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.raw(field);
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      this.fail(this.name(field), `an integer in [${min}, ${max}]`);
    }
    return v;
  }

  /** A finite number. */
  number(field: string): number {
    const v = this.raw(field);
    if (typeof v !== "number" || !Number.isFinite(v))
      this.fail(this.name(field), "a finite number");
    return v;
  }

  /** An array of strings, of the given length when one is given. */
  strings(field: string, length?: number): string[] {
    const v = this.raw(field);
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) {
      this.fail(this.name(field), "an array of strings");
    }
    if (length !== undefined && v.length !== length) {
      this.fail(this.name(field), `an array of ${length} strings (found ${v.length})`);
    }
    return v as string[];
  }

  /** An array of finite numbers in [min, max], of the given length when one is given. */
  numbers(field: string, length?: number, min = -Infinity, max = Infinity): number[] {
    const v = this.raw(field);
    if (!Array.isArray(v) || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
      this.fail(this.name(field), "an array of finite numbers");
    }
    if (length !== undefined && v.length !== length) {
      this.fail(this.name(field), `an array of ${length} numbers (found ${v.length})`);
    }
    if (!(v as number[]).every((x) => x >= min && x <= max)) {
      this.fail(this.name(field), `an array of numbers in [${min}, ${max}]`);
    }
    return v as number[];
  }

  /** An array of integers in [0, bound), of the given length when one is given. */
  indices(field: string, bound: number, length?: number): number[] {
    const v = this.numbers(field, length, 0, bound - 1);
    if (!v.every(Number.isInteger))
      this.fail(this.name(field), `an array of integers in [0, ${bound})`);
    return v;
  }

  /** An array of integers in [0, bound), each row of `rows` (when given) its own array. */
  indexRows(field: string, bound: number, rows?: number): number[][] {
    const v = this.raw(field);
    const ok =
      Array.isArray(v) &&
      v.every(
        (row) =>
          Array.isArray(row) &&
          row.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x < bound),
      );
    if (!ok) this.fail(this.name(field), `an array of arrays of integers in [0, ${bound})`);
    if (rows !== undefined && (v as unknown[]).length !== rows) {
      this.fail(this.name(field), `an array of ${rows} rows (found ${(v as unknown[]).length})`);
    }
    return v as number[][];
  }

  /** The keys of this object. */
  keys(): string[] {
    return Object.keys(this.value as object);
  }
}
