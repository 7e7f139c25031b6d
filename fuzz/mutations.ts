/**
 * Byte-level mutations of valid inputs, as fast-check arbitraries. Each target starts from a
 * valid file its own generator writes, then applies zero to four of these, so the fuzzer
 * spends its cases near the valid region where parsers have the most code to get wrong.
 */

import fc from "fast-check";

/** One mutation: a pure function from bytes to bytes. `label` names it in failure reports. */
export interface Mutation {
  readonly label: string;
  apply(bytes: Uint8Array): Uint8Array;
}

const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** Bytes as a Latin-1 string: one char per byte, so positions stay byte positions. */
function asText(bytes: Uint8Array): string {
  return latin1.decode(bytes);
}

/** The inverse of {@link asText} for strings whose chars are all < 256. */
function fromText(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const start = Math.min(at, bytes.length);
  const end = Math.min(start + remove, bytes.length);
  const out = new Uint8Array(bytes.length - (end - start) + insert.length);
  out.set(bytes.subarray(0, start), 0);
  out.set(insert, start);
  out.set(bytes.subarray(end), start + insert.length);
  return out;
}

/** Maps a fraction in [0, 1) to a position in [0, length]. */
function position(fraction: number, length: number): number {
  return Math.min(length, Math.floor(fraction * (length + 1)));
}

function lines(bytes: Uint8Array): string[] {
  return asText(bytes).split("\n");
}

function joinLines(parts: readonly string[]): Uint8Array {
  return fromText(parts.join("\n"));
}

const fractionArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const truncate = fractionArb.map<Mutation>((f) => ({
  label: `truncate at ${f.toFixed(4)}`,
  apply: (bytes) => bytes.slice(0, position(f, bytes.length)),
}));

const flipByte = fc
  .tuple(fractionArb, fc.integer({ min: 1, max: 255 }))
  .map<Mutation>(([f, x]) => ({
    label: `flip byte at ${f.toFixed(4)} with 0x${x.toString(16)}`,
    apply: (bytes) => {
      if (bytes.length === 0) return bytes;
      const out = bytes.slice();
      const at = Math.min(bytes.length - 1, Math.floor(f * bytes.length));
      out[at] ^= x;
      return out;
    },
  }));

const DELIMITERS = ["\t", "|", ",", ";", " ", "::", ""] as const;

const swapDelimiter = fc
  .tuple(fc.constantFrom(...DELIMITERS), fc.constantFrom(...DELIMITERS), fc.boolean())
  .map<Mutation>(([from, to, all]) => ({
    label: `replace ${all ? "every" : "the first"} ${JSON.stringify(from)} with ${JSON.stringify(to)}`,
    apply: (bytes) => {
      if (from === "") return bytes;
      const text = asText(bytes);
      return fromText(all ? text.split(from).join(to) : text.replace(from, to));
    },
  }));

const crlf = fc.constant<Mutation>({
  label: "CRLF line endings",
  apply: (bytes) => fromText(asText(bytes).replace(/\n/g, "\r\n")),
});

const bom = fc.constant<Mutation>({
  label: "UTF-8 BOM",
  apply: (bytes) => splice(bytes, 0, 0, Uint8Array.of(0xef, 0xbb, 0xbf)),
});

const blankLines = fc
  .tuple(fractionArb, fc.integer({ min: 1, max: 3 }))
  .map<Mutation>(([f, n]) => ({
    label: `${n} blank line(s) at line ${f.toFixed(4)}`,
    apply: (bytes) => {
      const parts = lines(bytes);
      parts.splice(position(f, parts.length), 0, ...Array<string>(n).fill(""));
      return joinLines(parts);
    },
  }));

const ODD_NUMBERS = [
  "99999999999999999999999",
  "-1",
  "-0",
  "0",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e308",
  "1e-320",
  "0x1F",
  "1.5",
  "",
  "4294967296",
  "2147483648",
  " 3",
] as const;

