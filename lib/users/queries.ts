import "server-only";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, users, type User } from "@/db/schema";

/** Fields of a user that may leave the data layer (never the password hash). */
export type PublicUser = Pick<User, "id" | "email" | "name" | "role" | "status" | "createdAt" | "lastSignInAt">;

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  createdAt: users.createdAt,
  lastSignInAt: users.lastSignInAt,
};

/** Internal: for sign-in and session checks only. */
export function findUserByEmail(email: string): User | undefined {
  return db().select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

/** Internal: for session checks only. */
export function findUserById(id: string): User | undefined {
  return db().select().from(users).where(eq(users.id, id)).get();
}

export function countUsers(): number {
  return db().select({ n: count() }).from(users).get()?.n ?? 0;
}

export function countOtherActiveAdmins(exceptUserId: string): number {
  return (
    db()
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, exceptUserId)))
      .get()?.n ?? 0
  );
}

export function listAllUsers(): PublicUser[] {
  return db().select(publicColumns).from(users).orderBy(asc(users.email)).all();
}

export function getPublicUser(id: string): PublicUser | undefined {
  return db().select(publicColumns).from(users).where(eq(users.id, id)).get();
}

/** A row of the admin users list: how the person can sign in, never the hash itself. */
export type UserListEntry = PublicUser & { hasPassword: boolean; hasSso: boolean };

export function listUsersForAdmin(): UserListEntry[] {
  return db()
    .select({
      ...publicColumns,
      hasPassword: sql<number>`${users.passwordHash} IS NOT NULL`,
      hasSso: sql<number>`EXISTS (SELECT 1 FROM ${accounts} WHERE ${accounts.userId} = ${users.id})`,
    })
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({ ...u, hasPassword: Boolean(u.hasPassword), hasSso: Boolean(u.hasSso) }));
}
