/**
 * Downloading a file into memory with Node's global fetch: progress, a stall timeout and a size
 * limit, and every failure turned into a {@link DownloadError} that says what happened.
 */

import { DownloadError } from "../errors.js";

/** Called as bytes arrive; `totalBytes` is undefined when the server sends no length. */
export type DownloadProgress = (receivedBytes: number, totalBytes: number | undefined) => void;

/** Options of {@link downloadToMemory}. */
export interface DownloadOptions {
  /** Progress callback, called after every chunk. */
  readonly onProgress?: DownloadProgress;
  /**
   * Abort when no byte arrives for this long, in milliseconds (default 30 s). A stall, not a
   * total time limit, so a slow but steady connection still finishes.
   */
  readonly stallTimeoutMs?: number;
  /** Refuse bodies larger than this many bytes (default 256 MiB). */
  readonly maxBytes?: number;
}

/** Default of {@link DownloadOptions.stallTimeoutMs}. */
export const DEFAULT_STALL_TIMEOUT_MS = 30_000;

/** Default of {@link DownloadOptions.maxBytes}. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;

/**
 * Downloads `url` into memory. Throws {@link DownloadError} on a connection failure, an HTTP
 * error status, a stall longer than `stallTimeoutMs`, a body over `maxBytes`, or a body cut
 * short (fewer bytes than the announced length).
 */
export async function downloadToMemory(
  url: string,
  options: DownloadOptions = {},
): Promise<Uint8Array> {
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
  const controller = new AbortController();
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const armStallTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  const stallError = (received: number): DownloadError =>
    new DownloadError(
      `download of ${url} stalled: no data for ${formatSeconds(stallMs)} (after ${received} bytes)`,
    );

  armStallTimer();
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: "follow" });
    } catch (error) {
      if (stalled) throw stallError(0);
      throw new DownloadError(`cannot connect to ${url}: ${describeFetchError(error)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadError(
        `download of ${url} failed: HTTP ${response.status} ${response.statusText}`.trim(),
      );
    }
    const total = announcedLength(response);
    if (total !== undefined && total > maxBytes) {
      controller.abort();
      throw new DownloadError(
        `download of ${url} refused: ${total} bytes exceeds the limit of ${maxBytes}`,
      );
    }
    const body = await readBody(response, controller, {
      armStallTimer,
      isStalled: () => stalled,
      stallError,
      maxBytes,
      total,
      url,
      onProgress: options.onProgress,
    });
    return body;
  } finally {
    clearTimeout(timer);
  }
}

interface BodyContext {
  armStallTimer(): void;
  isStalled(): boolean;
  stallError(received: number): DownloadError;
  readonly maxBytes: number;
  readonly total: number | undefined;
  readonly url: string;
  readonly onProgress: DownloadProgress | undefined;
}

async function readBody(
  response: Response,
  controller: AbortController,
  context: BodyContext,
): Promise<Uint8Array> {
  const { url, total, maxBytes } = context;
  if (response.body === null) throw new DownloadError(`download of ${url} returned no body`);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  context.onProgress?.(0, total);
  for (;;) {
    context.armStallTimer();
    let result: Awaited<ReturnType<typeof reader.read>>;
    try {
      result = await reader.read();
    } catch (error) {
      if (context.isStalled()) throw context.stallError(received);
      throw new DownloadError(
        `download of ${url} was interrupted after ${received}${total !== undefined ? ` of ${total}` : ""} bytes: ${describeFetchError(error)}`,
      );
    }
    if (result.done) break;
    received += result.value.length;
    if (received > maxBytes) {
      controller.abort();
      throw new DownloadError(`download of ${url} exceeded the limit of ${maxBytes} bytes`);
    }
    chunks.push(result.value);
    context.onProgress?.(received, total);
  }
  if (total !== undefined && received !== total) {
    throw new DownloadError(
      `download of ${url} is incomplete: received ${received} of ${total} bytes`,
    );
  }
  return concat(chunks, received);
}

/**
 * The body length the server announced, if it describes the bytes we will read: with a
 * content encoding, fetch decompresses and `content-length` counts the compressed bytes.
 */
function announcedLength(response: Response): number | undefined {
  const encoding = response.headers.get("content-encoding");
  if (encoding !== null && encoding !== "identity") return undefined;
  const header = response.headers.get("content-length");
  if (header === null) return undefined;
  const length = Number(header);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** fetch hides the useful part (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code !== undefined ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
