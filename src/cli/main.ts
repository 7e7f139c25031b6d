import { availableParallelism } from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  DEFAULT_FAIRNESS_CONFIG,
  FAIRNESS_METHODS,
  type FairnessMethod,
} from "../apply/fairnessSweep.js";
import { MAX_FAIRNESS_ALPHA } from "../apply/fairnessWeights.js";
import type { DelimitedDatasetConfig } from "../data/delimitedRatings.js";
import { GROUP_RULE_SYNTAX, parseGroupRules } from "../data/groupRuleSyntax.js";
import type { RatingScale } from "../data/ratingValue.js";
import { parseColumnRef } from "../data/sniffDelimited.js";
import { ConfigError, DeepUnhideError } from "../errors.js";
import {
  DEFAULT_EXPERIMENT_CONFIG,
  ENSEMBLE_SAMPLINGS,
  type EnsembleSampling,
  QUICK_EXPERIMENT_CONFIG,
} from "../evaluate/experiments/experimentConfig.js";
import {
  DEEPUNHIDE_VARIANTS,
  PAPER_RANKING_METHODS,
  type RankingMethod,
} from "../evaluate/experiments/types.js";
import { FACTOR_FORMATS, type FactorFormat } from "../io/importedFactors.js";
import type { PmfConfig } from "../mf/pmf.js";
import { datasetGroupRules } from "../pipeline/datasetGroupRules.js";
import { DATASET_NAMES, DEFAULT_DATA_SEED } from "../pipeline/loadNamedDataset.js";
import {
  DEFAULT_RUN_CONFIG,
  QUICK_RELEVANCY_MAX_USERS,
  RELEVANCY_METHODS,
  type RelevancyMethod,
  type RunConfig,
} from "../pipeline/runConfig.js";
import { PACKAGE_VERSION } from "../version.js";
import { explainCommand } from "./explainCommand.js";
import { exportCommand } from "./exportCommand.js";
import { fairnessCommand, parseAlphas } from "./fairnessCommand.js";
import { GROUP_COMMAND_METHODS, type GroupCommandOptions, groupCommand } from "./groupCommand.js";
import { importCommand } from "./importCommand.js";
import { recommendCommand } from "./recommendCommand.js";
import { type RunCommandOptions, runCommand } from "./runCommand.js";
import { serveCommand } from "./serveCommand.js";

