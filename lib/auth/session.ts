import "server-only";
import { forbidden, redirect } from "next/navigation";
import { auth } from "@/lib/auth/next-auth";
import { findUserById, maySignIn } from "@/lib/users/queries";

export type SessionUser = { id: string; email: string; name: string; role: "admin" | "user" };

/**
 * The signed-in user, re-read from the database on every call. auth() has already looked the
 * session up in the sessions table (lib/users/sessions.ts): a signed-out or ended session, a
 * disabled user or a service account counts as signed out at once, not when the JWT expires.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = findUserById(id);
  if (!user || !maySignIn(user)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** For pages and server actions: a signed-out visitor is sent to sign in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages and server actions: anyone but an active admin gets the 403 page. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
