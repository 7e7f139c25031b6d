// A small model folder with its results.json beside it (as `deepunhide run` lays them out),
// and an explorer server over it on a free loopback port.
import { request } from "node:http";
import { join } from "node:path";
import { writeFileAtomic } from "../../src/io/atomic.js";
import type { PipelineResult } from "../../src/pipeline/runPipeline.js";
import { runUses } from "../../src/pipeline/runUses.js";
import { buildResultsDocument } from "../../src/report/resultsDocument.js";
import { loadExplorerModel } from "../../src/serve/explorerModel.js";
import { type RunningExplorer, startExplorer } from "../../src/serve/explorerServer.js";
import type { ServeConfig } from "../../src/serve/serveConfig.js";
import { writeSmallModel } from "../apply/smallModel.js";

/** The small synthetic model of the apply tests, its results.json, and a server over it. */
export async function startFixtureServer(config: Partial<ServeConfig> = {}): Promise<{
  dir: string;
  result: PipelineResult;
  running: RunningExplorer;
}> {
  const { dir, result } = await writeSmallModel();
  await writeFileAtomic(
    join(dir, "..", "results.json"),
    `${JSON.stringify(buildResultsDocument(result, undefined, runUses(result)))}\n`,
  );
  const running = await startExplorer(await loadExplorerModel(dir), { port: 0, ...config });
  return { dir, result, running };
}

/** A raw HTTP exchange: the request target is sent exactly as given (no URL normalization). */
export function rawRequest(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? "GET",
        path: target,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    // The server may answer and close before reading a refused body.
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.end(options.body);
  });
}