function integer(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}, got "${value}"`);
    }
    return n;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
      throw new InvalidArgumentError(`${name} must be a positive number, got "${value}"`);
    }
    return n;
  };
}

function fraction(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
      throw new InvalidArgumentError(`${name} must be a number in [0, 1], got "${value}"`);
    }
    return n;
  };
}

function parseList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** `1..5` → { min: 1, max: 5 }. */
function ratingScale(value: string): RatingScale {
  const match = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*$/.exec(value);
  const min = match === null ? Number.NaN : Number(match[1]);
  const max = match === null ? Number.NaN : Number(match[2]);
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new InvalidArgumentError(
      `--rating-scale must be MIN..MAX with MIN < MAX, got "${value}"`,
    );
  }
  return { min, max };
}

/** The csv options of `run`, or undefined when none was given (another dataset). */
function delimitedOptions(flags: AnalysisFlags): Partial<DelimitedDatasetConfig> | undefined {
  const given =
    flags.ratings !== undefined ||
    flags.userAttributes !== undefined ||
    flags.ratingsColumns !== undefined ||
    flags.userIdColumn !== undefined ||
    flags.delimiter !== undefined ||
    flags.header !== undefined ||
    flags.ratingScale !== undefined;
  if (!given && flags.dataset !== "csv") return undefined;
  let ratingColumns: DelimitedDatasetConfig["ratingColumns"] | undefined;
  if (flags.ratingsColumns !== undefined) {
    const columns = flags.ratingsColumns.split(",").map(parseColumnRef);
    if (columns.length !== 3 || columns.some((c) => c === "")) {
      throw new ConfigError(
        `--ratings-columns takes three columns (user,item,rating), by name or 0-based index; got "${flags.ratingsColumns}"`,
      );
    }
    ratingColumns = [columns[0], columns[1], columns[2]];
  }
  return {
    ratingsFile: flags.ratings,
    userAttributesFile: flags.userAttributes,
    ratingColumns,
    userIdColumn: flags.userIdColumn !== undefined ? parseColumnRef(flags.userIdColumn) : undefined,
    delimiter: flags.delimiter !== undefined ? delimiterOf(flags.delimiter) : undefined,
    header: flags.header,
    ratingScale: flags.ratingScale,
  };
}

/** `tab` or `\t` → a TAB; anything else as given. */
function delimiterOf(text: string): string {
  return text === "tab" || text === "\\t" || text === "TAB" ? "\t" : text;
}

interface RunFlags {
  dataset: string;
  dataDir?: string;
  dataSeed: number;
  ageThreshold?: number;
  referenceDate?: string;
  ratings?: string;
  userAttributes?: string;
  ratingsColumns?: string;
  userIdColumn?: string;
  delimiter?: string;
  header?: boolean;
  ratingScale?: RatingScale;
  group: string[];
  out: string;
  seed: number;
  attributes?: string;
  k?: number;
  epochs?: number;
  learningRate?: number;
  regularization?: number;
  factorsFrom?: "all" | "train";
  hidden?: number;
  threshold: number;
  topN: number;
  quiet: boolean;
  json: boolean;
  evaluation: boolean;
  items: boolean;
  quick: boolean;
  seeds?: number;
  workers: number;
  methods?: string;
  ensembleMembers?: number;
  ensembleSampling?: EnsembleSampling;
  relevancy: RelevancyMethod;
  relevancyMembers: number;
  relevancyMaxUsers?: number;
  pmfKernel?: "wasm" | "js";
  maxUsers?: number;
}

/**
 * Where the data comes from and the output goes: `--dataset`, `--data-dir`, the loaders'
 * options, the `--group` rules and `--out`.
 */
function addDatasetOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--dataset <name>", "dataset to use").choices(DATASET_NAMES).default("synthetic"),
    )
    .option(
      "--data-dir <dir>",
      "folder holding the dataset's files (skips the lookup and download)",
    )
    .option(
      "--data-seed <n>",
      "seed of the synthetic dataset",
      integer("--data-seed", 0),
      DEFAULT_DATA_SEED,
    )
    .option(
      "--age-threshold <years>",
      "age cut: younger users are young (default 40; ml-1m: 45, a band boundary)",
      positiveNumber("--age-threshold"),
    )
    .option(
      "--reference-date <YYYY-MM-DD>",
      "myanimelist: the day ages are computed at from birth dates (default 2018-05-01)",
    )
    .option("--ratings <file>", "csv: the ratings file")
    .option("--user-attributes <file>", "csv: the user attribute file")
    .option(
      "--ratings-columns <list>",
      "csv: user, item and rating columns, by header name or 0-based index (default 0,1,2)",
    )
    .option(
      "--user-id-column <column>",
      "csv: user id column of the attribute file, by name or 0-based index (default 0)",
    )
    .option(
      "--delimiter <text>",
      "csv: field delimiter of both files, e.g. , ; tab :: (default: detected)",
    )
    .option("--header", "csv: both files start with a header line (default: detected)")
    .option("--no-header", "csv: neither file has a header line")
    .option(
      "--rating-scale <min..max>",
      "csv: inclusive rating scale, e.g. 1..5 (default: the range found)",
      ratingScale,
    )
    .option(
      "--group <rule>",
      `a binary group rule, repeatable: ${GROUP_RULE_SYNTAX}`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option("--out <dir>", "output folder", "deepunhide-run");
}

/**
 * The options `run` and `import` share after stage 1: seed, attributes, classifier, selection,
 * the item side, the evaluation and the output mode.
 */
function addAnalysisOptions(command: Command): Command {
  return command
    .option(
      "--seed <n>",
      "master seed of every stage",
      integer("--seed", 0),
      DEFAULT_RUN_CONFIG.seed,
    )
    .option(
      "--attributes <list>",
      `comma-separated binary attributes to unhide (default: the --group rules, else ${DEFAULT_RUN_CONFIG.attributes.join(",")})`,
    )
    .option("--hidden <n>", "hidden units of the MLN (default 10)", integer("--hidden", 1))
    .option(
      "--threshold <x>",
      "relevancy threshold for the selected factors",
      fraction("--threshold"),
      DEFAULT_RUN_CONFIG.selectionThreshold,
    )
    .option(
      "--top-n <n>",
      "N of the top-N selection check",
      integer("--top-n", 1),
      DEFAULT_RUN_CONFIG.topN,
    )
    .addOption(
      new Option(
        "--relevancy <method>",
        "relevancy behind the ranking, selection and explanations: the paper's archetype difference or the group contrast of integrated gradients over an MLN ensemble",
      )
        .choices(RELEVANCY_METHODS)
        .default(DEFAULT_RUN_CONFIG.relevancy),
    )
    .option(
      "--relevancy-members <n>",
      "MLNs behind --relevancy contrast-ig-ensemble",
      integer("--relevancy-members", 1),
      DEFAULT_RUN_CONFIG.relevancyMembers,
    )
    .option(
      "--relevancy-max-users <n>",
      `users the ensemble's extra MLNs learn from: a stratified subsample above it (default: every user; quick: ${QUICK_RELEVANCY_MAX_USERS.toLocaleString("en-US")})`,
      integer("--relevancy-max-users", 10),
    )
    .option("--no-evaluation", "skip the paper's §3 evaluation (E1–E4) and the report")
    .option("--no-items", "skip the item side (which factors characterize each genre)")
    .option(
      "--quick",
      "a smoke test: one PMF fit (--factors-from train) and a small evaluation (3 seeds, fewer N)",
      false,
    )
    .option(
      "--seeds <n>",
      "paired seeds of the evaluation (default 10; quick: 3)",
      integer("--seeds", 1),
    )
    .option(
      "--workers <n>",
      "worker threads for the evaluation (0 = none); results do not depend on it",
      integer("--workers", 0),
      Math.min(2, availableParallelism()),
    )
    .option(
      "--methods <list>",
      `comma-separated factor rankings to compare (default: the paper's ${PAPER_RANKING_METHODS.length}; also ${DEEPUNHIDE_VARIANTS.join(", ")})`,
    )
    .option(
      "--ensemble-members <n>",
      `MLNs behind the *-ensemble variants (default ${DEFAULT_EXPERIMENT_CONFIG.ensembleMembers})`,
      integer("--ensemble-members", 1),
    )
    .addOption(
      new Option(
        "--ensemble-sampling <how>",
        "training users of the extra ensemble members: the same (none), a bootstrap, or a class-balanced bootstrap",
      ).choices(ENSEMBLE_SAMPLINGS),
    )
    .option(
      "--max-users <n>",
      `cap on the users of each evaluation seed: a stratified subsample above it (default ${DEFAULT_EXPERIMENT_CONFIG.maxUsers.toLocaleString("en-US")}; quick: ${QUICK_EXPERIMENT_CONFIG.maxUsers.toLocaleString("en-US")})`,
      integer("--max-users", 10),
    )
    .option("--quiet", "print nothing but errors", false)
    .option("--json", "print results.json to stdout instead of the summary", false);
}

