import { hash, timingSafeEqual } from "node:crypto";
import { crc32 } from "node:zlib";
import { encodeBase62, randomBase62 } from "./base62";

/**
 * Credential format, after GitHub's: prefix + 30 random base62 characters (~178 bits)
 * + a 6-character base62 CRC32 of everything before it. Secret scanners can match the
 * prefix, and a mistyped token is rejected without touching the database.
 */
export const TOKEN_PREFIX = "mcpt_";
export const SERVER_CREDENTIAL_PREFIX = "mcps_";
/** OAuth refresh tokens and OAuth client secrets: never accepted by verify, which takes mcpt_ only. */
export const REFRESH_TOKEN_PREFIX = "mcpr_";
export const CLIENT_SECRET_PREFIX = "mcpc_";
export type CredentialPrefix = typeof TOKEN_PREFIX | typeof SERVER_CREDENTIAL_PREFIX | typeof REFRESH_TOKEN_PREFIX | typeof CLIENT_SECRET_PREFIX;

const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const CREDENTIAL_LENGTH = TOKEN_PREFIX.length + RANDOM_LENGTH + CHECKSUM_LENGTH;
const SHAPE = /^mcp[tsrc]_[0-9A-Za-z]{36}$/;

function checksum(body: string): string {
  return encodeBase62(crc32(body), CHECKSUM_LENGTH);
}

export function generateCredential(prefix: CredentialPrefix): string {
  const body = prefix + randomBase62(RANDOM_LENGTH);
  return body + checksum(body);
}

/** True when the string has the shape and a matching checksum of the given kind of credential. */
export function isWellFormed(value: string, prefix: CredentialPrefix): boolean {
  if (value.length !== CREDENTIAL_LENGTH || !value.startsWith(prefix) || !SHAPE.test(value)) return false;
  const body = value.slice(0, -CHECKSUM_LENGTH);
  return checksum(body) === value.slice(-CHECKSUM_LENGTH);
}

/**
 * The only form in which a credential is stored: a SHA-256 digest, hex. One-shot crypto.hash,
 * not a createHash() object: each Hash object holds a weak native handle that every young-GC
 * pause had to process (1.3–1.7 ms of each 5 ms scavenge in a loop of verifications).
 */
export function digestCredential(value: string): string {
  return hash("sha256", value, "hex");
}

/**
 * Whether `value` is the secret behind a stored digest. Both sides are 32-byte SHA-256
 * digests compared with timingSafeEqual, so the time taken says nothing about how much of
 * the presented value was right, nor how long it was.
 */
export function matchesDigest(value: string, storedDigestHex: string): boolean {
  const stored = Buffer.from(storedDigestHex, "hex");
  const presented = hash("sha256", value, "buffer");
  // A stored value that is not a 64-hex digest is a broken row, not a secret worth timing.
  return stored.length === presented.length && timingSafeEqual(stored, presented);
}

/** What the UI shows to recognise a credential: `mcpt_AbC1…wxyz`. */
export function credentialHint(value: string): string {
  return `${value.slice(0, 9)}…${value.slice(-4)}`;
}
