import type Database from "better-sqlite3";
import { perConnection } from "@/db/per-connection";

/** The rows the verification path reads. Times are unix milliseconds. */
export type ServerCredentialRow = {
  credential_id: string;
  server_id: string;
  slug: string;
  name: string;
  url: string | null;
  deployment: "local-single" | "local-multi" | "remote";
  server_status: "active" | "disabled";
  server_archived_at: number | null;
  accepts_oauth: number;
  expires_at: number | null;
  revoked_at: number | null;
  credential_last_used_at: number | null;
  server_last_call_at: number | null;
};

export type TokenSecretRow = {
  token_id: string;
  scope: "read" | "write";
  all_servers: number;
  expires_at: number | null;
  revoked_at: number | null;
  created_at: number;
  secret_expires_at: number | null;
  user_id: string;
  email: string;
  user_name: string;
  user_status: "active" | "disabled";
  last_used_at: number | null;
  last_used_server_id: string | null;
};

/** The last-used times one call must write; absent ids are recent enough already. */
export type LastUsedDue = { tokenId: string | null; credentialId: string | null; serverId: string | null; usedOnServerId: string };

type Touch = { now: number; id: string; serverId?: string; slack: number };

export type Statements = {
  credentialByHash: Database.Statement<[string], ServerCredentialRow>;
  tokenBySecretHash: Database.Statement<[string], TokenSecretRow>;
  audience: Database.Statement<[string, string], number>;
  toolClass: Database.Statement<[string, string], "read" | "write">;
  touchToken: Database.Statement<[Touch]>;
  touchCredential: Database.Statement<[Touch]>;
  touchServer: Database.Statement<[Touch]>;
  selfRevoke: Database.Statement<[{ now: number; id: string }]>;
  /** Runs fn in a savepoint inside an open transaction, else in its own: prepared once, unlike transact(). */
  atomically: Database.Transaction<(fn: () => string) => string>;
};

// Last-used times are kept to the minute, the finest any page shows them: a busy token, credential
// or server is written once a minute, not on every call. A token's first use, and a use on another
// server than the one recorded, are written at once.
export const TOUCH_GRANULARITY_MS = 60_000;

/** Prepared once per connection: these run on every verification call. */
export const verifyStatements = perConnection(
  (sqlite): Statements => ({
    credentialByHash: sqlite.prepare(
      `SELECT c.id AS credential_id, c.server_id, s.slug, s.name, s.url, s.deployment, s.status AS server_status, s.archived_at AS server_archived_at, s.accepts_oauth, c.expires_at, c.revoked_at,
              c.last_used_at AS credential_last_used_at, s.last_call_at AS server_last_call_at
         FROM server_credentials c JOIN mcp_servers s ON s.id = c.server_id
        WHERE c.secret_hash = ?`,
    ),
    tokenBySecretHash: sqlite.prepare(
      `SELECT t.id AS token_id, t.scope, t.all_servers, t.expires_at, t.revoked_at, t.created_at,
              ts.expires_at AS secret_expires_at, u.id AS user_id, u.email, u.name AS user_name, u.status AS user_status,
              t.last_used_at, t.last_used_server_id
         FROM token_secrets ts JOIN tokens t ON t.id = ts.token_id JOIN users u ON u.id = t.owner_id
        WHERE ts.secret_hash = ?`,
    ),
    audience: sqlite.prepare("SELECT 1 FROM token_servers WHERE token_id = ? AND server_id = ?").pluck() as Database.Statement<
      [string, string],
      number
    >,
    toolClass: sqlite.prepare("SELECT access_class FROM tools WHERE server_id = ? AND name = ?").pluck() as Database.Statement<
      [string, string],
      "read" | "write"
    >,
    touchToken: sqlite.prepare(
      `UPDATE tokens SET last_used_at = @now, last_used_server_id = @serverId
        WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @now - @slack OR last_used_server_id IS NOT @serverId)`,
    ),
    touchCredential: sqlite.prepare(
      "UPDATE server_credentials SET last_used_at = @now WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @now - @slack)",
    ),
    touchServer: sqlite.prepare(
      "UPDATE mcp_servers SET last_call_at = @now WHERE id = @id AND (last_call_at IS NULL OR last_call_at < @now - @slack)",
    ),
    selfRevoke: sqlite.prepare(
      `UPDATE tokens SET revoked_at = @now, updated_at = @now, revoke_reason = 'self-revoked'
        WHERE id = @id AND revoked_at IS NULL`,
    ),
    atomically: sqlite.transaction((fn: () => string) => fn()),
  }),
);

function isStale(at: number | null, now: number): boolean {
  return at === null || at < now - TOUCH_GRANULARITY_MS;
}

/**
 * What a call owes to the last-used columns, decided from the rows it has just read inside its
 * write transaction (so also right when another process wrote them): null, the usual case on a
 * busy server, means no UPDATE runs at all.
 */
export function dueLastUsed(now: number, credential: ServerCredentialRow, token: TokenSecretRow | null): LastUsedDue | null {
  const serverId = credential.server_id;
  const tokenDue = token !== null && (isStale(token.last_used_at, now) || token.last_used_server_id !== serverId);
  const credentialDue = isStale(credential.credential_last_used_at, now);
  const serverDue = isStale(credential.server_last_call_at, now);
  if (!tokenDue && !credentialDue && !serverDue) return null;
  return {
    tokenId: tokenDue ? token.token_id : null,
    credentialId: credentialDue ? credential.credential_id : null,
    serverId: serverDue ? serverId : null,
    usedOnServerId: serverId,
  };
}

/**
 * After the times were written (and the call's savepoint released): the rows read for the call,
 * which the lookup cache may keep, now say so too, or every later call would find them due.
 */
export function noteLastUsed(due: LastUsedDue | null, now: number, credential: ServerCredentialRow, token: TokenSecretRow | null): void {
  if (!due) return;
  if (due.credentialId) credential.credential_last_used_at = now;
  if (due.serverId) credential.server_last_call_at = now;
  if (due.tokenId && token) {
    token.last_used_at = now;
    token.last_used_server_id = due.usedOnServerId;
  }
}

/** Writes the due last-used times. The statements keep their own staleness condition as a guard. */
export function writeLastUsed(s: Statements, now: number, due: LastUsedDue) {
  const slack = TOUCH_GRANULARITY_MS;
  if (due.tokenId) s.touchToken.run({ now, id: due.tokenId, serverId: due.usedOnServerId, slack });
  if (due.credentialId) s.touchCredential.run({ now, id: due.credentialId, slack });
  if (due.serverId) s.touchServer.run({ now, id: due.serverId, slack });
}
