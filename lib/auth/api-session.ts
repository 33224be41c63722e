import "server-only";
import { ApiError } from "@/lib/http/api-errors";
import { currentUser, type SessionUser } from "./session";

/** For route handlers used by the signed-in UI: 401 JSON when signed out. */
export async function apiRequireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new ApiError("unauthenticated", "Sign in first.");
  return user;
}

/** For route handlers used by the admin UI: 401 when signed out, 403 for non-admins. */
export async function apiRequireAdmin(): Promise<SessionUser> {
  const user = await apiRequireUser();
  if (user.role !== "admin") throw new ApiError("forbidden", "Administrators only.");
  return user;
}
