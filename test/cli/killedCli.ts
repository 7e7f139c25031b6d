/**
 * Runs the CLI from source in a child process and kills it with SIGKILL after `delayMs`, or
 * (with `"write"`) a few milliseconds after the temporary folder of `out` appears beside it,
 * so that half of the fault-injection trials land inside the write phase.
 */

import { spawn } from "node:child_process";
import { watch } from "node:fs";
import { basename, dirname } from "node:path";

/** Resolves with `"killed"` or `"finished"` once the child has exited. */
export function killedCli(
  args: readonly string[],
  out: string,
  delayMs: number | "write",
  maxWriteDelayMs: number,
): Promise<"killed" | "finished"> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/cli/runCli.ts", ...args], {
      stdio: "ignore",
    });
    let outcome: "killed" | "finished" = "finished";
    const kill = () => {
      if (child.exitCode === null) {
        outcome = "killed";
        child.kill("SIGKILL");
      }
    };
    let watcher: ReturnType<typeof watch> | undefined;
    if (delayMs === "write") {
      const prefix = `.${basename(out)}.`;
      watcher = watch(dirname(out), (_event, name) => {
        if (name?.startsWith(prefix) && name.endsWith(".tmp")) {
          watcher?.close();
          setTimeout(kill, Math.floor(Math.random() * maxWriteDelayMs));
        }
      });
    } else {
      setTimeout(kill, delayMs);
    }
    child.on("exit", () => {
      watcher?.close();
      resolve(outcome);
    });
  });
}