const oddNumber = fc
  .tuple(fractionArb, fc.constantFrom(...ODD_NUMBERS))
  .map<Mutation>(([f, token]) => ({
    label: `number ${f.toFixed(4)} → ${JSON.stringify(token)}`,
    apply: (bytes) => {
      const text = asText(bytes);
      const matches = [...text.matchAll(/-?\d+(\.\d+)?/g)];
      if (matches.length === 0) return bytes;
      const m = matches[Math.min(matches.length - 1, Math.floor(f * matches.length))];
      return splice(bytes, m.index ?? 0, m[0].length, encoder.encode(token));
    },
  }));

const overlongLine = fc
  .tuple(fractionArb, fc.integer({ min: 1_000, max: 200_000 }))
  .map<Mutation>(([f, n]) => ({
    label: `a line of ${n} bytes at line ${f.toFixed(4)}`,
    apply: (bytes) => {
      const parts = lines(bytes);
      parts.splice(position(f, parts.length), 0, "9".repeat(n));
      return joinLines(parts);
    },
  }));

const nonUtf8 = fc
  .tuple(
    fractionArb,
    fc.constantFrom(
      Uint8Array.of(0xff, 0xfe),
      Uint8Array.of(0xc3),
      Uint8Array.of(0x80, 0x80, 0x00),
    ),
  )
  .map<Mutation>(([f, insert]) => ({
    label: `bytes ${Array.from(insert, (b) => b.toString(16)).join(" ")} at ${f.toFixed(4)}`,
    apply: (bytes) => splice(bytes, position(f, bytes.length), 0, insert),
  }));

const duplicateLine = fractionArb.map<Mutation>((f) => ({
  label: `duplicate line ${f.toFixed(4)}`,
  apply: (bytes) => {
    const parts = lines(bytes);
    const at = Math.min(parts.length - 1, Math.floor(f * parts.length));
    parts.splice(at, 0, parts[at]);
    return joinLines(parts);
  },
}));

const dropLine = fractionArb.map<Mutation>((f) => ({
  label: `drop line ${f.toFixed(4)}`,
  apply: (bytes) => {
    const parts = lines(bytes);
    parts.splice(Math.min(parts.length - 1, Math.floor(f * parts.length)), 1);
    return joinLines(parts);
  },
}));

const dropField = fc
  .tuple(fractionArb, fc.constantFrom("\t", "|", ",", "::"))
  .map<Mutation>(([f, delimiter]) => ({
    label: `drop a ${JSON.stringify(delimiter)}-field on line ${f.toFixed(4)}`,
    apply: (bytes) => {
      const parts = lines(bytes);
      const at = Math.min(parts.length - 1, Math.floor(f * parts.length));
      const fields = parts[at].split(delimiter);
      if (fields.length > 1) fields.pop();
      parts[at] = fields.join(delimiter);
      return joinLines(parts);
    },
  }));

/** Any one of the mutations above. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  truncate,
  flipByte,
  swapDelimiter,
  crlf,
  bom,
  blankLines,
  oddNumber,
  overlongLine,
  nonUtf8,
  duplicateLine,
  dropLine,
  dropField,
);

/** A valid input and the mutations applied to it, in order. */
export interface MutatedBytes {
  readonly bytes: Uint8Array;
  readonly mutations: readonly string[];
}

/**
 * Valid bytes from `valid`, then zero to `maxMutations` mutations. One case in five is left
 * valid, so each target's invariants on good input are checked as often as its errors.
 */
export function mutated(
  valid: fc.Arbitrary<Uint8Array>,
  maxMutations = 4,
): fc.Arbitrary<MutatedBytes> {
  return fc
    .tuple(
      valid,
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([]) },
        { weight: 4, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: maxMutations }) },
      ),
    )
    .map(([bytes, mutations]) => {
      // A Buffer's slice() is a view, not a copy: start from a plain copy so no case alters the base.
      const out = mutations.reduce<Uint8Array>((acc, m) => m.apply(acc), new Uint8Array(bytes));
      const labels = mutations.map((m) => m.label);
      return {
        bytes: out,
        mutations: labels,
        // A failure report shows the mutations and the start of the bytes, not a 200 kB array.
        [fc.toStringMethod]: () =>
          `{ mutations: ${JSON.stringify(labels)}, bytes (${out.length}): ${JSON.stringify(asText(out.subarray(0, 300)))}${out.length > 300 ? "…" : ""} }`,
      };
    });
}

/** UTF-8 bytes of a string (for targets whose valid input is text). */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}
