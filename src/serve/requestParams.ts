/**
 * Validation of the explorer API's parameters (query string or JSON body). Each reader
 * returns a typed value or throws a {@link RequestError} 400 that names the parameter, what
 * was expected and what came, so a client never sees a stack trace or a silent default for
 * a typo.
 */

import { RequestError } from "../errors.js";

/** A request's parameters by name: the query string, or a JSON body's top-level fields. */
export type RequestParams = ReadonlyMap<string, string | readonly string[]>;

/** Longest single parameter value accepted (ids are short; a group list is bounded apart). */
const MAX_VALUE_LENGTH = 1024;

/** Parameters of a URL's query string; a name given twice is an error rather than a guess. */
export function queryParams(search: URLSearchParams): RequestParams {
  const out = new Map<string, string>();
  for (const [name, value] of search) {
    if (out.has(name)) throw new RequestError(400, `parameter "${name}" is given more than once`);
    out.set(name, value);
  }
  return out;
}

/**
 * Parameters of a JSON object body: strings and numbers become strings (so both
 * `{"top": 5}` and `{"top": "5"}` work), arrays of them lists.
 */
export function bodyParams(body: unknown): RequestParams {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RequestError(400, "the request body must be a JSON object");
  }
  const out = new Map<string, string | string[]>();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string" || typeof value === "number") out.set(name, String(value));
    else if (
      Array.isArray(value) &&
      value.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      out.set(name, value.map(String));
    } else {
      throw new RequestError(400, `parameter "${name}" must be a string, number or list of them`);
    }
  }
  return out;
}

function single(params: RequestParams, name: string): string | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    throw new RequestError(400, `parameter "${name}" must be one value`);
  if (value.length > MAX_VALUE_LENGTH) {
    throw new RequestError(
      400,
      `parameter "${name}" is longer than ${MAX_VALUE_LENGTH} characters`,
    );
  }
  return value;
}

/** A required text parameter. */
export function requiredText(params: RequestParams, name: string): string {
  const value = single(params, name)?.trim();
  if (value === undefined || value === "") {
    throw new RequestError(400, `parameter "${name}" is required`);
  }
  return value;
}

/** An optional text parameter (`undefined` when absent or blank). */
export function optionalText(params: RequestParams, name: string): string | undefined {
  const value = single(params, name)?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** An integer parameter in [min, max], `fallback` when absent. */
export function integerParam(
  params: RequestParams,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  return boundedNumber(params, name, /^-?\d+$/, `an integer in ${min}…${max}`, min, max, fallback);
}

/** A required integer parameter in [min, max]. */
export function requiredInteger(
  params: RequestParams,
  name: string,
  min: number,
  max: number,
): number {
  requiredText(params, name);
  return integerParam(params, name, min, max, min);
}

/** A finite number parameter in [min, max], `fallback` when absent. */
export function numberParam(
  params: RequestParams,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  // Number("0x10") and Number("1_0") parse or not in surprising ways; a decimal literal is all the API takes.
  const decimal = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
  return boundedNumber(params, name, decimal, `a number in [${min}, ${max}]`, min, max, fallback);
}

function boundedNumber(
  params: RequestParams,
  name: string,
  pattern: RegExp,
  expected: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = optionalText(params, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!pattern.test(text) || !Number.isFinite(n) || n < min || n > max) {
    throw new RequestError(400, `parameter "${name}" must be ${expected}, got "${text}"`);
  }
  return n;
}

/** A parameter that must be one of `choices`, `fallback` when absent. */
export function choiceParam<T extends string>(
  params: RequestParams,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = optionalText(params, name);
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) {
    throw new RequestError(
      400,
      `parameter "${name}" must be one of ${choices.join(", ")}, got "${text}"`,
    );
  }
  return text as T;
}

/**
 * A list parameter: a JSON array, or comma-separated text; blanks dropped; at most `max`
 * entries, each at most {@link MAX_VALUE_LENGTH} characters.
 */
export function listParam(params: RequestParams, name: string, max: number): string[] {
  const value = params.get(name);
  if (value === undefined) throw new RequestError(400, `parameter "${name}" is required`);
  const parts = (typeof value === "string" ? value.split(",") : value)
    .map((v) => v.trim())
    .filter((v) => v !== "");
  if (parts.length === 0) throw new RequestError(400, `parameter "${name}" is empty`);
  if (parts.length > max) {
    throw new RequestError(400, `parameter "${name}" has ${parts.length} entries; at most ${max}`);
  }
  if (parts.some((p) => p.length > MAX_VALUE_LENGTH)) {
    throw new RequestError(
      400,
      `an entry of "${name}" is longer than ${MAX_VALUE_LENGTH} characters`,
    );
  }
  return parts;
}
