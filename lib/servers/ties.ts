import "server-only";
import { db } from "@/db/client";
import { preparedOnce } from "@/db/per-connection";
import { auditSeqs, indexedWhere, searchPrepared } from "@/lib/audit/search";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";

/** What refers to a server. While anything does, removing it archives it instead of deleting it. */
export type ServerTies = {
  /** Tokens bound to it by name, revoked and expired ones included: their audience is history. */
  boundTokens: number;
  /** Of those, the ones that still work. */
  liveBoundTokens: number;
  /** Working tokens valid on every server, this one included. */
  allServerTokens: number;
  /** OAuth grants given for it, revoked ones included. */
  oauthGrants: number;
  liveOauthGrants: number;
  /** The audit log holds more about it than its own administration: calls, tool reports, OAuth. */
  hasHistory: boolean;
};

export type Removal = "delete" | "archive";

const LIVE_TOKEN = "t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > @now)";

const TIES_SQL = `SELECT
  (SELECT count(*) FROM token_servers ts WHERE ts.server_id = @id) AS boundTokens,
  (SELECT count(*) FROM token_servers ts JOIN tokens t ON t.id = ts.token_id WHERE ts.server_id = @id AND ${LIVE_TOKEN}) AS liveBoundTokens,
  (SELECT count(*) FROM tokens t WHERE t.all_servers = 1 AND ${LIVE_TOKEN}) AS allServerTokens,
  (SELECT count(*) FROM oauth_grants g WHERE g.server_id = @id) AS oauthGrants,
  (SELECT count(*) FROM oauth_grants g WHERE g.server_id = @id AND g.revoked_at IS NULL) AS liveOauthGrants`;

/**
 * Counts on the main connection, so that inside a write transaction they are what the change sees.
 * The history check reads the audit search index; with the write lock held nothing new can commit.
 */
export function serverTies(actor: Actor, serverId: string, now = Date.now()): ServerTies {
  requireAdminActor(actor);
  const counts = preparedOnce(db().$client, TIES_SQL).get({ id: serverId, now }) as Omit<ServerTies, "hasHistory">;
  const beyondAdministration = auditSeqs(indexedWhere("e.server_id = ? AND e.type NOT LIKE 'server.%'", serverId), { order: "DESC", limit: 1 });
  const hasHistory = searchPrepared(beyondAdministration.clause).get(...beyondAdministration.params) !== undefined;
  return { ...counts, hasHistory };
}

/** An unused server is deleted; one that tokens, grants or the audit log refer to is archived. */
export function removalFor(ties: ServerTies): Removal {
  return ties.boundTokens > 0 || ties.oauthGrants > 0 || ties.hasHistory ? "archive" : "delete";
}
