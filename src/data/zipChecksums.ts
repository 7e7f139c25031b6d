/**
 * The CRC-32 a zip's central directory records for each entry. fflate's `unzipSync` does not
 * compare them with what it inflates, so a byte flipped in transit inside a stored entry, or
 * one that still inflates, would otherwise reach the cache unnoticed.
 */

const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Entry name → CRC-32 from the central directory. Returns an empty map when no end-of-central
 * directory record is found (the caller's unzip reports the broken archive).
 */
export function zipEntryChecksums(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, number>();
  // The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return out;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  for (let e = 0; e < entries && at + 46 <= zip.length; e++) {
    if (view.getUint32(at, true) !== CENTRAL_HEADER) break;
    const crc = view.getUint32(at + 16, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > zip.length) break;
    out.set(decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)), crc);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}
