import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FuzzTarget, invariant } from "../../fuzz/fuzzTarget.js";
import { mutated, utf8 } from "../../fuzz/mutations.js";
import { runCases } from "../../fuzz/runCases.js";
import { ConfigError, DataFormatError } from "../../src/errors.js";

const valid = fc.constant(utf8("1\t2\t3\n4\t5\t6\n"));

/** A toy reader: rejects cleanly what it cannot parse, unless `bug` lets a TypeError out. */
function toyTarget(bug: boolean): FuzzTarget<{ bytes: Uint8Array }> {
  return {
    name: "toy",
    reader: "toy",
    input: mutated(valid),
    mustName: "toy.tsv",
    run({ bytes }) {
      const text = new TextDecoder().decode(bytes);
      for (const line of text.split("\n").filter((l) => l !== "")) {
        const fields = line.split("\t");
        if (fields.length !== 3) {
          if (bug) throw new TypeError("fields[2] is undefined");
          throw new DataFormatError({ file: "toy.tsv" }, "expected 3 fields");
        }
        invariant(fields.every((f) => f.length > 0) || true, "never");
      }
    },
  };
}

describe("the fuzz harness", () => {
  it("passes a reader that accepts or rejects cleanly, counting both", async () => {
    const outcome = await runCases(toyTarget(false), 300, 7);
    expect(outcome.failure).toBeUndefined();
    expect(outcome.cases).toBe(300);
    expect(outcome.accepted + outcome.rejected).toBe(300);
    expect(outcome.accepted).toBeGreaterThan(0);
    expect(outcome.rejected).toBeGreaterThan(0);
  });

  it("fails a reader that lets another exception out, with the seed and a replay path", async () => {
    const outcome = await runCases(toyTarget(true), 300, 7);
    expect(outcome.failure).toContain("TypeError");
    expect(outcome.failure).toMatch(/FUZZ_SEED=7 FUZZ_PATH=[\d:]+ npm run fuzz -- toy/);
    expect(outcome.failure).toContain("mutations:");
  });

  it("fails an error that does not name the file, and a broken invariant", async () => {
    const unnamed: FuzzTarget<number> = {
      name: "unnamed",
      reader: "x",
      input: fc.integer(),
      mustName: "data.csv",
      run: () => {
        throw new ConfigError("something is wrong");
      },
    };
    expect((await runCases(unnamed, 10, 1)).failure).toContain("something is wrong");
    const broken: FuzzTarget<number> = {
      name: "broken",
      reader: "x",
      input: fc.integer({ min: 0, max: 100 }),
      run: (n) => invariant(n < 50, `value ${n} out of range`),
    };
    expect((await runCases(broken, 200, 1)).failure).toContain("InvariantError");
  });

  it("mutates deterministically per seed and leaves one case in five valid", () => {
    const samples = fc.sample(mutated(valid), { seed: 3, numRuns: 200 });
    const again = fc.sample(mutated(valid), { seed: 3, numRuns: 200 });
    expect(samples.map((s) => Array.from(s.bytes))).toEqual(again.map((s) => Array.from(s.bytes)));
    const untouched = samples.filter((s) => s.mutations.length === 0).length;
    expect(untouched).toBeGreaterThan(20);
    expect(untouched).toBeLessThan(80);
  });
});
