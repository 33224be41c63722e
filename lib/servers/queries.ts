import "server-only";
import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { auditSeqs, indexedWhere, searchPrepared } from "@/lib/audit/search";
import { mcpServers, serverCredentials, tools, type McpServer, type ServerCredential } from "@/db/schema";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";

// Servers, their credentials, tools and calls are the admins' business: every read checks first.

export function findServerById(actor: Actor, id: string): McpServer | undefined {
  requireAdminActor(actor);
  return db().select().from(mcpServers).where(eq(mcpServers.id, id)).get();
}

export function findServerBySlug(actor: Actor, slug: string): McpServer | undefined {
  requireAdminActor(actor);
  return db().select().from(mcpServers).where(eq(mcpServers.slug, slug)).get();
}

export type ServerListRow = McpServer & { toolCount: number; activeCredentials: number };

/** Registered servers with their tool count and number of working credentials, by name; archived ones only when asked. */
export function listServers(actor: Actor, opts: { archived?: boolean } = {}, now = Date.now()): ServerListRow[] {
  requireAdminActor(actor);
  const toolCounts = db().select({ serverId: tools.serverId, n: count() }).from(tools).groupBy(tools.serverId).all();
  const credCounts = db()
    .select({ serverId: serverCredentials.serverId, n: count() })
    .from(serverCredentials)
    .where(and(isNull(serverCredentials.revokedAt), sql`(${serverCredentials.expiresAt} IS NULL OR ${serverCredentials.expiresAt} > ${now})`))
    .groupBy(serverCredentials.serverId)
    .all();
  const toolsBy = new Map(toolCounts.map((r) => [r.serverId, r.n]));
  const credsBy = new Map(credCounts.map((r) => [r.serverId, r.n]));
  return db()
    .select()
    .from(mcpServers)
    .where(opts.archived ? undefined : isNull(mcpServers.archivedAt))
    .orderBy(asc(mcpServers.name))
    .all()
    .map((s) => ({ ...s, toolCount: toolsBy.get(s.id) ?? 0, activeCredentials: credsBy.get(s.id) ?? 0 }));
}

export type CredentialState = "current" | "grace" | "expired" | "revoked";

export function credentialState(c: Pick<ServerCredential, "expiresAt" | "revokedAt">, now = Date.now()): CredentialState {
  if (c.revokedAt) return "revoked";
  if (!c.expiresAt) return "current";
  return c.expiresAt.getTime() > now ? "grace" : "expired";
}

/** A server's credentials with their state, newest first (hints only; secrets are never stored). */
export function credentialsOf(actor: Actor, serverId: string, now = Date.now()): (ServerCredential & { state: CredentialState })[] {
  requireAdminActor(actor);
  return db()
    .select()
    .from(serverCredentials)
    .where(eq(serverCredentials.serverId, serverId))
    .orderBy(desc(serverCredentials.createdAt))
    .all()
    .map((c) => ({ ...c, state: credentialState(c, now) }));
}

export type CatalogueTool = {
  name: string;
  title: string | null;
  /** The class verification applies; "unclassified" tools are treated as write. */
  accessClass: "read" | "write" | "unclassified";
  source: "annotation" | "admin" | "never reported";
  reportedClass: "read" | "write" | null;
  reportedAt: Date | null;
};

// How far back to look for tools called but never reported (bounded: the audit log grows forever).
const UNCLASSIFIED_LOOKBACK = 5000;

/** Reported tools, plus tools that calls named but the server never reported. */
export function toolCatalogue(actor: Actor, serverId: string): CatalogueTool[] {
  requireAdminActor(actor);
  const rows = db().select().from(tools).where(eq(tools.serverId, serverId)).orderBy(asc(tools.name)).all();
  const known = new Set(rows.map((r) => r.name));
  const inner = auditSeqs(indexedWhere("e.server_id = ? AND e.tool_class = 'unclassified'", serverId), { order: "DESC", limit: UNCLASSIFIED_LOOKBACK });
  const recent = searchPrepared(`SELECT DISTINCT tool FROM main.audit_events WHERE seq IN (${inner.clause})`)
    .pluck()
    .all(...inner.params) as (string | null)[];
  const unclassified = recent.filter((t): t is string => !!t && !known.has(t)).sort();
  return [
    ...rows.map((r) => ({
      name: r.name,
      title: r.title,
      accessClass: r.accessClass,
      source: r.classSource,
      reportedClass: r.reportedClass,
      reportedAt: r.reportedAt,
    })),
    ...unclassified.map((name) => ({
      name,
      title: null,
      accessClass: "unclassified" as const,
      source: "never reported" as const,
      reportedClass: null,
      reportedAt: null,
    })),
  ];
}

export type RecentCall = {
  seq: number;
  id: string;
  ts: number;
  type: string;
  decision: string;
  method: string | null;
  tool: string | null;
  toolClass: string | null;
  reason: string | null;
  clientIp: string | null;
  /** The token owner's email, or on a tokenless local call the OS user it ran as. */
  userEmail: string | null;
};

/** Who a call was for, on audit row `e` joined to users `u`: a token's owner, or on a tokenless local call the OS user it ran as. */
export const CALLER_SQL = "coalesce(u.email, 'OS user ' || json_extract(e.details, '$.localUser'))";

/** The server's latest verification decisions, newest first. */
export function recentCalls(actor: Actor, serverId: string, limit = 20): RecentCall[] {
  requireAdminActor(actor);
  const inner = auditSeqs(serverCalls(serverId), { order: "DESC", limit });
  return searchPrepared(
    `SELECT e.seq, e.id, e.ts, e.type, e.decision, e.method, e.tool, e.tool_class AS toolClass, e.reason, e.client_ip AS clientIp,
            ${CALLER_SQL} AS userEmail
     FROM main.audit_events e LEFT JOIN main.users u ON u.id = e.subject_user_id
     WHERE e.seq IN (${inner.clause}) ORDER BY e.seq DESC`,
  ).all(...inner.params) as RecentCall[];
}

/** The verification decisions about one server, as an audit filter. */
export function serverCalls(serverId: string) {
  return indexedWhere("e.server_id = ? AND e.type LIKE 'call.%'", serverId);
}
