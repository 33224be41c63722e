import type Database from "better-sqlite3";

/** The rows the verification path reads. Times are unix milliseconds. */
export type ServerCredentialRow = {
  credential_id: string;
  server_id: string;
  slug: string;
  name: string;
  url: string;
  server_status: "active" | "disabled";
  expires_at: number | null;
  revoked_at: number | null;
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
};

type Touch = { now: number; id: string; serverId?: string; slack: number };

type Statements = {
  credentialByHash: Database.Statement<[string], ServerCredentialRow>;
  tokenBySecretHash: Database.Statement<[string], TokenSecretRow>;
  audience: Database.Statement<[string, string], number>;
  toolClass: Database.Statement<[string, string], "read" | "write">;
  touchToken: Database.Statement<[Touch]>;
  touchCredential: Database.Statement<[Touch]>;
  touchServer: Database.Statement<[Touch]>;
  selfRevoke: Database.Statement<[{ now: number; id: string }]>;
};

// Last-used times are kept to the second: skipping the write when nothing visible changes
// keeps the hot path to one audit insert on busy tokens.
const TOUCH_GRANULARITY_MS = 1000;

const prepared = new WeakMap<Database.Database, Statements>();

/** Prepared once per connection: these run on every verification call. */
export function verifyStatements(sqlite: Database.Database): Statements {
  let s = prepared.get(sqlite);
  if (s) return s;
  s = {
    credentialByHash: sqlite.prepare(
      `SELECT c.id AS credential_id, c.server_id, s.slug, s.name, s.url, s.status AS server_status, c.expires_at, c.revoked_at
         FROM server_credentials c JOIN mcp_servers s ON s.id = c.server_id
        WHERE c.secret_hash = ?`,
    ),
    tokenBySecretHash: sqlite.prepare(
      `SELECT t.id AS token_id, t.scope, t.all_servers, t.expires_at, t.revoked_at, t.created_at,
              ts.expires_at AS secret_expires_at, u.id AS user_id, u.email, u.name AS user_name, u.status AS user_status
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
  };
  prepared.set(sqlite, s);
  return s;
}

/** Records that a token, a credential and a server were used now (to the second). */
export function touchLastUsed(s: Statements, now: number, tokenId: string | null, credentialId: string, serverId: string) {
  const slack = TOUCH_GRANULARITY_MS;
  if (tokenId) s.touchToken.run({ now, id: tokenId, serverId, slack });
  s.touchCredential.run({ now, id: credentialId, slack });
  s.touchServer.run({ now, id: serverId, slack });
}
