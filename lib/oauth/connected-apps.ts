import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { mcpServers, oauthClients, oauthGrants } from "@/db/schema";
import { transact } from "@/db/transaction";
import { auditActor, isAdminActor, requireSelfOrAdmin, requireSignedInActor, type Actor, type ActorCtx } from "@/lib/auth/actor";
import { revokeGrant } from "./grants";
import { verifiedDomain } from "./metadata-client";

export type ConnectedApp = { grantId: string; clientName: string; /** The host a metadata-document client proved (its client_id's); null for a registration, whose name is self-asserted. */
  clientDomain: string | null; serverName: string; scope: "read" | "write"; createdAt: Date; lastUsedAt: Date | null };

/** The apps a user has allowed and not disconnected: for themself (My tokens) or an admin (their user page). */
export function listConnectedApps(actor: Actor, userId: string): ConnectedApp[] {
  requireSelfOrAdmin(actor, userId);
  const rows = db()
    .select({
      grantId: oauthGrants.id,
      clientId: oauthClients.id,
      clientName: oauthClients.name,
      clientKind: oauthClients.kind,
      serverName: mcpServers.name,
      scope: oauthGrants.scope,
      createdAt: oauthGrants.createdAt,
      lastUsedAt: oauthGrants.lastUsedAt,
    })
    .from(oauthGrants)
    .innerJoin(oauthClients, eq(oauthClients.id, oauthGrants.clientId))
    .innerJoin(mcpServers, eq(mcpServers.id, oauthGrants.serverId))
    .where(and(eq(oauthGrants.userId, userId), isNull(oauthGrants.revokedAt)))
    .orderBy(desc(oauthGrants.createdAt))
    .all();
  return rows.map(({ clientId, clientKind, ...app }) => ({ ...app, clientDomain: verifiedDomain({ id: clientId, kind: clientKind }) }));
}

/** Ends a grant (its owner, or an admin): every token under it stops at the next call. False when there was nothing to end. */
export function disconnectApp(grantId: string, ctx: ActorCtx): boolean {
  requireSignedInActor(ctx.actor);
  return transact((tx) => {
    const grant = tx.select().from(oauthGrants).where(eq(oauthGrants.id, grantId)).get();
    const mine = grant && ctx.actor !== "system" && grant.userId === ctx.actor.id;
    if (!grant || grant.revokedAt || !(mine || isAdminActor(ctx.actor))) return false;
    revokeGrant(tx, grant, mine ? "disconnected by the user" : "revoked by an administrator", auditActor(ctx.actor), ctx);
    return true;
  });
}
