/**
 * The explorer's HTTP server on node:http: the JSON API (apiRoutes.ts) and the page
 * (staticFiles.ts). Every failure a request can cause is a JSON `{ error: { status, message } }`
 * with a 4xx status; anything else is a 500 with a generic message, logged to stderr, so no
 * stack trace ever reaches a client. The model is read-only: no request writes anything.
 */

import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, RequestError } from "../errors.js";
import { API_ROUTES, type ApiContext } from "./apiRoutes.js";
import type { ExplorerModel } from "./explorerModel.js";
import { FairnessMeter } from "./fairnessExposure.js";
import { bodyParams, queryParams, type RequestParams } from "./requestParams.js";
import { isLoopbackHost, resolveServeConfig, type ServeConfig } from "./serveConfig.js";
import { StaticFiles } from "./staticFiles.js";

/** A running explorer. */
export interface RunningExplorer {
  readonly server: Server;
  /** The page's address, e.g. `http://127.0.0.1:8080/`. */
  readonly url: string;
  readonly config: ServeConfig;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

// Vega compiles its expressions with `new Function`, hence 'unsafe-eval'; vega-embed injects
// its tooltip styles, hence inline styles. Scripts come from this server only.
const PAGE_HEADERS: OutgoingHttpHeaders = {
  "content-security-policy":
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};
const COMMON_HEADERS: OutgoingHttpHeaders = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/**
 * Creates the request handler over a loaded model (not yet listening). Exposed for tests
 * and for embedding in another node:http server.
 */
export function createExplorerHandler(
  explorer: ExplorerModel,
  partial: Partial<ServeConfig> = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const config = resolveServeConfig(partial);
  const context: ApiContext = {
    explorer,
    meter: new FairnessMeter(explorer, config.fairnessSampleUsers),
    config,
  };
  const files = new StaticFiles();
  return (request, response) => {
    handle(request, response, context, files).catch((error: unknown) => {
      sendError(response, error);
    });
  };
}

/**
 * Starts the explorer on `config.host`:`config.port` (port 0 picks a free one) and resolves
 * once it listens.
 */
export async function startExplorer(
  explorer: ExplorerModel,
  partial: Partial<ServeConfig> = {},
): Promise<RunningExplorer> {
  const config = resolveServeConfig(partial);
  const server = createServer(
    { maxHeaderSize: 16 * 1024, requestTimeout: 30_000 },
    createExplorerHandler(explorer, config),
  );
  // Requests Node refuses before the handler runs (headers over 16 KiB, malformed HTTP) get
  // the same JSON error shape as everything else.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : 400;
    const message =
      status === 431 ? "the request headers or URL are too large" : "malformed HTTP request";
    const body = JSON.stringify({ error: { status, message } });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? "Request Header Fields Too Large" : "Bad Request"}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}/`,
    config: { ...config, port: address.port },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: ApiContext,
  files: StaticFiles,
): Promise<void> {
  const target = request.url ?? "";
  if (target.length > context.config.maxUrlLength) {
    throw new RequestError(
      414,
      `the request URL is longer than ${context.config.maxUrlLength} characters`,
    );
  }
  // Only origin-form targets: an absolute URL or `*` is not something the page sends.
  if (!target.startsWith("/")) throw new RequestError(400, "the request target must be a path");
  let url: URL;
  try {
    url = new URL(`http://explorer${target}`);
  } catch {
    throw new RequestError(400, "malformed request URL");
  }
  checkHost(request, context.config);
  const method = request.method ?? "GET";
  if (url.pathname.startsWith("/api/")) {
    const route = API_ROUTES[url.pathname];
    if (route === undefined) throw new RequestError(404, `no endpoint ${url.pathname}`);
    if (!(route.methods as readonly string[]).includes(method)) {
      throw new RequestError(
        405,
        `${url.pathname} answers ${route.methods.join(" and ")}, not ${method}`,
      );
    }
    const params: RequestParams =
      method === "POST"
        ? bodyParams(await readJsonBody(request, context.config.maxBodyBytes))
        : queryParams(url.searchParams);
    let body: unknown;
    try {
      body = route.handle(params, context);
    } catch (error) {
      // The apply stage reports bad values (α out of range, top too large) as ConfigError.
      if (error instanceof ConfigError) throw new RequestError(400, error.message);
      throw error;
    }
    send(response, 200, JSON.stringify(body), "application/json; charset=utf-8", {
      "cache-control": "no-store",
    });
    return;
  }
  if (method !== "GET" && method !== "HEAD") {
    throw new RequestError(405, `static files answer GET and HEAD, not ${method}`);
  }
  const file = await files.get(url.pathname);
  if (file === undefined) throw new RequestError(404, `not found: ${url.pathname}`);
  const isPage = file.contentType.startsWith("text/html");
  send(response, 200, method === "HEAD" ? "" : file.body, file.contentType, {
    ...(isPage ? PAGE_HEADERS : {}),
    "cache-control": "no-cache",
    ...(method === "HEAD" ? { "content-length": file.body.length } : {}),
  });
}

/**
 * On a loopback server, refuses requests addressed to any other host name: a web page
 * elsewhere could otherwise point its own domain at 127.0.0.1 (DNS rebinding) and read the
 * API from the browser of the person running the explorer.
 * @throws RequestError 403 for a foreign or missing Host header.
 */
function checkHost(request: IncomingMessage, config: ServeConfig): void {
  if (!isLoopbackHost(config.host)) return;
  const host = request.headers.host ?? "";
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0];
  if (!isLoopbackHost(name)) {
    throw new RequestError(
      403,
      `this explorer answers requests to localhost only, not to "${host}"`,
    );
  }
}

/**
 * Reads a JSON request body of at most `limit` bytes.
 * @throws RequestError 413 when larger, 415 when not JSON, 400 when it does not parse.
 */
async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers["content-type"] ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new RequestError(415, "the request body must be application/json");
  }
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > limit)
    throw new RequestError(413, `the request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestError(413, `the request body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new RequestError(400, "the request body is not valid JSON");
  }
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    ...COMMON_HEADERS,
    "content-type": contentType,
    ...headers,
  });
  response.end(body);
}

function sendError(response: ServerResponse, error: unknown): void {
  const known = error instanceof RequestError;
  if (!known)
    process.stderr.write(
      `deepunhide serve: internal error: ${(error as Error)?.stack ?? String(error)}\n`,
    );
  const status = known ? error.status : 500;
  const message = known ? error.message : "internal error (logged by the server)";
  if (response.headersSent) {
    response.destroy();
    return;
  }
  // After a refused body the rest of it may still be arriving: close rather than read it.
  const close = status === 413 ? { connection: "close" } : {};
  send(
    response,
    status,
    JSON.stringify({ error: { status, message } }),
    "application/json; charset=utf-8",
    {
      "cache-control": "no-store",
      ...close,
    },
  );
}
