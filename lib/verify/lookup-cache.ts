/*
 * What verification looked up (credentials, tokens, audiences, tool classes), kept in memory
 * for exactly as long as nothing that could change a decision has changed.
 *
 * The database keeps one counter, verify_epoch, that triggers move on every insert, delete and
 * relevant update of the tables verification reads, whichever process or connection makes the
 * change (see migration 0004). Each decision reads the counter inside its own transaction, the
 * same IMMEDIATE transaction that writes its audit row, and drops everything when it has moved.
 * A revocation committed before a call is therefore seen by that call, as without the cache:
 * zero delay, at the price of one primary-key read instead of four lookups.
 */
import { perConnection } from "@/db/per-connection";
import { verifyStatements, type ServerCredentialRow, type TokenSecretRow } from "./statements";

// Bounded: a map over this size is emptied and refilled from the database.
const MAX_ENTRIES = 50_000;

export type LookupKind = "credential" | "token" | "audience" | "toolClass";

export class LookupCache {
  private epoch: number | null = null;
  private readonly maps = new Map<LookupKind, Map<string, unknown>>();

  constructor(private readonly readEpoch: () => number) {}

  /** Once per decision, inside its transaction: forgets everything if the counter moved. */
  sync(): void {
    const now = this.readEpoch();
    if (now !== this.epoch) {
      this.maps.clear();
      this.epoch = now;
    }
  }

  /**
   * Forgets everything. For a transaction that rolled back: the counter went back with it and
   * could reach the same value again after other changes, so it no longer vouches for the maps.
   */
  forget(): void {
    this.maps.clear();
    this.epoch = null;
  }

  /**
   * The cached value, or `load()`'s, remembered unless it is undefined. Callers return null for
   * an absence worth remembering (bounded key spaces) and undefined for one that is not (an
   * unknown token: its key is whatever a caller sends).
   */
  get<T>(kind: LookupKind, key: string, load: () => T | undefined): T | undefined {
    let map = this.maps.get(kind);
    if (!map) this.maps.set(kind, (map = new Map()));
    if (map.has(key)) return map.get(key) as T;
    const value = load();
    if (value !== undefined) {
      if (map.size >= MAX_ENTRIES) map.clear();
      map.set(key, value);
    }
    return value;
  }
}

/** The cache of a connection, reading that connection's counter. */
export const lookupCache = perConnection((sqlite) => {
  const epoch = sqlite.prepare("SELECT n FROM verify_epoch WHERE id = 1").pluck();
  return new LookupCache(() => epoch.get() as number);
});

/** The four reads a decision makes, through the cache. Call `sync()` first, in the transaction. */
export type VerifyLookups = {
  sync(): void;
  forget(): void;
  credential(digest: string): ServerCredentialRow | undefined;
  token(digest: string): TokenSecretRow | undefined;
  inAudience(tokenId: string, serverId: string): boolean;
  toolClass(serverId: string, tool: string): "read" | "write" | null;
};

export const verifyLookups = perConnection((sqlite): VerifyLookups => {
  const s = verifyStatements(sqlite);
  const cache = lookupCache(sqlite);
  return {
    sync: () => cache.sync(),
    forget: () => cache.forget(),
    credential: (digest) => cache.get("credential", digest, () => s.credentialByHash.get(digest)),
    token: (digest) => cache.get("token", digest, () => s.tokenBySecretHash.get(digest)),
    // Absences are remembered here: their keys are ids of tokens and servers that exist.
    inAudience: (tokenId, serverId) => cache.get("audience", `${tokenId}|${serverId}`, () => s.audience.get(tokenId, serverId) !== undefined)!,
    toolClass: (serverId, tool) => cache.get("toolClass", `${serverId}|${tool}`, () => s.toolClass.get(serverId, tool) ?? null)!,
  };
});
