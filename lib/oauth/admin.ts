import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers, oauthClients, oauthGrants, users } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, requireAdminActor, type Actor, type ActorCtx } from "@/lib/auth/actor";
import { revokeGrant } from "./grants";
import { verifiedDomain } from "./metadata-client";

/** Every OAuth client, newest first, with how many live grants it holds (admins and the CLI only). */
export function listClients(actor: Actor) {
  requireAdminActor(actor);
  const clients = db().select().from(oauthClients).orderBy(desc(oauthClients.createdAt)).all();
  const live = new Map(
    db()
      .select({ clientId: oauthGrants.clientId, grants: count() })
      .from(oauthGrants)
      .where(isNull(oauthGrants.revokedAt))
      .groupBy(oauthGrants.clientId)
      .all()
      .map((g) => [g.clientId, g.grants]),
  );
  return clients.map((c) => ({
    id: c.id,
    kind: c.kind,
    domain: verifiedDomain(c),
    name: c.name,
    redirectUris: c.redirectUris,
    method: c.tokenEndpointAuthMethod,
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
    deletedAt: c.deletedAt,
    liveGrants: live.get(c.id) ?? 0,
  }));
}

/** Live grants, optionally of one user or on one server, with who, which client and which server (admins and the CLI only). */
export function listGrants(actor: Actor, filter: { userId?: string; serverId?: string } = {}) {
  requireAdminActor(actor);
  const where = and(
    isNull(oauthGrants.revokedAt),
    filter.userId ? eq(oauthGrants.userId, filter.userId) : undefined,
    filter.serverId ? eq(oauthGrants.serverId, filter.serverId) : undefined,
  );
  return db()
    .select({
      id: oauthGrants.id,
      userId: users.id,
      user: users.email,
      userName: users.name,
      client: oauthClients.name,
      clientId: oauthClients.id,
      clientKind: oauthClients.kind,
      server: mcpServers.slug,
      serverName: mcpServers.name,
      scope: oauthGrants.scope,
      createdAt: oauthGrants.createdAt,
      lastUsedAt: oauthGrants.lastUsedAt,
    })
    .from(oauthGrants)
    .innerJoin(users, eq(users.id, oauthGrants.userId))
    .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId))
    .innerJoin(mcpServers, eq(mcpServers.id, oauthGrants.serverId))
    .where(where)
    .orderBy(desc(oauthGrants.createdAt))
    .all()
    .map((g) => ({ ...g, clientDomain: verifiedDomain({ id: g.clientId, kind: g.clientKind }) }));
}

export type AdminGrant = ReturnType<typeof listGrants>[number];
export type AdminClient = ReturnType<typeof listClients>[number];

/**
 * Deletes a client: its grants and their tokens end now, and it answers 401 invalid_client from
 * then on, which makes MCP clients register again. The row stays, so the audit can name it.
 */
export function deleteClient(clientId: string, ctx: ActorCtx): boolean {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const client = tx.select().from(oauthClients).where(eq(oauthClients.id, clientId)).get();
    if (!client || client.deletedAt) return false;
    tx.update(oauthClients).set({ deletedAt: new Date() }).where(eq(oauthClients.id, client.id)).run();
    const grants = tx.select().from(oauthGrants).where(and(eq(oauthGrants.clientId, client.id), isNull(oauthGrants.revokedAt))).all();
    for (const grant of grants) revokeGrant(tx, grant, "client deleted", auditActor(ctx.actor), ctx);
    recordAudit(tx, { type: "oauth.client_deleted", actor: auditActor(ctx.actor), decision: "success", clientIp: ctx.clientIp, userAgent: ctx.userAgent, details: { clientId: client.id, name: client.name, grants: grants.length } });
    return true;
  });
}
