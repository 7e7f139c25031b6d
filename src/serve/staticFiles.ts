/**
 * The explorer page's files: the page itself from the package's own assets folder, and the
 * Vega, Vega-Lite and vega-embed browser builds from the installed packages (so the page works
 * offline, without a CDN). Nothing outside these folders is ever read.
 */

import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { RequestError } from "../errors.js";

/** The page's folder: src/serve/assets when run from source, dist/serve/assets when built. */
export const ASSETS_DIR = fileURLToPath(new URL("./assets/", import.meta.url));

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
};

/** A file to send. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * The browser builds served under /vendor/: file name → [package, file inside the package].
 * Only these names are served; the packages' own `exports` hide their build folders from
 * `require.resolve`, so the package root is found from the resolved entry point.
 */
const VENDOR_FILES: Readonly<Record<string, readonly [string, string]>> = {
  "vega.min.js": ["vega", "build/vega.min.js"],
  "vega-lite.min.js": ["vega-lite", "build/vega-lite.min.js"],
  "vega-embed.min.js": ["vega-embed", "build/vega-embed.min.js"],
};

const require = createRequire(import.meta.url);

/**
 * The root folder of an installed package: the nearest folder above its resolved entry point
 * whose package.json names it.
 */
export function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === name)
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}

/**
 * Resolves a request path below `root`, refusing anything that would leave it: the path is
 * percent-decoded first (so %2e%2e and %2f count), then resolved and checked to be inside.
 * @throws RequestError 400 for a malformed escape or a NUL byte, 404 for a path outside root.
 */
export function resolveInside(root: string, relativePath: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    throw new RequestError(400, "malformed percent-escape in the path");
  }
  if (decoded.includes("\0")) throw new RequestError(400, "NUL byte in the path");
  const base = resolve(root);
  const path = resolve(base, `.${sep}${decoded}`);
  if (!path.startsWith(base + sep)) throw new RequestError(404, "not found");
  return path;
}

/**
 * Serves the static files: memoized, since they never change while the server runs.
 */
export class StaticFiles {
  readonly #cache = new Map<string, StaticFile>();

  /**
   * The file for a request path (`/`, `/assets/…`, `/vendor/…`), or undefined when the path
   * is not a static one.
   * @throws RequestError 404 when it is under a static prefix but no such file exists.
   */
  async get(pathname: string): Promise<StaticFile | undefined> {
    if (pathname === "/" || pathname === "/index.html")
      return this.#read(join(ASSETS_DIR, "index.html"));
    if (pathname.startsWith("/assets/")) {
      return this.#read(resolveInside(ASSETS_DIR, pathname.slice("/assets/".length)));
    }
    if (pathname.startsWith("/vendor/")) {
      const entry = VENDOR_FILES[pathname.slice("/vendor/".length)];
      if (entry === undefined) throw new RequestError(404, "not found");
      return this.#read(resolveInside(packageRoot(entry[0]), entry[1]));
    }
    return undefined;
  }

  async #read(path: string): Promise<StaticFile> {
    const cached = this.#cache.get(path);
    if (cached !== undefined) return cached;
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") {
        throw new RequestError(404, "not found");
      }
      throw error;
    }
    const file = {
      body,
      contentType: CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
    };
    this.#cache.set(path, file);
    return file;
  }
}
