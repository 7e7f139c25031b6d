/**
 * `npm run fuzz [-- target …]`: every fuzz target (or the named ones) in its own child process,
 * two at a time, each watched for a hang (no progress for FUZZ_STALL_SECONDS) and a crash
 * (including running out of its FUZZ_MAX_MB heap). Ends with one line:
 * `fuzz: T targets, C cases, F failures`, and exit code 1 when F > 0.
 *
 * Environment: FUZZ_CASES (per target, default 10000), FUZZ_SEED (default: random, printed),
 * FUZZ_PATH (with FUZZ_SEED and one target: replay one failure as fast-check reported it).
 */

import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TargetOutcome } from "./runCases.js";
import { FUZZ_TARGETS } from "./targets/index.js";

const here = dirname(fileURLToPath(import.meta.url));

function envNumber(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`fuzz: ${name} must be a non-negative integer, got "${text}"\n`);
    process.exit(2);
  }
  return n;
}

const cases = envNumber("FUZZ_CASES", 10_000);
const seed = envNumber("FUZZ_SEED", Math.floor(Math.random() * 2 ** 31));
const stallSeconds = envNumber("FUZZ_STALL_SECONDS", 60);
const maxMb = envNumber("FUZZ_MAX_MB", 2048);
const replayPath = process.env.FUZZ_PATH;

function runOne(target: string): Promise<TargetOutcome> {
  return new Promise((resolve) => {
    const args = [
      `--max-old-space-size=${maxMb}`,
      "--import",
      "tsx",
      join(here, "runTarget.ts"),
      target,
      String(cases),
      String(seed),
    ];
    if (replayPath !== undefined) args.push(replayPath);
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let done = 0;
    let result: TargetOutcome | undefined;
    let stderr = "";
    let buffer = "";
    let watchdog = setTimeout(stalled, stallSeconds * 1000);
    function stalled() {
      child.kill("SIGKILL");
      result = {
        target,
        cases: done,
        accepted: 0,
        rejected: 0,
        seed,
        failure: `hung: no progress for ${stallSeconds} s after case ${done} (replay: FUZZ_SEED=${seed} FUZZ_CASES=${done + 25} npm run fuzz -- ${target})`,
      };
    }
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith("progress ")) {
          done = Number(line.slice(9));
          clearTimeout(watchdog);
          watchdog = setTimeout(stalled, stallSeconds * 1000);
        } else if (line.startsWith("result ")) {
          result = JSON.parse(line.slice(7)) as TargetOutcome;
        }
        newline = buffer.indexOf("\n");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("close", (code, signal) => {
      clearTimeout(watchdog);
      resolve(
        result ?? {
          target,
          cases: done,
          accepted: 0,
          rejected: 0,
          seed,
          failure: `crashed (exit ${code ?? signal}) after case ${done}:\n${stderr}`,
        },
      );
    });
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !FUZZ_TARGETS.some((t) => t.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `fuzz: unknown target(s) ${unknown.join(", ")}; known: ${FUZZ_TARGETS.map((t) => t.name).join(", ")}\n`,
    );
    process.exit(2);
  }
  const targets = wanted.length > 0 ? wanted : FUZZ_TARGETS.map((t) => t.name);
  process.stdout.write(`fuzz: ${targets.length} targets, ${cases} cases each, seed ${seed}\n`);
  const queue = [...targets];
  const outcomes: TargetOutcome[] = [];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const started = Date.now();
      const outcome = await runOne(name);
      outcomes.push(outcome);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const verdict = outcome.failure === undefined ? "ok" : "FAILED";
      process.stdout.write(
        `  ${name}: ${verdict}, ${outcome.cases} cases (${outcome.accepted} accepted, ${outcome.rejected} rejected cleanly) in ${seconds} s\n`,
      );
      if (outcome.failure !== undefined)
        process.stdout.write(`${outcome.failure.replace(/^/gm, "    ")}\n`);
    }
  };
  await Promise.all([worker(), worker()]);
  const total = outcomes.reduce((sum, o) => sum + o.cases, 0);
  const failures = outcomes.filter((o) => o.failure !== undefined).length;
  process.stdout.write(`fuzz: ${outcomes.length} targets, ${total} cases, ${failures} failures\n`);
  process.exitCode = failures > 0 ? 1 : 0;
}

await main();
