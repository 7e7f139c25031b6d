import { createHash } from "node:crypto";

/** Hex SHA-256 of some bytes (or of a string's UTF-8 encoding): the one hash used for provenance. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** An incremental SHA-256, for files read in chunks: `update` each chunk, then `digest("hex")`. */
export function createSha256(): ReturnType<typeof createHash> {
  return createHash("sha256");
}
