import { spawnSync } from "node:child_process";

/** Runs the CLI from source in a child process, as a user would, and collects its output. */
export const runCli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ["--import", "tsx", "test/cli/runCli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
