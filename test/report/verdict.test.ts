import { describe, expect, it } from "vitest";
import type { AttributeExperiments, Verdict } from "../../src/evaluate/experiments/types.js";
import type { ResultsDocument } from "../../src/report/resultsDocument.js";
import { computeVerdict, tallyComparisons, verdictSentence } from "../../src/report/verdict.js";
import { FIXTURE_E2_NS, fixtureDocument } from "./fixture.js";

/** The fixture with every gender E2/E3 accuracy verdict against `against` replaced. */
function withVerdicts(
  set: (against: string, n: number | undefined) => Verdict | undefined,
): ResultsDocument {
  const document = fixtureDocument();
  const experiments = document.experiments!;
  const gender = experiments.attributes.gender;
  const patched: AttributeExperiments = {
    ...gender,
    e2: {
      ...gender.e2,
      comparisons: gender.e2.comparisons.map((c) => ({
        ...c,
        verdict: c.metric === "accuracy" ? (set(c.against, c.n) ?? c.verdict) : c.verdict,
      })),
    },
    e3: {
      ...gender.e3,
      comparisons: gender.e3.comparisons.map((c) => ({
        ...c,
        verdict: c.metric === "accuracy" ? (set(c.against, undefined) ?? c.verdict) : c.verdict,
      })),
    },
  };
  return {
    ...document,
    experiments: { ...experiments, attributes: { ...experiments.attributes, gender: patched } },
  };
}

describe("verdict", () => {
  it("counts wins, ties and losses per baseline from the paired verdicts", () => {
    const document = withVerdicts((against, n) =>
      against === "random"
        ? n !== undefined && n <= 15
          ? "wins"
          : "ties"
        : against === "centroid"
          ? n === 70 || n === 60
            ? "loses"
            : "ties"
          : "ties",
    );
    const verdict = computeVerdict(document);
    const mln = verdict.groups.find((g) => g.attribute === "gender" && g.classifier === "mln")!;
    const random = mln.tallies.find((t) => t.against === "random")!;
    expect(random).toMatchObject({
      wins: 3,
      ties: FIXTURE_E2_NS.length - 3,
      loses: 0,
      total: FIXTURE_E2_NS.length,
    });
    expect(mln.sentence).toBe(
      "Gender, MLN (N = 5…70): DeepUnHide beats random at 3 of 9 N; ties with DeepUnHide per group, logistic, entropy (MI), variance, PCA loadings and PCA components at all 9 N; loses to centroid difference at 2 of 9 N.",
    );
  });

  it("changes when the numbers change, and says plainly when DeepUnHide never wins", () => {
    const allTies = computeVerdict(withVerdicts(() => "ties"));
    const mlnTies = allTies.groups.find((g) => g.attribute === "gender" && g.classifier === "mln")!;
    expect(mlnTies.sentence).toContain("never beats and never loses");
    const losing = computeVerdict(
      withVerdicts((against) => (against === "logistic" ? "loses" : "ties")),
    );
    const mlnLosing = losing.groups.find(
      (g) => g.attribute === "gender" && g.classifier === "mln",
    )!;
    expect(mlnLosing.sentence).toContain("loses to logistic at all 9 N");
    expect(mlnLosing.sentence).toContain("It never beats any baseline here.");
    expect(losing.overall[0]).toMatch(/wins 0, .* It wins none\.$/);
    const winning = computeVerdict(withVerdicts(() => "wins"));
    expect(winning.overall[0]).toMatch(/DeepUnHide wins \d+, ties 0 and loses 0\.$/);
    const rf = winning.groups.find(
      (g) => g.classifier === "random-forest" && g.attribute === "gender",
    )!;
    expect(rf.sentence).toMatch(/^Gender, random forest at N = 50: DeepUnHide beats .*random\.$/);
  });

  it("reads the all-factor accuracy against the majority floor from E2", () => {
    const document = fixtureDocument();
    const e2 = document.experiments!.attributes.gender.e2;
    const [gender] = computeVerdict(document).signal;
    expect(gender).toContain(`accuracy ${e2.allFactors.accuracy.mean.toFixed(3)}`);
    expect(gender).toContain(`majority floor of ${e2.majorityFloor.mean.toFixed(3)}`);
    const flat: ResultsDocument = {
      ...document,
      experiments: {
        ...document.experiments!,
        attributes: {
          ...document.experiments!.attributes,
          gender: {
            ...document.experiments!.attributes.gender,
            e2: {
              ...e2,
              allFactors: {
                ...e2.allFactors,
                accuracy: { ...e2.allFactors.accuracy, mean: e2.majorityFloor.mean },
              },
            },
          },
        },
      },
    };
    expect(computeVerdict(flat).signal[0]).toContain(
      "signal weak: accuracy is close to always guessing the majority",
    );
  });

  it("falls back to the pipeline's test split without experiments", () => {
    const { experiments: _, ...document } = fixtureDocument();
    const verdict = computeVerdict(document);
    expect(verdict.groups).toEqual([]);
    expect(verdict.signal[0]).toContain("189 test users");
  });

  it("ignores comparisons on other metrics and handles an empty list", () => {
    expect(tallyComparisons([], "gender", "mln", "accuracy")).toEqual([]);
    expect(verdictSentence([], "Gender, MLN", "N")).toBe("Gender, MLN: no paired comparisons.");
  });
});
