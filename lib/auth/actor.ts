import "server-only";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/events";
import type { RequestContext } from "@/lib/http/request-context";
import type { SessionUser } from "./session";

/**
 * Who is asking a data-layer function: a signed-in user, or the operator's CLI ("system", with
 * admin rights). Every function that reads or changes someone else's data takes one and checks
 * it first (STYLE habit 13), so a page or action that forgot its own check still opens nothing.
 */
export type Actor = SessionUser | "system";
export type ActorCtx = RequestContext & { actor: Actor };

/** Thrown when an actor may not call a function at all; callers check first, so this is a bug caught. */
export class ForbiddenError extends Error {
  constructor() {
    super("You are not allowed to do this.");
  }
}

// Checked at run time too: an anonymous caller arrives as null, whatever the types say.
function isSignedIn(actor: unknown): actor is Actor {
  return actor === "system" || (typeof actor === "object" && actor !== null && typeof (actor as SessionUser).id === "string");
}

export function isAdminActor(actor: Actor): boolean {
  return actor === "system" || (isSignedIn(actor) && actor.role === "admin");
}

/** Admins and the CLI only; anyone else (a user, an anonymous caller) is refused. */
export function requireAdminActor(actor: Actor): void {
  if (!isSignedIn(actor) || !isAdminActor(actor)) throw new ForbiddenError();
}

/** Anyone signed in (or the CLI); an anonymous caller is refused. */
export function requireSignedInActor(actor: Actor): void {
  if (!isSignedIn(actor)) throw new ForbiddenError();
}

/** The admin, or the person themselves. */
export function requireSelfOrAdmin(actor: Actor, userId: string): void {
  requireSignedInActor(actor);
  if (!isAdminActor(actor) && (actor as SessionUser).id !== userId) throw new ForbiddenError();
}

/** What goes into created_by / revoked_by. */
export function actorRef(actor: Actor): string {
  return actor === "system" ? "system" : actor.id;
}

export function auditActor(actor: Actor): AuditActor {
  return actor === "system" ? SYSTEM_ACTOR : { type: "user", id: actor.id, name: actor.email };
}
