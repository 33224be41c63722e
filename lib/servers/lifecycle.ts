import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { mcpServers, oauthGrants, type McpServer } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { requireAdminActor } from "@/lib/auth/actor";
import { revokeGrant } from "@/lib/oauth/grants";
import type { UpdateServerInput } from "@/lib/validation/servers";
import { serverAudience } from "./audience";
import { audited, refuseTakenUrl, ServerChangeError, type ServerCtx } from "./mutations";
import { findServerById } from "./queries";
import { removalFor, serverTies, type Removal } from "./ties";

const EDITABLE = ["name", "url", "deployment", "acceptsOAuth"] as const;
type Editable = Pick<McpServer, (typeof EDITABLE)[number]>;

function existing(ctx: ServerCtx, serverId: string): McpServer {
  const server = findServerById(ctx.actor, serverId);
  if (!server) throw new ServerChangeError("No such server.");
  return server;
}

/** An edit; without `acceptsOAuth` the server keeps accepting OAuth as it did, unless it stops being remote. */
export type ServerEdit = Omit<UpdateServerInput, "acceptsOAuth"> & { acceptsOAuth?: boolean };

/**
 * Turning OAuth off ends every live grant on the server at once, in the edit's transaction: their
 * access tokens fail the next call and their refresh tokens are refused. Turning it on again does
 * not bring them back (people connect again), so a grant never outlives the admin's "no".
 */
function endOAuthGrants(tx: Tx, serverId: string, ctx: ServerCtx): number {
  const live = tx.select().from(oauthGrants).where(and(eq(oauthGrants.serverId, serverId), isNull(oauthGrants.revokedAt))).all();
  for (const grant of live) revokeGrant(tx, grant, "the server no longer accepts OAuth clients", audited(ctx).actor, ctx);
  return live.length;
}

/**
 * Changes name, URL, deployment and whether it accepts OAuth in one audited event that lists each
 * changed field before and after. A new URL is a new audience (RFC 8707 resource, `aud`) for every
 * token used on the server, so the event says so too.
 */
export function updateServer(input: ServerEdit, ctx: ServerCtx): McpServer {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const before = existing(ctx, input.serverId);
    if (before.archivedAt) throw new ServerChangeError("This server is archived. Restore it before you edit it.");
    const remote = input.deployment === "remote";
    if (input.acceptsOAuth && !remote) throw new ServerChangeError("Only a remote server can accept OAuth clients.", "acceptsOAuth");
    const after: Editable = { name: input.name, url: input.url ?? null, deployment: input.deployment, acceptsOAuth: remote && (input.acceptsOAuth ?? before.acceptsOAuth) };
    const changed = EDITABLE.filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return before;
    refuseTakenUrl(tx, after.url, before.id, "url");
    const updated = tx.update(mcpServers).set({ ...after, updatedAt: new Date() }).where(eq(mcpServers.id, before.id)).returning().get();
    const oauthGrantsEnded = before.acceptsOAuth && !after.acceptsOAuth ? endOAuthGrants(tx, before.id, ctx) : 0;
    const audience = { before: serverAudience(before), after: serverAudience(updated) };
    recordAudit(tx, {
      ...audited(ctx),
      type: "server.updated",
      serverId: before.id,
      decision: "success",
      details: {
        changed,
        before: Object.fromEntries(changed.map((f) => [f, before[f]])),
        after: Object.fromEntries(changed.map((f) => [f, after[f]])),
        ...(audience.before !== audience.after ? { audience } : {}),
        ...(oauthGrantsEnded > 0 ? { oauthGrantsEnded } : {}),
      },
    });
    return updated;
  });
}

/**
 * Deletes a server nothing refers to (its credentials and tools go with it; its administration
 * events stay in the log). One that tokens, grants or calls refer to is archived instead: kept with
 * its history, refused at verification from the next call on, and restorable. `expected` is what
 * the person was told would happen; if the server's ties changed since, nothing is done.
 */
export function removeServer(serverId: string, expected: Removal | undefined, ctx: ServerCtx): Removal {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const server = existing(ctx, serverId);
    if (server.archivedAt) throw new ServerChangeError("This server is already archived.");
    const ties = serverTies(ctx.actor, serverId);
    const removal = removalFor(ties);
    if (expected && expected !== removal) {
      throw new ServerChangeError(
        removal === "archive"
          ? "Something now refers to this server, so it would be archived rather than deleted. Nothing was changed: review and confirm again."
          : "Nothing refers to this server any more, so it would be deleted rather than archived. Nothing was changed: review and confirm again.",
      );
    }
    const about = { name: server.name, slug: server.slug, url: server.url, deployment: server.deployment };
    if (removal === "delete") {
      tx.delete(mcpServers).where(eq(mcpServers.id, serverId)).run();
      recordAudit(tx, { ...audited(ctx), type: "server.removed", serverId, decision: "success", details: about });
    } else {
      tx.update(mcpServers).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(mcpServers.id, serverId)).run();
      const { boundTokens, oauthGrants, hasHistory } = ties;
      recordAudit(tx, { ...audited(ctx), type: "server.archived", serverId, decision: "success", details: { ...about, boundTokens, oauthGrants, hasHistory } });
    }
    return removal;
  });
}

/** Brings an archived server back as it was: its working credentials are accepted again. */
export function restoreServer(serverId: string, ctx: ServerCtx): McpServer {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const server = existing(ctx, serverId);
    if (!server.archivedAt) throw new ServerChangeError("This server is not archived.");
    refuseTakenUrl(tx, server.url, serverId);
    const restored = tx.update(mcpServers).set({ archivedAt: null, updatedAt: new Date() }).where(eq(mcpServers.id, serverId)).returning().get();
    recordAudit(tx, { ...audited(ctx), type: "server.restored", serverId, decision: "success", details: { archivedAt: server.archivedAt.toISOString() } });
    return restored;
  });
}
