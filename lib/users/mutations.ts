import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invites, users, type User } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import type { AuditActor } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { hashPassword } from "@/lib/auth/password";
import type { RequestContext } from "@/lib/http/request-context";
import { newId } from "@/lib/ids";
import { randomBase62 } from "@/lib/tokens/base62";
import { digestCredential } from "@/lib/tokens/format";
import { countOtherActiveAdmins, findUserByEmail, findUserById } from "./queries";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A refused change, with a message fit to show the person who asked for it. */
export class UserChangeError extends Error {}

type Ctx = RequestContext & { actor: AuditActor };

function issueInvite(tx: Tx, userId: string, createdBy: string | null): { secret: string; expiresAt: Date } {
  // Any older unused link for this user stops working.
  tx.update(invites).set({ usedAt: new Date() }).where(and(eq(invites.userId, userId), isNull(invites.usedAt))).run();
  const secret = randomBase62(32);
  const expiresAt = new Date(Date.now() + INVITE_LIFETIME_MS);
  tx.insert(invites).values({ id: newId("inv"), userId, secretHash: digestCredential(secret), expiresAt, createdBy }).run();
  return { secret, expiresAt };
}

/**
 * Creates a user and a one-time link (valid 7 days) with which they set their password.
 * The link's secret is returned once, for the admin to pass on; only its digest is kept.
 */
export function inviteUser(
  input: { email: string; name: string; role: "admin" | "user" },
  ctx: Ctx,
): { user: User; inviteSecret: string; inviteExpiresAt: Date } {
  return transact((tx) => {
    if (findUserByEmail(input.email)) throw new UserChangeError(`A user with the email ${input.email} already exists.`);
    const user = tx.insert(users).values({ id: newId("usr"), ...input }).returning().get();
    const invite = issueInvite(tx, user.id, ctx.actor.id ?? null);
    recordAudit(tx, {
      type: "user.invited",
      actor: ctx.actor,
      subjectUserId: user.id,
      decision: "success",
      details: { email: user.email, role: user.role, expiresAt: invite.expiresAt.toISOString() },
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
    });
    return { user, inviteSecret: invite.secret, inviteExpiresAt: invite.expiresAt };
  });
}

/** A new set-password link for an existing user (e.g. a lost invite or a password reset). */
export function reinviteUser(userId: string, ctx: Ctx): { email: string; inviteSecret: string; inviteExpiresAt: Date } {
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    // findInvite() refuses links of disabled users, so such a link would be dead on arrival.
    if (user.status !== "active") throw new UserChangeError("Enable this user before issuing a new link.");
    const invite = issueInvite(tx, user.id, ctx.actor.id ?? null);
    recordAudit(tx, {
      type: "user.invited",
      actor: ctx.actor,
      subjectUserId: user.id,
      decision: "success",
      details: { email: user.email, reissued: true, expiresAt: invite.expiresAt.toISOString() },
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
    });
    return { email: user.email, inviteSecret: invite.secret, inviteExpiresAt: invite.expiresAt };
  });
}

/** The user an unused, unexpired invite belongs to, or undefined. */
export function findInvite(secret: string): { inviteId: string; user: User } | undefined {
  if (secret.length > 200) return undefined;
  const row = db()
      .select({ inviteId: invites.id, user: users })
      .from(invites)
      .innerJoin(users, eq(invites.userId, users.id))
      .where(and(eq(invites.secretHash, digestCredential(secret)), isNull(invites.usedAt), sql`${invites.expiresAt} > ${Date.now()}`))
      .get();
  return row && row.user.status === "active" ? row : undefined;
}

/** Sets the password through an invite link, which is then used up. */
export async function acceptInvite(secret: string, password: string, ctx: RequestContext): Promise<User> {
  const passwordHash = await hashPassword(password);
  return transact((tx) => {
    const found = findInvite(secret);
    if (!found) throw new UserChangeError("This link has expired or was already used. Ask an administrator for a new one.");
    tx.update(invites).set({ usedAt: new Date() }).where(eq(invites.id, found.inviteId)).run();
    const user = tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, found.user.id))
      .returning()
      .get();
    recordAudit(tx, {
      type: "user.password_set",
      actor: { type: "user", id: user.id, name: user.email },
      subjectUserId: user.id,
      decision: "success",
      details: { via: "invite" },
      ...ctx,
    });
    return user;
  });
}

function guardLastAdmin(user: User, becomesAdmin: boolean, staysActive: boolean) {
  const isActiveAdmin = user.role === "admin" && user.status === "active";
  if (isActiveAdmin && !(becomesAdmin && staysActive) && countOtherActiveAdmins(user.id) === 0) {
    throw new UserChangeError("This is the last active admin. Make another user an admin first.");
  }
}

export function changeRole(userId: string, role: "admin" | "user", ctx: Ctx): User {
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    if (user.role === role) return user;
    guardLastAdmin(user, role === "admin", user.status === "active");
    const updated = tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning().get();
    recordAudit(tx, {
      type: "user.role_changed",
      actor: ctx.actor,
      subjectUserId: userId,
      decision: "success",
      details: { from: user.role, to: role },
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
    });
    return updated;
  });
}

/**
 * Disables or re-enables a user. Disabling bumps the session version, which ends every open
 * session at its next request; verification treats the user's tokens as inactive meanwhile.
 */
export function setUserStatus(userId: string, status: "active" | "disabled", ctx: Ctx): User {
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    if (user.status === status) return user;
    if (status === "disabled") guardLastAdmin(user, user.role === "admin", false);
    const updated = tx
      .update(users)
      .set({
        status,
        updatedAt: new Date(),
        ...(status === "disabled" ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, userId))
      .returning()
      .get();
    recordAudit(tx, {
      type: status === "disabled" ? "user.disabled" : "user.enabled",
      actor: ctx.actor,
      subjectUserId: userId,
      decision: "success",
      clientIp: ctx.clientIp,
      userAgent: ctx.userAgent,
    });
    return updated;
  });
}