/** The options `run` and `import` share, as parsed. */
type AnalysisFlags = Omit<
  RunFlags,
  "k" | "epochs" | "learningRate" | "regularization" | "factorsFrom" | "pmfKernel"
>;

/** {@link runCommand}'s options from the shared flags and the stage-1 specific parts of the config. */
function runCommandOptions(
  flags: AnalysisFlags,
  stageOne: Partial<RunConfig>,
  factors?: RunCommandOptions["factors"],
): RunCommandOptions {
  const groupRules = datasetGroupRules(flags.dataset, {
    ageThreshold: flags.ageThreshold,
    groups: flags.group,
  });
  const attributes =
    flags.attributes !== undefined
      ? parseList(flags.attributes)
      : flags.group.length > 0
        ? Object.keys(parseGroupRules(flags.group))
        : [...DEFAULT_RUN_CONFIG.attributes];
  const config: Partial<RunConfig> = {
    seed: flags.seed,
    attributes,
    groupRules,
    ...stageOne,
    classifier: flags.hidden !== undefined ? { hiddenSize: flags.hidden } : {},
    selectionThreshold: flags.threshold,
    topN: flags.topN,
    items: flags.items ? {} : { enabled: false },
    relevancy: flags.relevancy,
    relevancyMembers: flags.relevancyMembers,
    ...(flags.relevancyMaxUsers !== undefined || flags.quick
      ? { relevancyMaxUsers: flags.relevancyMaxUsers ?? QUICK_RELEVANCY_MAX_USERS }
      : {}),
  };
  return {
    dataset: flags.dataset,
    dataDir: flags.dataDir,
    dataSeed: flags.dataSeed,
    load: {
      referenceDate: flags.referenceDate,
      delimited: delimitedOptions(flags),
    },
    out: flags.out,
    quiet: flags.quiet,
    json: flags.json,
    config,
    experiments: flags.evaluation
      ? {
          protocol: flags.quick ? "quick" : "full",
          ...(flags.seeds !== undefined ? { seeds: flags.seeds } : {}),
          workers: flags.workers,
          ...(flags.methods !== undefined
            ? { methods: parseList(flags.methods) as RankingMethod[] }
            : {}),
          ...(flags.ensembleMembers !== undefined
            ? { ensembleMembers: flags.ensembleMembers }
            : {}),
          ...(flags.ensembleSampling !== undefined
            ? { ensembleSampling: flags.ensembleSampling }
            : {}),
          ...(flags.maxUsers !== undefined ? { maxUsers: flags.maxUsers } : {}),
          classifier: config.classifier,
        }
      : undefined,
    ...(factors !== undefined ? { factors } : {}),
  };
}

