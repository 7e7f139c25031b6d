import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import { beforeAll, describe, expect, it } from "vitest";
import { writeSmallModel } from "../apply/smallModel.js";
import { runCli, startCli } from "./spawnCli.js";

/** The first stdout line of a starting server, and everything it wrote to stderr so far. */
async function firstLine(
  child: ChildProcessWithoutNullStreams,
): Promise<{ line: string; stderr: () => string }> {
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before listening: ${err}`)));
  });
  return { line, stderr: () => err };
}

describe("deepunhide serve", () => {
  let dir: string;

  beforeAll(async () => {
    ({ dir } = await writeSmallModel());
  }, 60_000);

  it("prints its address, answers the API and stops cleanly on SIGINT", async () => {
    const child = startCli(["serve", "--model", dir, "--port", "0", "--json"]);
    const { line, stderr } = await firstLine(child);
    const started = JSON.parse(line);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(started.host).toBe("127.0.0.1");
    const response = await fetch(new URL("/api/model", started.url));
    expect(response.status).toBe(200);
    const model: ReturnType<typeof JSON.parse> = await response.json();
    expect(model.dataset.users).toBe(300);
    child.kill("SIGINT");
    const [code] = await once(child, "exit");
    expect(code, stderr()).toBe(0);
    expect(stderr()).not.toMatch(/warning/);
  });

  it("warns when bound to a non-loopback address, an explicit choice", async () => {
    const child = startCli(["serve", "--model", dir, "--port", "0", "--host", "0.0.0.0"]);
    const { line, stderr } = await firstLine(child);
    expect(line).toMatch(/^deepunhide explorer: http:\/\/0\.0\.0\.0:\d+\/ \(model /);
    expect(stderr()).toMatch(/warning: listening on 0\.0\.0\.0, not a loopback address/);
    child.kill("SIGINT");
    const [code, signal] = await once(child, "exit");
    expect([code, signal], stderr()).toEqual([0, null]);
  });

  it("ends a missing model folder or a bad port in one line", () => {
    const missing = runCli(["serve", "--model", `${dir}-nothing`, "--port", "0"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(
      /ModelFormatError: .* is not a complete deepunhide model folder/,
    );
    const port = runCli(["serve", "--model", dir, "--port", "70000"]);
    expect(port.status).toBe(1);
    expect(port.stderr).toMatch(/port must be an integer in 0…65535/);
    for (const run of [missing, port]) expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
