import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { invites, users, type User } from "@/db/schema";
import { transact, type Tx } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { actorRef, auditActor, requireAdminActor, type ActorCtx } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import type { RequestContext } from "@/lib/http/request-context";
import { newId } from "@/lib/ids";
import { randomBase62 } from "@/lib/tokens/base62";
import { digestCredential } from "@/lib/tokens/format";
import { deleteSessionsOfUser } from "./sessions";
import { countOtherAdminsWhoCanSignIn, findUserByEmail, findUserById, isAdminWhoCanSignIn, maySignIn } from "./queries";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** A refused change, with a message fit to show the person who asked for it. */
export class UserChangeError extends Error {}

type Ctx = ActorCtx;

function audited(ctx: Ctx) {
  return { actor: auditActor(ctx.actor), clientIp: ctx.clientIp, userAgent: ctx.userAgent };
}

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
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    if (findUserByEmail(input.email)) throw new UserChangeError(`A user with the email ${input.email} already exists.`);
    const user = tx.insert(users).values({ id: newId("usr"), ...input }).returning().get();
    const invite = issueInvite(tx, user.id, inviterId(ctx));
    recordAudit(tx, {
      ...audited(ctx),
      type: "user.invited",
      subjectUserId: user.id,
      decision: "success",
      details: { email: user.email, role: user.role, expiresAt: invite.expiresAt.toISOString() },
    });
    return { user, inviteSecret: invite.secret, inviteExpiresAt: invite.expiresAt };
  });
}

/**
 * Creates a service account: a user for a program, which never signs in (no password, no
 * invite, no session; sign-in and session checks refuse it). Its tokens' secrets go to the
 * admin who issues or rotates them, since there is nobody else to claim them.
 */
export function createServiceAccount(input: { email: string; name: string }, ctx: Ctx): User {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    if (findUserByEmail(input.email)) throw new UserChangeError(`A user with the email ${input.email} already exists.`);
    const user = tx.insert(users).values({ id: newId("usr"), email: input.email.toLowerCase(), name: input.name, role: "user", kind: "service" }).returning().get();
    recordAudit(tx, { ...audited(ctx), type: "user.created", subjectUserId: user.id, decision: "success", details: { email: user.email, kind: "service" } });
    return user;
  });
}

// invites.created_by references users: the CLI ("system") is no user.
function inviterId(ctx: Ctx): string | null {
  return ctx.actor === "system" ? null : actorRef(ctx.actor);
}

/** A new set-password link for an existing user (e.g. a lost invite or a password reset). */
export function reinviteUser(userId: string, ctx: Ctx): { email: string; inviteSecret: string; inviteExpiresAt: Date } {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    if (user.kind === "service") throw new UserChangeError("A service account never signs in, so it has no set-password link.");
    // findInvite() refuses links of disabled users, so such a link would be dead on arrival.
    if (user.status !== "active") throw new UserChangeError("Enable this user before issuing a new link.");
    const invite = issueInvite(tx, user.id, inviterId(ctx));
    recordAudit(tx, {
      ...audited(ctx),
      type: "user.invited",
      subjectUserId: user.id,
      decision: "success",
      details: { email: user.email, reissued: true, expiresAt: invite.expiresAt.toISOString() },
    });
    return { email: user.email, inviteSecret: invite.secret, inviteExpiresAt: invite.expiresAt };
  });
}

/** The user an unused, unexpired invite belongs to, or undefined. */
/** An unused, unexpired link, whoever it is for. */
function openInvite(secret: string): { inviteId: string; user: User } | undefined {
  if (secret.length > 200) return undefined;
  return db()
    .select({ inviteId: invites.id, user: users })
    .from(invites)
    .innerJoin(users, eq(invites.userId, users.id))
    .where(and(eq(invites.secretHash, digestCredential(secret)), isNull(invites.usedAt), sql`${invites.expiresAt} > ${Date.now()}`))
    .get();
}

export function findInvite(secret: string): { inviteId: string; user: User } | undefined {
  const row = openInvite(secret);
  return row && maySignIn(row.user) ? row : undefined;
}

/**
 * Why a link sets no password, in words for its holder: a live link to a disabled account is
 * not "expired", and saying so would send them asking for a new link that cannot work either.
 */
export function inviteRefusal(secret: string): string {
  const row = openInvite(secret);
  return row && !maySignIn(row.user)
    ? "This account is disabled, so its password cannot be set. Ask an administrator to enable it."
    : "This link has expired or was already used. Ask an administrator for a new one.";
}

/** Sets the password through an invite link, which is then used up. */
export async function acceptInvite(secret: string, password: string, ctx: RequestContext): Promise<User> {
  const passwordHash = await hashPassword(password);
  return transact((tx) => {
    const found = findInvite(secret);
    if (!found) throw new UserChangeError(inviteRefusal(secret));
    tx.update(invites).set({ usedAt: new Date() }).where(eq(invites.id, found.inviteId)).run();
    const user = tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, found.user.id))
      .returning()
      .get();
    // A new password ends every session the old one opened (as a reset after a leak must).
    deleteSessionsOfUser(tx, user.id);
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

/**
 * Refuses a change that would leave nobody able to sign in as admin. Only admins who can sign in
 * count: an invited admin who never set a password would not let anyone back in.
 */
function guardLastAdmin(user: User, becomesAdmin: boolean, staysActive: boolean) {
  if (becomesAdmin && staysActive) return;
  if (isAdminWhoCanSignIn(user.id) && countOtherAdminsWhoCanSignIn(user.id) === 0) {
    throw new UserChangeError("This is the last admin who can sign in. Make another user an admin, and let them set a password, first.");
  }
}

export function changeRole(userId: string, role: "admin" | "user", ctx: Ctx): User {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    if (user.role === role) return user;
    if (user.kind === "service") throw new UserChangeError("A service account cannot be an admin: it never signs in.");
    guardLastAdmin(user, role === "admin", user.status === "active");
    const updated = tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId)).returning().get();
    recordAudit(tx, { ...audited(ctx), type: "user.role_changed", subjectUserId: userId, decision: "success", details: { from: user.role, to: role } });
    return updated;
  });
}

/**
 * Disables or re-enables a user. Disabling deletes the user's sessions, which ends each at its
 * next request; verification treats the user's tokens as inactive meanwhile.
 */
export function setUserStatus(userId: string, status: "active" | "disabled", ctx: Ctx): User {
  requireAdminActor(ctx.actor);
  return transact((tx) => {
    const user = findUserById(userId);
    if (!user) throw new UserChangeError("No such user.");
    if (user.status === status) return user;
    if (status === "disabled") guardLastAdmin(user, user.role === "admin", false);
    const updated = tx
      .update(users)
      .set({ status, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning()
      .get();
    if (status === "disabled") deleteSessionsOfUser(tx, userId);
    recordAudit(tx, { ...audited(ctx), type: status === "disabled" ? "user.disabled" : "user.enabled", subjectUserId: userId, decision: "success" });
    return updated;
  });
}
