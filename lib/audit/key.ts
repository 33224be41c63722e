// No "server-only" here: the verification fast path in server.ts writes audit rows under plain Node.
import type Database from "better-sqlite3";
import { hash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { perConnection } from "@/db/per-connection";
import { config } from "@/lib/config";
import { parseAuditKeys } from "./key-text";

/**
 * The audit key: rows are HMAC-SHA-256'd with it, so someone who can write the database but
 * not read the key cannot forge, re-hash or append a row that `audit verify` accepts.
 * It is AUDIT_KEY, or a key generated on first use into `<data folder>/audit-key` (0600).
 * Several keys (comma-separated in AUDIT_KEY, one a line in the file): the first signs new
 * rows, the others only verify older ones (rotation, README).
 */
export type AuditKey = { id: string; ipad: Buffer; opad: Buffer };
/** The keys a verifier holds, by id. */
export type AuditKeys = { byId: ReadonlyMap<string, AuditKey> };
export type AuditKeyring = AuditKeys & { current: AuditKey };

const BLOCK = 64;

/** Names a key without revealing it: stored with each row so verification knows which key to use. */
function keyIdOf(secret: string): string {
  return hash("sha256", `gatehouse audit key id\n${secret}`, "hex").slice(0, 16);
}

function prepareKey(secret: string): AuditKey {
  let k = Buffer.from(secret, "utf8");
  if (k.length > BLOCK) k = hash("sha256", k, "buffer");
  const ipad = Buffer.alloc(BLOCK, 0x36);
  const opad = Buffer.alloc(BLOCK, 0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i]! ^= k[i]!;
    opad[i]! ^= k[i]!;
  }
  return { id: keyIdOf(secret), ipad, opad };
}

// Reused for every row (one thread, no await in between): the pads and the message are copied
// in, not concatenated into fresh buffers.
let scratch = Buffer.allocUnsafe(4096);
const outer = Buffer.allocUnsafe(BLOCK + 32);

/**
 * HMAC-SHA-256 (RFC 2104) built from two one-shot hashes with the pads computed once per key:
 * crypto.createHmac allocates a native handle per call, which on the hot path costs time and
 * young-GC pressure (docs/PERFORMANCE.md). Equal to createHmac's output (key.test.ts).
 */
export function hmacHex(key: AuditKey, message: string): string {
  const most = BLOCK + message.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (scratch.length < most) scratch = Buffer.allocUnsafe(most);
  key.ipad.copy(scratch, 0);
  const end = BLOCK + scratch.write(message, BLOCK, "utf8");
  const inner = hash("sha256", scratch.subarray(0, end), "buffer");
  key.opad.copy(outer, 0);
  inner.copy(outer, BLOCK);
  return hash("sha256", outer, "hex");
}

export function keyringOf(secrets: string[]): AuditKeyring {
  const keys = secrets.map(prepareKey);
  if (keys.length === 0) throw new Error("no audit key");
  return { current: keys[0]!, byId: new Map(keys.map((k) => [k.id, k])) };
}

/** The key file next to a database file, generated (0600, never overwritten) when missing. */
function readOrCreateKeyFile(file: string): string[] {
  try {
    return parseAuditKeys(fs.readFileSync(file, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  try {
    // "wx": if another process won the race, keep its key.
    fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return parseAuditKeys(fs.readFileSync(file, "utf8"));
}

/** The audit key file of a database file: in its data folder. */
export function auditKeyPath(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), "audit-key");
}

/** The keyring that signs a connection's new rows: AUDIT_KEY if set, else the data folder's key file. */
export const auditKeyring = perConnection((sqlite: Database.Database): AuditKeyring => {
  const fromEnv = config().auditKeys;
  return keyringOf(fromEnv ?? readOrCreateKeyFile(auditKeyPath(sqlite.name)));
});

/**
 * The keys that verify a database's rows, never creating one: verifying a copy elsewhere (a
 * backup) without its key reports the rows as signed with a key this verifier does not hold.
 */
export function auditVerifyKeys(databaseFile: string): AuditKeys {
  const fromEnv = config().auditKeys;
  if (fromEnv) return keyringOf(fromEnv);
  try {
    return keyringOf(parseAuditKeys(fs.readFileSync(auditKeyPath(databaseFile), "utf8")));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    return { byId: new Map() };
  }
}
