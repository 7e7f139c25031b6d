import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { fitClassifier } from "../../src/nn/fitClassifier.js";
import { resolveLocalizationConfig } from "../../src/unhide/localizationConfig.js";
import { withDefaults } from "../../src/util/defaults.js";
import { createRng } from "../../src/util/rng.js";

describe("withDefaults", () => {
  it("keeps a default when the override is undefined, and never mutates the defaults", () => {
    const defaults = Object.freeze({ a: 1, b: true, c: "x" });
    const merged = withDefaults<{ a: number; b: boolean; c: string }>(defaults, {
      a: undefined,
      b: false,
    });
    expect(merged).toEqual({ a: 1, b: false, c: "x" });
    expect(withDefaults(defaults, undefined)).toEqual(defaults);
    expect(defaults).toEqual({ a: 1, b: true, c: "x" });
  });

  it("is what the localization config uses: an undefined field is not an error", () => {
    expect(resolveLocalizationConfig({ eta: undefined }).eta).toBe(1);
  });

  it("classifier: rejects ε = 0 (0/0 on a parameter with zero gradient)", () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const split = { train: Int32Array.from([0, 1, 2, 3]), validation: new Int32Array(0) };
    const labels = [Uint8Array.from([0, 0, 1, 1])];
    expect(() => fitClassifier(x, labels, split, { epsilon: 0 }, createRng(1))).toThrow(
      ConfigError,
    );
  });
});
