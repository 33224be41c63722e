import "server-only";
import { eq, and } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users, type User } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { HashBusyError } from "@/lib/auth/hash-gate";
import { checkPassword, hashPassword } from "@/lib/auth/password";
import { SignInThrottle } from "@/lib/auth/sign-in-throttle";
import { config } from "@/lib/config";
import type { RequestContext } from "@/lib/http/request-context";
import { newId } from "@/lib/ids";
import { findUserByEmail } from "./queries";

let throttle: SignInThrottle | undefined;
function signInThrottle(): SignInThrottle {
  throttle ??= new SignInThrottle(config().signInThrottle);
  return throttle;
}

/** For tests: forget every counted failure (the throttle is per process). */
export function resetSignInThrottle(): void {
  throttle = undefined;
}

function recordSignIn(user: User, method: string, ctx: RequestContext) {
  transact((tx) => {
    tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id)).run();
    recordAudit(tx, {
      type: "auth.signed_in",
      actor: { type: "user", id: user.id, name: user.email },
      subjectUserId: user.id,
      decision: "success",
      details: { method },
      ...ctx,
    });
  });
}

function recordSignInFailure(email: string, reason: string, method: string, ctx: RequestContext, userId?: string, extra?: Record<string, unknown>) {
  transact((tx) =>
    recordAudit(tx, {
      type: "auth.sign_in_failed",
      actor: { type: "anonymous", name: email.slice(0, 254) },
      subjectUserId: userId ?? null,
      decision: "failure",
      reason,
      details: { method, ...extra },
      ...ctx,
    }),
  );
}

export type PasswordSignIn =
  | { ok: true; user: User }
  | { ok: false; reason: "wrong_credentials" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "busy" };

/**
 * Email + password sign-in. Every attempt, good or bad, is audited; the password never is.
 * A throttled account or address is refused before hashing; a full hashing queue is refused
 * as busy (and not counted as a failure: the person did nothing wrong).
 */
export async function authenticateWithPassword(email: string, password: string, ctx: RequestContext, now = Date.now()): Promise<PasswordSignIn> {
  const limiter = signInThrottle();
  const refusal = limiter.refusal(email, ctx.clientIp, now);
  const user = findUserByEmail(email);
  if (refusal) {
    recordSignInFailure(email, "throttled", "password", ctx, user?.id, { limit: refusal.limit, retry_after_s: refusal.retryAfter });
    return { ok: false, reason: "throttled", retryAfterSeconds: refusal.retryAfter };
  }
  let check;
  try {
    check = await checkPassword(password, user?.passwordHash ?? null);
  } catch (err) {
    if (!(err instanceof HashBusyError)) throw err;
    recordSignInFailure(email, "busy", "password", ctx, user?.id);
    return { ok: false, reason: "busy" };
  }
  if (!user || !check.ok) {
    limiter.recordFailure(email, ctx.clientIp, now);
    recordSignInFailure(email, user ? "wrong_password" : "unknown_user", "password", ctx, user?.id);
    return { ok: false, reason: "wrong_credentials" };
  }
  if (user.status !== "active") {
    recordSignInFailure(email, "user_disabled", "password", ctx, user.id);
    return { ok: false, reason: "wrong_credentials" };
  }
  limiter.recordSuccess(email);
  if (check.needsRehash) await rehash(user, password);
  recordSignIn(user, "password", ctx);
  return { ok: true, user };
}

// The stored hash used older scrypt parameters: replace it while the password is at hand. Not
// a password change, so sessions stay; a busy gate just leaves it for the next sign-in.
async function rehash(user: User, password: string): Promise<void> {
  const stored = user.passwordHash;
  let fresh: string;
  try {
    fresh = await hashPassword(password);
  } catch (err) {
    if (err instanceof HashBusyError) return;
    throw err;
  }
  // Only if nobody set a new password meanwhile.
  db()
    .update(users)
    .set({ passwordHash: fresh })
    .where(and(eq(users.id, user.id), eq(users.passwordHash, stored ?? "")))
    .run();
}

export type OidcIdentity = { provider: string; subject: string; email?: string | null; emailVerified: boolean; name?: string | null };

/**
 * Maps an OpenID Connect identity to a Gatehouse user: an already linked account, else a user
 * whose email matches a *verified* email, else (if allowed) a new `user`. Returns null to refuse.
 */
export function resolveOidcUser(identity: OidcIdentity, createUsers: boolean, ctx: RequestContext): User | null {
  const linked = db()
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(accounts.userId, users.id))
    .where(and(eq(accounts.provider, identity.provider), eq(accounts.subject, identity.subject)))
    .get()?.user;
  const email = identity.email?.trim().toLowerCase() ?? "";
  let user = linked ?? (identity.emailVerified && email ? findUserByEmail(email) : undefined);
  if (!user) {
    if (!createUsers || !identity.emailVerified || !email) {
      const reason = !email ? "no_email" : !identity.emailVerified ? "email_not_verified" : "unknown_user";
      recordSignInFailure(email || identity.subject, reason, "oidc", ctx);
      return null;
    }
    const created = {
      id: newId("usr"),
      email,
      name: identity.name?.trim().slice(0, 100) || email,
      role: "user" as const,
    };
    user = transact((tx) => {
      const row = tx.insert(users).values(created).returning().get();
      recordAudit(tx, {
        type: "user.created",
        actor: { type: "system", name: "single sign-on" },
        subjectUserId: row.id,
        decision: "success",
        details: { via: "oidc", role: "user" },
        ...ctx,
      });
      return row;
    });
  }
  if (user.status !== "active") {
    recordSignInFailure(email, "user_disabled", "oidc", ctx, user.id);
    return null;
  }
  if (!linked) {
    db().insert(accounts).values({ provider: identity.provider, subject: identity.subject, userId: user.id }).onConflictDoNothing().run();
  }
  recordSignIn(user, "oidc", ctx);
  return user;
}
