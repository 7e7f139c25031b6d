import { availableParallelism } from "node:os";
import { Command, InvalidArgumentError, Option } from "commander";
import { DeepUnhideError } from "../errors.js";
import { DEFAULT_EXPERIMENT_CONFIG } from "../evaluate/experiments/experimentConfig.js";
import {
  DEEPUNHIDE_VARIANTS,
  PAPER_RANKING_METHODS,
  type RankingMethod,
} from "../evaluate/experiments/types.js";
import type { PmfConfig } from "../mf/pmf.js";
import { DATASET_NAMES, DEFAULT_DATA_SEED } from "../pipeline/loadNamedDataset.js";
import { DEFAULT_RUN_CONFIG, type RunConfig } from "../pipeline/runConfig.js";
import { PACKAGE_VERSION } from "../version.js";
import { explainCommand } from "./explainCommand.js";
import { GROUP_COMMAND_METHODS, type GroupCommandOptions, groupCommand } from "./groupCommand.js";
import { recommendCommand } from "./recommendCommand.js";
import { runCommand } from "./runCommand.js";

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

interface RunFlags {
  dataset: string;
  dataDir?: string;
  dataSeed: number;
  out: string;
  seed: number;
  attributes: string;
  k?: number;
  epochs?: number;
  learningRate?: number;
  regularization?: number;
  pmfKernel?: "wasm" | "js";
  factorsFrom: "all" | "train";
  hidden?: number;
  threshold: number;
  topN: number;
  quiet: boolean;
  json: boolean;
  evaluation: boolean;
  quick: boolean;
  seeds?: number;
  workers: number;
  methods?: string;
  maxUsers?: number;
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

  program
    .command("run")
    .description(
      "Train PMF, the demographic classifier, the archetypes and the factor profile; write results.json and the model folder.",
    )
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
    .option("--out <dir>", "output folder", "deepunhide-run")
    .option(
      "--seed <n>",
      "master seed of every stage",
      integer("--seed", 0),
      DEFAULT_RUN_CONFIG.seed,
    )
    .option(
      "--attributes <list>",
      "comma-separated binary attributes to unhide",
      DEFAULT_RUN_CONFIG.attributes.join(","),
    )
    .option("--k <n>", "number of PMF factors (default 100)", integer("--k", 1))
    .option("--epochs <n>", "PMF epochs", integer("--epochs", 1))
    .option("--learning-rate <x>", "PMF learning rate γ", positiveNumber("--learning-rate"))
    .option("--regularization <x>", "PMF L2 regularization λ", positiveNumber("--regularization"))
    .addOption(
      new Option(
        "--pmf-kernel <kernel>",
        "who runs the PMF epochs: the WebAssembly SIMD kernel or the TypeScript reference (default wasm)",
      ).choices(["wasm", "js"]),
    )
    .addOption(
      new Option(
        "--factors-from <which>",
        "train the factors used downstream on all ratings or only the training split",
      )
        .choices(["all", "train"])
        .default(DEFAULT_RUN_CONFIG.factorsFrom),
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
    .option("--no-evaluation", "skip the paper's §3 evaluation (E1–E4) and the report")
    .option("--quick", "a small evaluation (3 seeds, fewer N) for smoke tests", false)
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
      "--max-users <n>",
      `cap on the users of each evaluation seed: a stratified subsample above it (default ${DEFAULT_EXPERIMENT_CONFIG.maxUsers.toLocaleString("en-US")})`,
      integer("--max-users", 10),
    )
    .option("--quiet", "print nothing but errors", false)
    .option("--json", "print results.json to stdout instead of the summary", false)
    .action(async (flags: RunFlags) => {
      const mf: Partial<PmfConfig> = {};
      if (flags.pmfKernel !== undefined) mf.kernel = flags.pmfKernel;
      if (flags.k !== undefined) mf.k = flags.k;
      if (flags.epochs !== undefined) mf.epochs = flags.epochs;
      if (flags.learningRate !== undefined) mf.learningRate = flags.learningRate;
      if (flags.regularization !== undefined) mf.regularization = flags.regularization;
      const config: Partial<RunConfig> = {
        seed: flags.seed,
        attributes: parseList(flags.attributes),
        mf,
        factorsFrom: flags.factorsFrom,
        classifier: flags.hidden !== undefined ? { hiddenSize: flags.hidden } : {},
        selectionThreshold: flags.threshold,
        topN: flags.topN,
      };
      await runCommand({
        dataset: flags.dataset,
        dataDir: flags.dataDir,
        dataSeed: flags.dataSeed,
        out: flags.out,
        quiet: flags.quiet,
        json: flags.json,
        config,
        experiments: flags.evaluation
          ? {
              protocol: flags.quick ? "quick" : "full",
              ...(flags.seeds !== undefined ? { seeds: flags.seeds } : {}),
              workers: flags.workers,
              ...(flags.maxUsers !== undefined ? { maxUsers: flags.maxUsers } : {}),
              ...(flags.methods !== undefined
                ? { methods: parseList(flags.methods) as RankingMethod[] }
                : {}),
              classifier: config.classifier,
            }
          : undefined,
      });
    });

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