/** Builds the `deepunhide` command-line program. */
export function buildProgram(): Command {
  const program = new Command()
    .name("deepunhide")
    .description(
      "Unhide what the factors of a matrix-factorization recommender mean in demographic terms.",
    )
    .version(PACKAGE_VERSION)
    // One line per mistake, in the same voice as the errors the stages raise.
    .configureOutput({ outputError: (text, write) => write(`deepunhide: ${text}`) });

  const run = addDatasetOptions(
    program
      .command("run")
      .description(
        "Train PMF, the demographic classifier, the archetypes and the factor profile; write results.json and the model folder.",
      ),
  )
    .option("--k <n>", "number of PMF factors (default 100)", integer("--k", 1))
    .option("--epochs <n>", "PMF epochs", integer("--epochs", 1))
    .option("--learning-rate <x>", "PMF learning rate γ", positiveNumber("--learning-rate"))
    .option("--regularization <x>", "PMF L2 regularization λ", positiveNumber("--regularization"))
    .addOption(
      new Option(
        "--factors-from <which>",
        "train the factors used downstream on all ratings or only the training split (default all; quick: train)",
      ).choices(["all", "train"]),
    )
    .addOption(
      new Option(
        "--pmf-kernel <kernel>",
        "who runs the PMF epochs: the WebAssembly SIMD kernel or the TypeScript reference (default wasm)",
      ).choices(["wasm", "js"]),
    );
  addAnalysisOptions(run).action(async (flags: RunFlags) => {
    const mf: Partial<PmfConfig> = {};
    if (flags.pmfKernel !== undefined) mf.kernel = flags.pmfKernel;
    if (flags.k !== undefined) mf.k = flags.k;
    if (flags.epochs !== undefined) mf.epochs = flags.epochs;
    if (flags.learningRate !== undefined) mf.learningRate = flags.learningRate;
    if (flags.regularization !== undefined) mf.regularization = flags.regularization;
    // --quick is a smoke test: the split fit serves downstream too, saving the second PMF fit.
    const factorsFrom =
      flags.factorsFrom ?? (flags.quick ? "train" : DEFAULT_RUN_CONFIG.factorsFrom);
    await runCommand(runCommandOptions(flags, { mf, factorsFrom }));
  });

  const importer = addDatasetOptions(
    program
      .command("import")
      .description(
        "Continue the pipeline from factors trained elsewhere (CSV, .npy, .npz, a Spark ALSModel folder); writes what run writes.",
      )
      .requiredOption(
        "--factors <path>",
        "user factors file, .npz, Spark ALSModel folder, or a folder written by export",
      ),
  )
    .addOption(
      new Option("--format <format>", "factor format")
        .choices(["auto", ...FACTOR_FORMATS])
        .default("auto"),
    )
    .option("--item-factors <path>", "item factors file (csv and npy come as two files)")
    .option("--user-ids <file>", "user ids, one per line in row order (npy, npz)")
    .option("--item-ids <file>", "item ids, one per line in row order (npy, npz)")
    .option("--strict", "refuse rows holding NaN or ±Inf instead of dropping them", false);
  addAnalysisOptions(importer).action(
    async (
      flags: AnalysisFlags & {
        factors: string;
        format: FactorFormat | "auto";
        itemFactors?: string;
        userIds?: string;
        itemIds?: string;
        strict: boolean;
      },
    ) => {
      await importCommand({
        factors: flags.factors,
        read: {
          format: flags.format,
          itemFactors: flags.itemFactors,
          userIds: flags.userIds,
          itemIds: flags.itemIds,
        },
        strict: flags.strict,
        run: runCommandOptions(flags, {}),
      });
    },
  );

  program
    .command("export")
    .description("Write a model folder's factors and ids as CSV, .npy, .npz or a Spark ALSModel.")
    .requiredOption("--model <dir>", "model folder written by run or import (its model/)")
    .addOption(
      new Option("--format <format>", "output format")
        .choices([...FACTOR_FORMATS])
        .makeOptionMandatory(),
    )
    .requiredOption("--out <dir>", "output folder (replaced atomically)")
    .option("--json", "print what was written as JSON", false)
    .action(async (flags: { model: string; format: FactorFormat; out: string; json: boolean }) =>
      exportCommand(flags),
    );

  program
    .command("recommend")
    .description("The top items a user has not rated, with predicted ratings, from a model folder.")
    .requiredOption("--model <dir>", "model folder written by `deepunhide run` (its model/)")
    .requiredOption("--user <id>", "user id, as in the dataset's files")
    .option("--top <n>", "number of items (1–1000)", integer("--top", 1), 10)
    .option("--explain", "add a one-sentence explanation under each item", false)
    .option("--json", "print JSON instead of text", false)
    .action(
      async (flags: {
        model: string;
        user: string;
        top: number;
        explain: boolean;
        json: boolean;
      }) => recommendCommand(flags),
    );

  program
    .command("explain")
    .description("Explain one predicted rating by its factors and what they encode.")
    .requiredOption("--model <dir>", "model folder written by `deepunhide run` (its model/)")
    .requiredOption("--user <id>", "user id, as in the dataset's files")
    .requiredOption("--item <id>", "item id, as in the dataset's files")
    .option("--json", "print the explanation as JSON", false)
    .action(async (flags: { model: string; user: string; item: string; json: boolean }) =>
      explainCommand(flags),
    );
  program
    .command("group")
    .description(
      "A list for a group of users through a virtual user, and what each member gets from it.",
    )
    .requiredOption("--model <dir>", "model folder written by `deepunhide run` (its model/)")
    .requiredOption("--users <ids>", "comma-separated user ids, as in the dataset's files")
    .addOption(
      new Option("--method <name>", "how the members' factors are combined")
        .choices(GROUP_COMMAND_METHODS as string[])
        .default("all"),
    )
    .option("--top <n>", "number of items (1–1000)", integer("--top", 1), 10)
    .option("--json", "print JSON instead of text", false)
    .action(
      async (flags: { model: string; users: string; method: string; top: number; json: boolean }) =>
        groupCommand({
          model: flags.model,
          users: parseList(flags.users),
          method: flags.method as GroupCommandOptions["method"],
          top: flags.top,
          json: flags.json,
        }),
    );

  program
    .command("fairness")
    .description(
      "The accuracy/fairness trade-off of re-weighting the factors toward one group, on held-out ratings.",
    )
    .requiredOption("--model <dir>", "model folder written by `deepunhide run` (its model/)")
    .option("--attribute <name>", "attribute whose groups are compared", "gender")
    .addOption(
      new Option("--group <which>", "the group whose factors the weights favour")
        .choices(["minority", "majority"])
        .default(DEFAULT_FAIRNESS_CONFIG.group),
    )
    .addOption(
      new Option(
        "--method <lever>",
        "reweight: the paper's factor weights; shift: move every user toward the group's archetype (beyond the paper)",
      )
        .choices(FAIRNESS_METHODS)
        .default(DEFAULT_FAIRNESS_CONFIG.method),
    )
    .option(
      "--alphas <list>",
      `comma-separated strengths α in [0, ${MAX_FAIRNESS_ALPHA}] (0 is the plain model)`,
      DEFAULT_FAIRNESS_CONFIG.alphas.join(","),
    )
    .option(
      "--max-list-users <n>",
      `users whose top-N lists measure exposure: a stratified sample above it (default ${(DEFAULT_FAIRNESS_CONFIG.maxListUsers ?? 0).toLocaleString("en-US")})`,
      integer("--max-list-users", 1),
    )
    .option("--json", "print JSON instead of the table", false)
    .action(
      async (flags: {
        model: string;
        attribute: string;
        group: "minority" | "majority";
        method: FairnessMethod;
        alphas: string;
        maxListUsers?: number;
        json: boolean;
      }) =>
        fairnessCommand({
          model: flags.model,
          attribute: flags.attribute,
          group: flags.group,
          method: flags.method,
          alphas: parseAlphas(flags.alphas),
          ...(flags.maxListUsers !== undefined ? { maxListUsers: flags.maxListUsers } : {}),
          json: flags.json,
        }),
    );

  program
    .command("serve")
    .description(
      "A local web explorer of a model folder: factors, archetypes, explanations, fairness, groups.",
    )
    .requiredOption("--model <dir>", "model folder written by `deepunhide run` (its model/)")
    .option("--port <n>", "TCP port (0 picks a free one)", integer("--port", 0), 8080)
    .option(
      "--host <address>",
      "interface to bind; anything but loopback exposes the model to the network",
      "127.0.0.1",
    )
    .option("--json", "print the address as one JSON line", false)
    .action(async (flags: { model: string; port: number; host: string; json: boolean }) => {
      await serveCommand(flags);
    });
  return program;
}

/** Runs the CLI; user mistakes end in one clear line and a non-zero exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof DeepUnhideError) {
      process.stderr.write(`deepunhide: ${error.name}: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
