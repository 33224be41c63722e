import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tokens, type Token } from "@/db/schema";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/events";
import type { SessionUser } from "@/lib/auth/session";
import type { RequestContext } from "@/lib/http/request-context";
import { TokenNotFoundError } from "./errors";

/** Who acts on tokens: a signed-in user, or the operator's CLI ("system", with admin rights). */
export type TokenActor = SessionUser | "system";
export type TokenCtx = RequestContext & { actor: TokenActor };

export function isAdminActor(actor: TokenActor): boolean {
  return actor === "system" || actor.role === "admin";
}

/** The only owner whose tokens the actor may see or change; null for admins (everyone's). */
export function ownerLimit(actor: TokenActor): string | null {
  return actor === "system" || actor.role === "admin" ? null : actor.id;
}

/** What goes into created_by / revoked_by. */
export function actorRef(actor: TokenActor): string {
  return actor === "system" ? "system" : actor.id;
}

export function auditActor(actor: TokenActor): AuditActor {
  return actor === "system" ? SYSTEM_ACTOR : { type: "user", id: actor.id, name: actor.email };
}

/**
 * The token, if the actor may act on it (its owner, or an admin). Anyone else gets the
 * same "not found" as for a missing id. Call inside the transaction that changes it.
 */
export function tokenForActor(actor: TokenActor, tokenId: string): Token {
  const limit = ownerLimit(actor);
  const where = limit === null ? eq(tokens.id, tokenId) : and(eq(tokens.id, tokenId), eq(tokens.ownerId, limit));
  const token = db().select().from(tokens).where(where).get();
  if (!token) throw new TokenNotFoundError();
  return token;
}
