import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";

const CLI_FROM_SOURCE = ["--import", "tsx", "test/cli/runCli.ts"];

/** Runs the CLI from source in a child process, as a user would, and collects its output. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [...CLI_FROM_SOURCE, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });

/** Starts the CLI from source without waiting for it, for long-running commands (serve). */
export const startCli = (args: string[]): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, [...CLI_FROM_SOURCE, ...args], { env: process.env });
