import "server-only";
import { eq, and } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users, type User } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { verifyPassword } from "@/lib/auth/password";
import type { RequestContext } from "@/lib/http/request-context";
import { newId } from "@/lib/ids";
import { findUserByEmail } from "./queries";

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

function recordSignInFailure(email: string, reason: string, method: string, ctx: RequestContext, userId?: string) {
  transact((tx) =>
    recordAudit(tx, {
      type: "auth.sign_in_failed",
      actor: { type: "anonymous", name: email.slice(0, 254) },
      subjectUserId: userId ?? null,
      decision: "failure",
      reason,
      details: { method },
      ...ctx,
    }),
  );
}

/** Email + password sign-in. Every attempt, good or bad, is audited; the password never is. */
export async function authenticateWithPassword(email: string, password: string, ctx: RequestContext): Promise<User | null> {
  const user = findUserByEmail(email);
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok) {
    recordSignInFailure(email, user ? "wrong_password" : "unknown_user", "password", ctx, user?.id);
    return null;
  }
  if (user.status !== "active") {
    recordSignInFailure(email, "user_disabled", "password", ctx, user.id);
    return null;
  }
  recordSignIn(user, "password", ctx);
  return user;
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
