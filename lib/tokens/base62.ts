import { randomBytes, randomFillSync } from "node:crypto";

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// 248 = 4 * 62: bytes at or above it would favour the first characters, so they are skipped.
const UNBIASED_BELOW = 248;

/** n uniformly random base62 characters (rejection sampling: no modulo bias), from fresh bytes: for secrets. */
export function randomBase62(n: number): string {
  let out = "";
  while (out.length < n) {
    for (const byte of randomBytes(n * 2)) {
      if (byte < UNBIASED_BELOW) out += BASE62[byte % 62];
      if (out.length === n) break;
    }
  }
  return out;
}

// Ids are not secrets, so their randomness may wait in a pool: one randomFillSync per 4 KB
// (about 200 event ids) instead of one randomBytes call, and its Buffer, per id.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let poolOffset = POOL_BYTES;

/** n uniformly random base62 characters from the pooled CSPRNG bytes: for identifiers, never for secrets. */
export function pooledRandomBase62(n: number): string {
  let out = "";
  while (out.length < n) {
    if (poolOffset === POOL_BYTES) {
      randomFillSync(pool);
      poolOffset = 0;
    }
    const byte = pool[poolOffset++]!;
    if (byte < UNBIASED_BELOW) out += BASE62[byte % 62];
  }
  return out;
}

/** A non-negative integer in base62, left-padded with zeros to `width`. */
export function encodeBase62(value: number, width: number): string {
  let out = "";
  let v = value;
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}
