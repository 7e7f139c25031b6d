import { describe, expect, it } from "vitest";
import { digamma } from "../../src/baselines/digamma.js";
import {
  mutualInformation1d,
  mutualInformationScores,
} from "../../src/baselines/mutualInformationScores.js";
import { ConfigError } from "../../src/errors.js";
import { rankDescending } from "../../src/unhide/rankDescending.js";
import { createRng } from "../../src/util/rng.js";
import { INFORMATIVE, plantedInput } from "./planted.js";

/** The fixed dataset of the reference values: c_i = sin(1.3 i) + 0.7·label_i, i < 40. */
function referenceData(): { values: Float64Array; labels: Uint8Array } {
  const values = new Float64Array(40);
  const labels = new Uint8Array(40);
  for (let i = 0; i < 40; i++) {
    labels[i] = (i * 7) % 5 < 2 ? 1 : 0;
    values[i] = Math.sin(1.3 * i) + 0.7 * labels[i];
  }
  return { values, labels };
}

// scikit-learn is not installed here, so the references come from a brute-force NumPy
// transcription of sklearn.feature_selection._mutual_info._compute_mi_cd (all pairwise
// distances instead of the KD-tree; same nextafter radius; scipy.special.digamma):
//   i = np.arange(40); lab = ((i * 7) % 5 < 2).astype(int); c = np.sin(1.3 * i) + 0.7 * lab
//   per label with count > 1: r = k-th smallest |c_a − c_b| (b ≠ a) within the label,
//     radius = np.nextafter(r, 0); points of singleton labels dropped;
//   m = (|c[:, None] − c[None, :]| <= radius[:, None]).sum(1)
//   mi = max(0, ψ(n) + mean ψ(k) − mean ψ(N_c) − mean ψ(m))
const REFERENCE_K1 = 0.09650986832600754;
const REFERENCE_K3 = 0.3055581117492512;
const REFERENCE_K5 = 0.257998230862164;
const REFERENCE_THREE_LABELS_K3 = 0.3610779793868917;

/** O(n²) transcription of the estimator, independent of the sorted search under test. */
function bruteForceMi(values: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const n = values.length;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if ((counts.get(labels[i]) ?? 0) > 1) kept.push(i);
  let sum = 0;
  for (const i of kept) {
    const count = counts.get(labels[i]) ?? 0;
    const kc = Math.min(k, count - 1);
    const within = kept
      .filter((j) => j !== i && labels[j] === labels[i])
      .map((j) => Math.abs(values[j] - values[i]))
      .sort((a, b) => a - b);
    const d = within[kc - 1];
    const m = kept.filter((j) =>
      d > 0 ? Math.abs(values[j] - values[i]) < d : values[j] === values[i],
    ).length;
    sum += digamma(kc) - digamma(count) - digamma(m);
  }
  return Math.max(0, digamma(kept.length) + sum / kept.length);
}

describe("mutualInformation1d", () => {
  it("matches the reference values of scikit-learn's estimator", () => {
    const { values, labels } = referenceData();
    expect(mutualInformation1d(values, labels, 1)).toBeCloseTo(REFERENCE_K1, 13);
    expect(mutualInformation1d(values, labels, 3)).toBeCloseTo(REFERENCE_K3, 13);
    expect(mutualInformation1d(values, labels, 5)).toBeCloseTo(REFERENCE_K5, 13);
  });

  it("drops the samples of a label that occurs once, like scikit-learn", () => {
    const { values, labels } = referenceData();
    labels[17] = 2;
    expect(mutualInformation1d(values, labels, 3)).toBeCloseTo(REFERENCE_THREE_LABELS_K3, 13);
  });

  it("agrees with a brute-force count, ties and duplicates included", () => {
    const rng = createRng(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 30 + rng.int(60);
      const values = new Float64Array(n);
      const labels = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = rng.int(3);
        // Coarse rounding makes equal values and equal distances common.
        values[i] = Math.round(rng.normal() * 4 + labels[i]) / 2;
      }
      const k = 1 + rng.int(4);
      expect(mutualInformation1d(values, labels, k)).toBeCloseTo(
        bruteForceMi(values, labels, k),
        12,
      );
    }
  });

  it("caps k at a group's size − 1 and is 0 with a single usable group", () => {
    const values = new Float64Array([0, 0.1, 0.2, 5, 5.1]);
    const labels = new Uint8Array([0, 0, 0, 1, 1]);
    expect(mutualInformation1d(values, labels, 3)).toBeCloseTo(bruteForceMi(values, labels, 3), 14);
    expect(mutualInformation1d(values, labels, 3)).toBeGreaterThan(0);
    expect(mutualInformation1d(values, new Uint8Array(5), 3)).toBe(0);
  });

  it("sorts instead of comparing all pairs: 100,000 samples in well under a second", () => {
    const rng = createRng(9);
    const n = 100_000;
    const values = new Float64Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = rng.next() < 0.5 ? 1 : 0;
      values[i] = rng.normal() + labels[i];
    }
    const start = performance.now();
    const mi = mutualInformation1d(values, labels);
    expect(performance.now() - start).toBeLessThan(2000);
    // Two unit Gaussians one σ apart, equal weights: true MI ≈ 0.1 nats.
    expect(mi).toBeGreaterThan(0.08);
    expect(mi).toBeLessThan(0.13);
  });
});

