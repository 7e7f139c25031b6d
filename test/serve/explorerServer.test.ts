import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { type ExplorerModel, loadExplorerModel } from "../../src/serve/explorerModel.js";
import { startExplorer } from "../../src/serve/explorerServer.js";
import { isLoopbackHost, resolveServeConfig } from "../../src/serve/serveConfig.js";
import { writeSmallModel } from "../apply/smallModel.js";
import { rawRequest } from "./serveFixture.js";

describe("the explorer server", () => {
  it("answers an internal failure with a generic 500, logging the details to stderr only", async () => {
    const { dir } = await writeSmallModel();
    const real = await loadExplorerModel(dir);
    // A model whose profiles blow up when read: not a request mistake, a server bug.
    const broken: ExplorerModel = {
      ...real,
      model: {
        ...real.model,
        get profiles(): never {
          throw new Error("secret detail at /srv/model");
        },
      },
    };
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const running = await startExplorer(broken, { port: 0 });
    try {
      const response = await rawRequest(running.url, "/api/profile?attribute=gender");
      expect(response.status).toBe(500);
      expect(JSON.parse(response.body)).toEqual({
        error: { status: 500, message: "internal error (logged by the server)" },
      });
      expect(response.body).not.toMatch(/secret|\/srv/);
      expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(/secret detail/);
      expect((await rawRequest(running.url, "/")).status).toBe(200);
    } finally {
      stderr.mockRestore();
      await running.close();
    }
  });

  it("reads results.json beside the folder only when it belongs to the same run", async () => {
    const { dir } = await writeSmallModel();
    const results = join(dir, "..", "results.json");
    const absent = await loadExplorerModel(dir);
    expect(absent.results).toBeUndefined();
    expect(absent.resultsNote).toMatch(/no results.json/);
    const other = { attributes: { gender: { relevancy: [0.5] }, age: { relevancy: [0.5] } } };
    await writeFile(results, JSON.stringify(other));
    expect((await loadExplorerModel(dir)).resultsNote).toMatch(/another run/);
    await writeFile(results, "{ broken");
    expect((await loadExplorerModel(dir)).resultsNote).toMatch(/not valid JSON/);
    await rm(results);
  });

  it("binds loopback by default and checks its settings", () => {
    expect(resolveServeConfig().host).toBe("127.0.0.1");
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["0.0.0.0", "::", "192.168.1.4", "example.org"])
      expect(isLoopbackHost(host), host).toBe(false);
    expect(() => resolveServeConfig({ port: 70_000 })).toThrow(ConfigError);
    expect(() => resolveServeConfig({ port: 1.5 })).toThrow(/port/);
    expect(() => resolveServeConfig({ maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => resolveServeConfig({ host: " " })).toThrow(/host/);
  });
});
