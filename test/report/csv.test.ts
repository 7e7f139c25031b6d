import { describe, expect, it } from "vitest";
import { csvField, figureCsv, toCsv } from "../../src/report/csv.js";
import { e4Csv } from "../../src/report/e4Table.js";
import { factorProfileFigure } from "../../src/report/fig10GenderProfile.js";
import { fixtureDocument } from "./fixture.js";

describe("CSV (RFC 4180)", () => {
  it("quotes fields with commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
    expect(csvField(null)).toBe("");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(0.25)).toBe("0.25");
    expect(csvField(false)).toBe("false");
  });

  it("writes a header, one CRLF-terminated line per row, columns in the given order", () => {
    const csv = toCsv(
      ["b", "a"],
      [
        { a: 1, b: "x,y" },
        { a: null, b: "z" },
      ],
    );
    expect(csv).toBe('b,a\r\n"x,y",1\r\nz,\r\n');
  });

  it("gives one line per factor for Fig. 10", () => {
    const figure = factorProfileFigure(fixtureDocument(), "gender");
    const lines = figureCsv(figure).split("\r\n");
    expect(lines[0]).toBe("factor,majorityShare,minorityShare,relevancy,selected");
    expect(lines).toHaveLength(1 + 100 + 1);
    expect(lines.at(-1)).toBe("");
  });

  it("keeps E4 titles with commas and quotes intact", () => {
    const e4 = fixtureDocument().experiments!.attributes.gender.e4;
    const csv = e4Csv(e4);
    expect(csv).toContain('"<script>alert(\'x\')</script> & ""Friends"" (1999)"');
    expect(csv).toContain('"Pulp Fiction, Part <1> (1994)"');
    expect(csv.split("\r\n")).toHaveLength(
      1 + e4.minorityItems.length + e4.majorityItems.length + 1,
    );
  });
});