describe("mutualInformationScores", () => {
  it("equals the unjittered estimator: scaling does not change it, the jitter only breaks ties", () => {
    const { values, labels } = referenceData();
    // Two factors: the reference column, and the same column × 1000 + 7.
    const x = new Float64Array(80);
    for (let i = 0; i < 40; i++) {
      x[2 * i] = values[i];
      x[2 * i + 1] = values[i] * 1000 + 7;
    }
    const rows = Int32Array.from({ length: 40 }, (_, i) => i);
    const scores = mutualInformationScores({ x, k: 2, labels, rows }, createRng(1));
    expect(scores[0]).toBeCloseTo(REFERENCE_K3, 12);
    expect(scores[1]).toBeCloseTo(REFERENCE_K3, 12);
  });

  it("is near 0 for factors independent of the group and high for separated groups", () => {
    const input = plantedInput(600, 3, 0);
    const independent = mutualInformationScores(input, createRng(2));
    const mean = independent.reduce((s, v) => s + v, 0) / independent.length;
    expect(mean).toBeLessThan(0.02);
    expect(Math.max(...independent)).toBeLessThan(0.08);

    // Balanced groups 20 σ apart: MI = H(group) = ln 2.
    const n = 400;
    const x = new Float64Array(n);
    const labels = new Uint8Array(n);
    const rng = createRng(4);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      x[i] = rng.normal() + 20 * labels[i];
    }
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const separated = mutualInformationScores({ x, k: 1, labels, rows }, createRng(2))[0];
    expect(separated).toBeCloseTo(Math.log(2), 2);
  });

  it("puts the planted factors 0–2 in its top 5", () => {
    const order = rankDescending(mutualInformationScores(plantedInput(), createRng(7)));
    expect([...order.slice(0, 5)]).toEqual(expect.arrayContaining(INFORMATIVE));
  });

  it("is deterministic per seed and reads only the training rows", () => {
    const input = plantedInput(300, 8);
    const a = mutualInformationScores(input, createRng(3));
    expect(mutualInformationScores(input, createRng(3))).toEqual(a);
    const labels = input.labels.slice();
    const x = Float32Array.from(input.x);
    for (let u = input.rows.length; u < labels.length; u++) {
      labels[u] = 1 - labels[u];
      x[u * input.k] = 1e6;
    }
    expect(mutualInformationScores({ ...input, x, labels }, createRng(3))).toEqual(a);
  });

  it("rejects a bad number of neighbours and a single-group training set", () => {
    const input = plantedInput(100);
    expect(() => mutualInformationScores(input, createRng(1), 0)).toThrow(ConfigError);
    expect(() => mutualInformationScores(input, createRng(1), 2.5)).toThrow(ConfigError);
    const oneGroup = { ...input, labels: new Uint8Array(100).fill(1) };
    expect(() => mutualInformationScores(oneGroup, createRng(1))).toThrow(ConfigError);
  });
});
