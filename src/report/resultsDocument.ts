import { type DatasetSummary, summarizeDataset } from "../data/dataset.js";
import type { ExperimentsRun } from "../evaluate/experiments/runExperiments.js";
import type { ExperimentsDocument } from "../evaluate/experiments/types.js";
import type { BinaryClassificationReport } from "../evaluate/metrics.js";
import type { SelectionCheck } from "../evaluate/selectionCheck.js";
import type { PmfKernel } from "../mf/pmf.js";
import type { FactorSource } from "../pipeline/alignImportedFactors.js";
import type { PipelineResult } from "../pipeline/runPipeline.js";
import type { UsesDocument } from "../pipeline/runUses.js";
import type { Archetype } from "../unhide/localizeArchetype.js";
import { PACKAGE_NAME, PACKAGE_VERSION } from "../version.js";
import { type ItemProfileDocument, itemProfileDocument } from "./itemProfileDocument.js";

/** Version of the `results.json` layout; bumped on any incompatible change. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Classifier quality as written to `results.json`. */
export type ClassifierQuality = BinaryClassificationReport;

/** One archetype as written to `results.json`. */
export interface ArchetypeDocument {
  readonly vector: number[];
  readonly score: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly startedFrom: string;
}

/** Per-attribute section of `results.json`. */
export interface AttributeDocument {
  readonly rule: PipelineResult["attributes"][string]["rule"];
  readonly groups: {
    readonly majority: { readonly label: string; readonly users: number };
    readonly minority: { readonly label: string; readonly users: number };
  };
  readonly classifier: {
    readonly train: ClassifierQuality;
    readonly validation: ClassifierQuality;
    readonly test: ClassifierQuality;
  };
  readonly archetypes: {
    readonly majority: ArchetypeDocument;
    readonly minority: ArchetypeDocument;
  };
  readonly relevancy: number[];
  /** Which relevancy `relevancy`, `ranking` and `selected` follow (`config.relevancy`). */
  readonly relevancyMethod: PipelineResult["config"]["relevancy"];
  /**
   * For an ensemble relevancy: per factor, the standard deviation of the members' relevancy
   * and the share of members that put the factor in their top 20.
   */
  readonly relevancyUncertainty?: {
    readonly members: number;
    readonly std: number[];
    readonly topShare: number[];
  };
  readonly proportions: { readonly majority: number[]; readonly minority: number[] };
  readonly normalizedArchetypes: { readonly majority: number[]; readonly minority: number[] };
  readonly ranking: number[];
  readonly selected: number[];
  readonly selectionThreshold: number;
  readonly topN: Omit<SelectionCheck, "factors"> & { readonly factors: number[] };
}

