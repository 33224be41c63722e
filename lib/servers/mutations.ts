import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import { mcpServers, serverCredentials, type McpServer, type ServerCredential } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { actorRef, auditActor, requireAdminActor, type ActorCtx } from "@/lib/auth/actor";
import { newId } from "@/lib/ids";
import { credentialHint, digestCredential, generateCredential, SERVER_CREDENTIAL_PREFIX } from "@/lib/tokens/format";
import type { RegisterServerInput } from "@/lib/validation/servers";
import { findServerById, findServerBySlug } from "./queries";

/** A refused change, said in words; `field` names the form field it is about, if one is. */
export class ServerChangeError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export type ServerCtx = ActorCtx;

function slugFrom(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "server";
}

/** Adds a fresh current credential; the secret is returned once and only its digest is kept. */
function issueCredential(tx: Tx, serverId: string): { secret: string; credential: ServerCredential } {
  const secret = generateCredential(SERVER_CREDENTIAL_PREFIX);
  const credential = tx
    .insert(serverCredentials)
    .values({ id: newId("crd"), serverId, secretHash: digestCredential(secret), hint: credentialHint(secret) })
    .returning()
    .get();
  return { secret, credential };
}

/** Who made a change and from where, as every server event records it. */
export function audited(ctx: ServerCtx) {
  return { actor: auditActor(ctx.actor), clientIp: ctx.clientIp, userAgent: ctx.userAgent };
}

// OAuth finds a server by its URL (lib/oauth/resource.ts): two in service with one URL would answer neither.
/** Refuses a URL that a server still in service (not archived) other than `exceptId` already has. */
export function refuseTakenUrl(tx: Tx, url: string | null | undefined, exceptId: string | null, field?: "url") {
  if (url === null || url === undefined) return;
  const other = tx
    .select({ slug: mcpServers.slug })
    .from(mcpServers)
    .where(and(eq(mcpServers.url, url), exceptId === null ? undefined : ne(mcpServers.id, exceptId), isNull(mcpServers.archivedAt)))
    .get();
  if (other) throw new ServerChangeError(`The server "${other.slug}" already has this URL.`, field);
}

/** A registration; whether it accepts OAuth defaults to "a remote server does" (docs/OAUTH.md). */
export type NewServer = Omit<RegisterServerInput, "acceptsOAuth"> & { acceptsOAuth?: boolean };

/** Registers an MCP server and its first credential (`mcps_…`), returned once. */
export function registerServer(input: NewServer, ctx: ServerCtx): { server: McpServer; credential: string } {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const slug = input.slug ?? slugFrom(input.name);
    if (findServerBySlug(ctx.actor, slug)) throw new ServerChangeError(`The slug "${slug}" is already taken. Choose another.`, "slug");
    refuseTakenUrl(tx, input.url, null, "url");
    const acceptsOAuth = input.acceptsOAuth ?? input.deployment === "remote";
    if (acceptsOAuth && input.deployment !== "remote") throw new ServerChangeError("Only a remote server can accept OAuth clients.", "acceptsOAuth");
    const server = tx
      .insert(mcpServers)
      .values({ id: newId("srv"), slug, name: input.name, url: input.url, deployment: input.deployment, acceptsOAuth, createdBy: actorRef(ctx.actor) })
      .returning()
      .get();
    const { secret, credential } = issueCredential(tx, server.id);
    recordAudit(tx, {
      ...audited(ctx),
      type: "server.registered",
      serverId: server.id,
      decision: "success",
      details: { name: server.name, slug, url: server.url, deployment: server.deployment, acceptsOAuth, credential: credential.hint },
    });
    return { server, credential: secret };
  });
}

/**
 * Issues a new credential. Current ones keep working until now + grace (no downtime while the
 * server is reconfigured); credentials already in a shorter grace keep their earlier end.
 */
export function rotateServerCredential(serverId: string, graceMs: number, ctx: ServerCtx): { credential: string; graceEndsAt: Date } {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const server = findServerById(ctx.actor, serverId);
    if (!server) throw new ServerChangeError("No such server.");
    const graceEndsAt = new Date(Date.now() + graceMs);
    const rotated = tx
      .update(serverCredentials)
      .set({ expiresAt: graceEndsAt })
      .where(and(eq(serverCredentials.serverId, serverId), isNull(serverCredentials.expiresAt), isNull(serverCredentials.revokedAt)))
      .returning({ hint: serverCredentials.hint })
      .all();
    const { secret, credential } = issueCredential(tx, serverId);
    recordAudit(tx, {
      ...audited(ctx),
      type: "server.credential_rotated",
      serverId,
      decision: "success",
      details: { credential: credential.hint, previous: rotated.map((r) => r.hint), graceEndsAt: graceEndsAt.toISOString() },
    });
    return { credential: secret, graceEndsAt };
  });
}

/** Revokes one credential at once (e.g. after a leak). */
export function revokeServerCredential(serverId: string, credentialId: string, ctx: ServerCtx): void {
  requireAdminActor(ctx.actor);
  transact((tx) => {
    const row = tx
      .update(serverCredentials)
      .set({ revokedAt: new Date() })
      .where(and(eq(serverCredentials.id, credentialId), eq(serverCredentials.serverId, serverId), isNull(serverCredentials.revokedAt)))
      .returning({ hint: serverCredentials.hint })
      .get();
    if (!row) throw new ServerChangeError("That credential does not exist or is already revoked.");
    recordAudit(tx, { ...audited(ctx), type: "server.credential_revoked", serverId, decision: "success", details: { credential: row.hint } });
  });
}

/** A disabled server's credentials are refused, so every call through it fails at once. */
export function setServerStatus(serverId: string, status: "active" | "disabled", ctx: ServerCtx): McpServer {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const server = findServerById(ctx.actor, serverId);
    if (!server) throw new ServerChangeError("No such server.");
    if (server.status === status) return server;
    const updated = tx.update(mcpServers).set({ status, updatedAt: new Date() }).where(eq(mcpServers.id, serverId)).returning().get();
    recordAudit(tx, { ...audited(ctx), type: status === "disabled" ? "server.disabled" : "server.enabled", serverId, decision: "success" });
    return updated;
  });
}
