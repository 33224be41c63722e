import "server-only";
import { and, asc, count, eq, ne, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users, type User } from "@/db/schema";
import { requireAdminActor, type Actor } from "@/lib/auth/actor";
import { containsPattern } from "@/lib/search/like";

/** Fields of a user that may leave the data layer (never the password hash). */
export type PublicUser = Pick<User, "id" | "email" | "name" | "role" | "status" | "kind" | "createdAt" | "lastSignInAt">;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  kind: users.kind,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

/** Internal: for sign-in, session checks and the changes in this folder only (no actor check). */
export function findUserByEmail(email: string): User | undefined {
  return db().select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

/** Internal: for session checks and the changes in this folder only (no actor check). */
export function findUserById(id: string): User | undefined {
  return db().select().from(users).where(eq(users.id, id)).get();
}

/** How many users exist at all (first-run setup); says nothing about anyone. */
export function countUsers(): number {
  return db().select({ n: count() }).from(users).get()?.n ?? 0;
}

// Whether a user can sign in at all: an active person with a password or a single sign-on identity.
// An invited admin who never set a password, a disabled one or a service account cannot.
const canSignInSql = sql<number>`(${users.status} = 'active' AND ${users.kind} = 'person' AND (${users.passwordHash} IS NOT NULL OR EXISTS (SELECT 1 FROM ${accounts} WHERE ${accounts.userId} = ${users.id})))`;

/** Internal (the last-admin guard): whether this user is an admin who can actually sign in. */
export function isAdminWhoCanSignIn(userId: string): boolean {
  return Boolean(db().select({ yes: canSignInSql }).from(users).where(and(eq(users.id, userId), eq(users.role, "admin"))).get()?.yes);
}

/** Internal (the last-admin guard): the other admins who can actually sign in. */
export function countOtherAdminsWhoCanSignIn(exceptUserId: string): number {
  return (
    db()
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), ne(users.id, exceptUserId), sql`${canSignInSql}`))
      .get()?.n ?? 0
  );
}

/** Admins only: whether an email has an account is itself someone else's data. */
export function lookupUserByEmail(actor: Actor, email: string): PublicUser | undefined {
  requireAdminActor(actor);
  return db().select(publicColumns).from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function listAllUsers(actor: Actor): PublicUser[] {
  requireAdminActor(actor);
  return db().select(publicColumns).from(users).orderBy(asc(users.email)).all();
}

/** A row of the admin users list: how the person can sign in, never the hash itself. */
export type UserListEntry = PublicUser & { hasPassword: boolean; hasSso: boolean };

/** Everyone, or those whose name, email or id contains `q` (the users page's search). */
export function listUsersForAdmin(actor: Actor, q?: string): UserListEntry[] {
  requireAdminActor(actor);
  const anywhere = q ? containsPattern(q) : null;
  return usersWithSignIn(anywhere === null ? undefined : sql`(${users.name} LIKE ${anywhere} ESCAPE '\\' OR ${users.email} LIKE ${anywhere} ESCAPE '\\' OR ${users.id} LIKE ${anywhere} ESCAPE '\\')`);
}

function usersWithSignIn(where: SQL | undefined): UserListEntry[] {
  return db()
    .select({
      ...publicColumns,
      hasPassword: sql<number>`${users.passwordHash} IS NOT NULL`,
      hasSso: sql<number>`EXISTS (SELECT 1 FROM ${accounts} WHERE ${accounts.userId} = ${users.id})`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({ ...u, hasPassword: Boolean(u.hasPassword), hasSso: Boolean(u.hasSso) }));
}

/** One user as the admin's user page shows them; undefined for an unknown id. */
export function findUserForAdmin(actor: Actor, userId: string): UserListEntry | undefined {
  requireAdminActor(actor);
  return usersWithSignIn(eq(users.id, userId))[0];
}

/** Whether this user may hold a session: active, and a person (a service account never signs in). */
export function maySignIn(user: Pick<User, "status" | "kind">): boolean {
  return user.status === "active" && user.kind === "person";
}
