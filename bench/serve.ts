/**
 * `npm run bench` (after bench/run.ts): a bounded load test of `deepunhide serve` on loopback.
 * Trains a model (MovieLens 100K when DEEPUNHIDE_DATA has it, else the synthetic dataset,
 * `--no-evaluation`), starts the compiled server in its own process (so the load generator
 * does not share its event loop), and runs autocannon for a few seconds per endpoint with a
 * fixed number of connections. Writes bench/results/serve-<dataset>.json. A measurement, not a
 * test: it never fails on a slow machine. The machine's other load shows in the numbers.
 *
 * Environment: DEEPUNHIDE_DATA, BENCH_SERVE_SECONDS (default 5), BENCH_SERVE_CONNECTIONS (10).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { runCommand } from "../src/cli/runCommand.js";
import { writeFileAtomic } from "../src/io/atomic.js";
import { benchRunOptions, findMovieLens } from "./movieLensDir.js";

const seconds = Number(process.env.BENCH_SERVE_SECONDS ?? 5);
const connections = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 10);

/** Starts `deepunhide serve --port 0 --json` and resolves with its URL once it listens. */
async function startServer(model: string): Promise<{ child: ChildProcess; url: string }> {
  const compiled = resolve("dist/cli/main.js");
  const args = existsSync(compiled)
    ? [resolve("bin/deepunhide.js")]
    : ["--import", "tsx", resolve("test/cli/runCli.ts")];
  const child = spawn(
    process.execPath,
    [...args, "serve", "--model", model, "--port", "0", "--json"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((done, fail) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) done(JSON.parse(out.slice(0, out.indexOf("\n"))).url);
    });
    child.once("exit", (code) => fail(new Error(`deepunhide serve exited with ${code}`)));
  });
  return { child, url };
}

async function main(): Promise<void> {
  const ml100k = findMovieLens();
  const datasetName = ml100k !== undefined ? "ml-100k" : "synthetic";
  const out = await mkdtemp(join(tmpdir(), "deepunhide-bench-serve-"));
  process.stderr.write(`training the ${datasetName} model (--no-evaluation)…\n`);
  await runCommand(benchRunOptions(out, ml100k));
  const { child, url } = await startServer(join(out, "model"));
  try {
    const users = (
      (await (await fetch(new URL("/api/users?limit=20", url))).json()) as {
        users: { user: string }[];
      }
    ).users.map((u) => u.user);
    const firstItems = (
      (await (
        await fetch(new URL(`/api/recommend?user=${users[0]}&top=20&explain=0`, url))
      ).json()) as {
        items: { item: string }[];
      }
    ).items.map((i) => i.item);
    // The first fairness request computes the sample's plain lists and the curve; time it apart.
    const start = performance.now();
    await fetch(new URL("/api/fairness?attribute=gender&alpha=0", url));
    const fairnessFirstMs = Math.round(performance.now() - start);
    const scenarios: { name: string; paths: string[]; connections?: number }[] = [
      {
        name: "recommend top-10 with explanations, 1 connection",
        paths: users.map((u) => `/api/recommend?user=${u}&top=10`),
        connections: 1,
      },
      {
        name: "recommend top-10 with explanations",
        paths: users.map((u) => `/api/recommend?user=${u}&top=10`),
      },
      {
        name: "recommend top-10 re-ranked at alpha=2, no explanations",
        paths: users.map((u) => `/api/recommend?user=${u}&top=10&alpha=2&explain=0`),
      },
      {
        name: "explain one prediction",
        paths: users.map(
          (u, n) => `/api/explain?user=${u}&item=${firstItems[n % firstItems.length]}`,
        ),
      },
      { name: "model overview", paths: ["/api/model"] },
    ];
    const results = [];
    for (const scenario of scenarios) {
      const result = await autocannon({
        url,
        connections: scenario.connections ?? connections,
        duration: seconds,
        requests: scenario.paths.map((path) => ({ path })),
      });
      const row = {
        name: scenario.name,
        connections: scenario.connections ?? connections,
        requestsPerSecond: Math.round(result.requests.average),
        latencyMs: {
          p50: result.latency.p50,
          p90: result.latency.p90,
          p99: result.latency.p99,
          max: result.latency.max,
        },
        requests: result.requests.total,
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
      };
      process.stderr.write(
        `${scenario.name.padEnd(56)} ${String(row.requestsPerSecond).padStart(6)} req/s  p50 ${row.latencyMs.p50} ms  p99 ${row.latencyMs.p99} ms  non-2xx ${row.non2xx}\n`,
      );
      results.push(row);
    }
    const report = {
      benchmark: "deepunhide serve, autocannon on loopback",
      dataset: datasetName,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        node: process.version,
        // Other work on the machine inflates every latency: read the numbers beside it.
        loadAverage1m: loadavg()[0],
      },
      date: new Date().toISOString(),
      seconds,
      connections,
      fairnessFirstRequestMs: fairnessFirstMs,
      scenarios: results,
    };
    const file = resolve("bench/results", `serve-${datasetName}.json`);
    await writeFileAtomic(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(
      `first /api/fairness request (sample lists + curve): ${fairnessFirstMs} ms\nwrote ${file}\n`,
    );
  } finally {
    child.kill("SIGINT");
    await rm(out, { recursive: true, force: true });
  }
}

await main();
