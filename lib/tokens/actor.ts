import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tokens, type Token } from "@/db/schema";
import { isAdminActor, requireSignedInActor, type Actor } from "@/lib/auth/actor";
import { TokenNotFoundError } from "./errors";

/** The only owner whose tokens the actor may see or change; null for admins (everyone's). */
export function ownerLimit(actor: Actor): string | null {
  requireSignedInActor(actor);
  return isAdminActor(actor) ? null : (actor as Exclude<Actor, "system">).id;
}

/**
 * The token, if the actor may act on it (its owner, or an admin). Anyone else gets the
 * same "not found" as for a missing id. Call inside the transaction that changes it.
 */
export function tokenForActor(actor: Actor, tokenId: string): Token {
  const limit = ownerLimit(actor);
  const where = limit === null ? eq(tokens.id, tokenId) : and(eq(tokens.id, tokenId), eq(tokens.ownerId, limit));
  const token = db().select().from(tokens).where(where).get();
  if (!token) throw new TokenNotFoundError();
  return token;
}

/** For reads about a token (its events, its usage): admins always; anyone else only their own. */
export function requireTokenViewer(actor: Actor, tokenId: string): void {
  if (ownerLimit(actor) !== null) tokenForActor(actor, tokenId);
}
