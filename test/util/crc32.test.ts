import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipEntryChecksums } from "../../src/data/zipChecksums.js";
import { crc32 } from "../../src/util/crc32.js";

describe("crc32", () => {
  it("matches the standard check value and what a zip records", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const a = new TextEncoder().encode("hello, zip");
    const b = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256);
    const zip = zipSync({ "d/a.txt": a, "d/b.bin": [b, { level: 0 }] }, { comment: "c" });
    const sums = zipEntryChecksums(zip);
    expect(sums.get("d/a.txt")).toBe(crc32(a));
    expect(sums.get("d/b.bin")).toBe(crc32(b));
    expect(zipEntryChecksums(new Uint8Array(10)).size).toBe(0);
  });
});
