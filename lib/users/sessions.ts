import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, gt, lte, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { sessions, type User } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { auditActor, requireSelfOrAdmin, type ActorCtx } from "@/lib/auth/actor";
import { config } from "@/lib/config";
import type { RequestContext } from "@/lib/http/request-context";
import { digestCredential } from "@/lib/tokens/format";
import { findUserById, maySignIn } from "./queries";

/**
 * Server-side sessions. The browser's cookie holds the id (inside the encrypted JWT); the
 * table holds its digest, so a copy of the database opens no session. Every read of the
 * session (auth(), /api/auth/session) calls findSessionUser, so a deleted row, a passed
 * absolute end, a disabled user or a service account count as signed out at once.
 */

/** Starts a session for a user who has just signed in; returns the id the cookie carries. */
export function startSession(user: Pick<User, "id">, ctx: RequestContext, now = Date.now()): string {
  const id = randomBytes(32).toString("base64url");
  db()
    .insert(sessions)
    .values({
      idHash: digestCredential(id),
      userId: user.id,
      createdAt: new Date(now),
      expiresAt: new Date(now + config().session.maxAgeSeconds * 1000),
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent?.slice(0, 256) ?? null,
    })
    .run();
  return id;
}

/** The user a live session belongs to, or undefined: no such session, past its end, or a user who may not sign in. */
export function findSessionUser(sessionId: unknown, userId: unknown, now = Date.now()): User | undefined {
  if (typeof sessionId !== "string" || typeof userId !== "string" || sessionId.length > 100) return undefined;
  const row = db()
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.idHash, digestCredential(sessionId)), gt(sessions.expiresAt, new Date(now))))
    .get();
  if (!row || row.userId !== userId) return undefined;
  const user = findUserById(row.userId);
  return user && maySignIn(user) ? user : undefined;
}

/** Sign-out: the session's row is deleted, so a copy of its cookie is refused from now on. */
export function endSession(sessionId: unknown, ctx: RequestContext): void {
  if (typeof sessionId !== "string" || sessionId.length > 100) return;
  transact((tx) => {
    const ended = tx.delete(sessions).where(eq(sessions.idHash, digestCredential(sessionId))).returning({ userId: sessions.userId }).get();
    if (!ended) return; // already ended (a second tab, a replayed sign-out): nothing to record
    const user = findUserById(ended.userId);
    recordAudit(tx, {
      type: "auth.signed_out",
      actor: user ? { type: "user", id: user.id, name: user.email } : { type: "anonymous" },
      subjectUserId: ended.userId,
      decision: "success",
      details: { scope: "this_session" },
      ...ctx,
    });
  });
}

/** For changes that must end a user's sessions in their own transaction (disabling, a new password). */
export function deleteSessionsOfUser(tx: Tx, userId: string): number {
  return tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
}

/** An actor ended someone's sessions (or their own): who, whose, which and how many. */
function auditSessionsEnded(tx: Tx, userId: string, scope: "everywhere" | "one_session", sessions: number, ctx: ActorCtx): void {
  recordAudit(tx, {
    type: "auth.signed_out",
    actor: auditActor(ctx.actor),
    subjectUserId: userId,
    decision: "success",
    details: { scope, sessions },
    clientIp: ctx.clientIp,
    userAgent: ctx.userAgent,
  });
}

/** Sign out everywhere: the user themself, or an admin for them. Audited with how many sessions ended. */
export function endAllSessions(userId: string, ctx: ActorCtx): number {
  requireSelfOrAdmin(ctx.actor, userId);
  if (!findUserById(userId)) return 0;
  return transact((tx) => {
    const ended = deleteSessionsOfUser(tx, userId);
    auditSessionsEnded(tx, userId, "everywhere", ended, ctx);
    return ended;
  });
}

/** How many live sessions a user has: shown beside "Sign out everywhere". */
export function countLiveSessions(userId: string, ctx: ActorCtx, now = Date.now()): number {
  requireSelfOrAdmin(ctx.actor, userId);
  return (
    db()
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date(now))))
      .get()?.n ?? 0
  );
}

/** A live session as an admin's page shows it: a handle to end it by, never the id or its whole digest. */
export type LiveSession = { handle: string; createdAt: Date; expiresAt: Date; clientIp: string | null; userAgent: string | null };

// Sixteen hex digits of the digest tell a user's few sessions apart and open nothing.
const HANDLE_LENGTH = 16;
const handleSql = sql<string>`substr(${sessions.idHash}, 1, ${HANDLE_LENGTH})`;

/** A user's live sessions, oldest first: the user themself, or an admin. */
export function listLiveSessions(userId: string, ctx: ActorCtx, now = Date.now()): LiveSession[] {
  requireSelfOrAdmin(ctx.actor, userId);
  return db()
    .select({ handle: handleSql, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, clientIp: sessions.clientIp, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date(now))))
    .orderBy(asc(sessions.createdAt))
    .all();
}

/** Ends one of a user's sessions by its handle (the user themself, or an admin); false when it had already ended. */
export function endSessionByHandle(userId: string, handle: string, ctx: ActorCtx): boolean {
  requireSelfOrAdmin(ctx.actor, userId);
  if (!/^[0-9a-f]{16}$/.test(handle)) return false;
  return transact((tx) => {
    const ended = tx.delete(sessions).where(and(eq(sessions.userId, userId), sql`${handleSql} = ${handle}`)).run().changes;
    if (ended === 0) return false;
    auditSessionsEnded(tx, userId, "one_session", ended, ctx);
    return true;
  });
}

/** Drops rows past their absolute end; called at sign-in, so the table never holds more than a window's worth. */
export function pruneExpiredSessions(now = Date.now()): void {
  db().delete(sessions).where(lte(sessions.expiresAt, new Date(now))).run();
}
