/**
 * A local HTTP server whose behaviour each test sets, and a zipped ML-100K fixture to serve:
 * the download tests' stand-in for GroupLens.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { zipSync } from "fflate";
import { sha256Hex } from "../../src/util/sha256.js";
import { fixtureTexts } from "./ml100kFixture.js";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A local server whose behaviour each test sets; counts requests so cache hits are visible. */
export interface TestServer {
  url: (path: string) => string;
  handle: (handler: Handler) => void;
  requests: () => number;
  close: () => Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => res.writeHead(404).end();
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    handle: (h) => {
      handler = h;
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function fixtureFiles(): Record<string, Uint8Array> {
  const texts = fixtureTexts();
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(texts)) {
    files[name] = name === "u.item" ? Buffer.from(text, "latin1") : Buffer.from(text, "utf8");
  }
  files.README = Buffer.from("fixture readme\n");
  return files;
}

export function zipOf(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) entries[`ml-100k/${name}`] = bytes;
  return zipSync(entries);
}

export function hashesOf(files: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(
    ["u.data", "u.item", "u.user"].map((name) => [name, sha256Hex(files[name])]),
  );
}

export const serve =
  (body: Uint8Array): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/zip", "content-length": body.length });
    res.end(body);
  };
