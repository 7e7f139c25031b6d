/** A local HTTP server standing in for GroupLens in download tests (there is no network here). */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server does with a request. */
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

/** A handler answering every request with `body` as a zip. */
export const serve =
  (body: Uint8Array): Handler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "application/zip", "content-length": body.length });
    res.end(body);
  };