/** The whole `results.json` document. */
export interface ResultsDocument {
  readonly schemaVersion: number;
  readonly package: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly config: PipelineResult["config"];
  readonly dataset: DatasetSummary;
  readonly mf: {
    readonly k: number;
    readonly factorsFrom: "all" | "train";
    /**
     * Who ran the PMF epochs (`wasm` falls back to `js` on a host without WebAssembly SIMD);
     * absent for imported factors.
     */
    readonly kernel?: PmfKernel;
    readonly ratings: { readonly train: number; readonly test: number };
    /** With imported factors (`source`), `train` and `globalMean` are in-sample and `test` is NaN (null in JSON). */
    readonly rmse: { readonly train: number; readonly test: number; readonly globalMean: number };
    readonly history: { readonly epoch: number; readonly trainRmse: number }[];
    /** Present when the factors were imported: format, files and how they were matched. */
    readonly source?: FactorSource;
  };
  readonly classifier: {
    readonly users: { readonly train: number; readonly validation: number; readonly test: number };
    readonly bestEpoch: number;
    readonly history: PipelineResult["classifier"]["history"];
  };
  readonly attributes: Readonly<Record<string, AttributeDocument>>;
  /** The paper's §3 evaluation (E1–E4, stability), when it was run. */
  readonly experiments?: ExperimentsDocument;
  /** The item side: item factors against the genres (when the run had it). */
  readonly items?: ItemProfileDocument;
  /** Fairness sweeps, an example explanation and an example group, when computed. */
  readonly uses?: UsesDocument;
  readonly warnings: readonly string[];
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * Turns a pipeline result into the plain, schema-versioned `results.json` document.
 * Everything but `timings` depends only on the inputs and the seed. With `experiments`, the
 * evaluation's numbers, warnings and timings join the document; with `uses`, the fairness
 * sweeps and the examples.
 */
export function buildResultsDocument(
  result: PipelineResult,
  experiments?: ExperimentsRun,
  uses?: UsesDocument,
): ResultsDocument {
  const attributes: Record<string, AttributeDocument> = {};
  for (const [name, attribute] of Object.entries(result.attributes)) {
    let majorityUsers = 0;
    for (const label of attribute.labels) majorityUsers += label;
    attributes[name] = {
      rule: attribute.rule,
      groups: {
        majority: { label: attribute.rule.majority, users: majorityUsers },
        minority: {
          label: attribute.rule.minority,
          users: attribute.labels.length - majorityUsers,
        },
      },
      classifier: attribute.classifier,
      archetypes: {
        majority: archetypeDocument(attribute.archetypes.majority),
        minority: archetypeDocument(attribute.archetypes.minority),
      },
      relevancy: Array.from(attribute.profile.relevancy),
      relevancyMethod: result.config.relevancy,
      ...(attribute.relevancyUncertainty !== undefined
        ? {
            relevancyUncertainty: {
              members: attribute.relevancyUncertainty.members,
              std: Array.from(attribute.relevancyUncertainty.std),
              topShare: Array.from(attribute.relevancyUncertainty.topShare),
            },
          }
        : {}),
      proportions: {
        majority: Array.from(attribute.profile.majorityShare),
        minority: Array.from(attribute.profile.minorityShare),
      },
      normalizedArchetypes: {
        majority: Array.from(attribute.profile.normalizedMajority),
        minority: Array.from(attribute.profile.normalizedMinority),
      },
      ranking: Array.from(attribute.profile.ranking),
      selected: Array.from(attribute.profile.selected),
      selectionThreshold: result.config.selectionThreshold,
      topN: { ...attribute.topN, factors: Array.from(attribute.topN.factors) },
    };
  }
  const { dataset, mf, classifier } = result;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    package: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    seed: result.config.seed,
    config: result.config,
    dataset: summarizeDataset(dataset),
    mf: {
      k: mf.model.k,
      factorsFrom: result.config.factorsFrom,
      ...(mf.model.kernel !== undefined ? { kernel: mf.model.kernel } : {}),
      ratings: { train: mf.trainRatings, test: mf.testRatings },
      rmse: mf.rmse,
      history: mf.evaluationModel.history.map((h) => ({ epoch: h.epoch, trainRmse: h.trainRmse })),
      ...(mf.source !== undefined ? { source: mf.source } : {}),
    },
    classifier: {
      users: {
        train: classifier.split.train.length,
        validation: classifier.split.validation.length,
        test: classifier.split.test.length,
      },
      bestEpoch: classifier.bestEpoch,
      history: classifier.history,
    },
    attributes,
    ...(experiments !== undefined ? { experiments: experiments.document } : {}),
    ...(result.items !== undefined ? { items: itemProfileDocument(result.items) } : {}),
    ...(uses !== undefined ? { uses } : {}),
    warnings: [...result.warnings, ...(experiments?.warnings ?? [])],
    timings: {
      ...result.timings,
      ...Object.fromEntries(
        Object.entries(experiments?.timings ?? {}).map(([part, ms]) => [`experiments.${part}`, ms]),
      ),
    },
  };
}

/** The `results.json` form of one archetype. */
export function archetypeDocument(archetype: Archetype): ArchetypeDocument {
  return {
    vector: Array.from(archetype.vector),
    score: archetype.score,
    iterations: archetype.iterations,
    converged: archetype.converged,
    startedFrom: archetype.startedFrom,
  };
}
