"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireAdmin, type SessionUser } from "@/lib/auth/session";
import { inviteUrl } from "@/lib/http/base-url";
import { requestContext } from "@/lib/http/request-context";
import { changeRole, createServiceAccount, inviteUser, reinviteUser, setUserStatus, UserChangeError } from "@/lib/users/mutations";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import { endAllSessions, endSessionByHandle } from "@/lib/users/sessions";
import {
  changeRoleSchema,
  endSessionSchema,
  inviteUserSchema,
  reinviteUserSchema,
  serviceAccountSchema,
  setUserStatusSchema,
  signOutEverywhereSchema,
} from "@/lib/validation/users";

/** A set-password link, shown to the admin once to pass on. */
export type IssuedLink = { email: string; link: string; expiresAt: string };

async function changeContext(admin: SessionUser) {
  return { actor: admin, ...(await requestContext()) };
}

/** Runs a change; a refused change (e.g. the last admin) becomes the message under the form. */
function refusedAsError<T>(change: () => T): { ok: T } | { error: string } {
  try {
    return { ok: change() };
  } catch (err) {
    if (err instanceof UserChangeError) return { error: err.message };
    throw err;
  }
}

export async function inviteUserAction(_prev: ActionState<IssuedLink>, form: FormData): Promise<ActionState<IssuedLink>> {
  const admin = await requireAdmin();
  const values = formValues(form);
  const parsed = inviteUserSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => inviteUser(parsed.data, ctx));
  if ("error" in result) return { error: result.error, fieldErrors: { email: result.error }, values };
  revalidatePath("/users");
  const { user, inviteSecret, inviteExpiresAt } = result.ok;
  return { ok: { email: user.email, link: inviteUrl(inviteSecret), expiresAt: inviteExpiresAt.toISOString() } };
}

/** A user for a program: it never signs in, so there is no link to pass on. */
export async function createServiceAccountAction(_prev: ActionState<{ email: string }>, form: FormData): Promise<ActionState<{ email: string }>> {
  const admin = await requireAdmin();
  const values = formValues(form);
  const parsed = serviceAccountSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => createServiceAccount(parsed.data, ctx));
  if ("error" in result) return { error: result.error, fieldErrors: { email: result.error }, values };
  revalidatePath("/users");
  return { ok: { email: result.ok.email } };
}

/**
 * The shape of every row action: admins only, input checked, a refused change returned as
 * the message to show under the row, the list and the user's page re-rendered after a change.
 */
async function adminRowChange<I, T>(
  schema: z.ZodType<I>,
  input: unknown,
  change: (data: I, ctx: Awaited<ReturnType<typeof changeContext>>) => T,
): Promise<ActionState<T>> {
  const admin = await requireAdmin();
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid request." };
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => change(parsed.data, ctx));
  if ("error" in result) return result;
  revalidatePath("/users", "layout");
  return result;
}

export async function reinviteUserAction(input: { userId: string }): Promise<ActionState<IssuedLink>> {
  return adminRowChange(reinviteUserSchema, input, ({ userId }, ctx) => {
    const { email, inviteSecret, inviteExpiresAt } = reinviteUser(userId, ctx);
    return { email, link: inviteUrl(inviteSecret), expiresAt: inviteExpiresAt.toISOString() };
  });
}

export async function changeRoleAction(input: { userId: string; role: string }): Promise<ActionState> {
  // Only `true` goes back to the browser, never the user row (it holds the password hash).
  return adminRowChange(changeRoleSchema, input, ({ userId, role }, ctx) => {
    changeRole(userId, role, ctx);
    return true as const;
  });
}

export async function setUserStatusAction(input: { userId: string; status: string }): Promise<ActionState> {
  return adminRowChange(setUserStatusSchema, input, ({ userId, status }, ctx) => {
    setUserStatus(userId, status, ctx);
    return true as const;
  });
}

/** An admin ends every session of a user (a lost laptop, a shared machine); returns how many ended. */
export async function signOutUserEverywhereAction(input: { userId: string }): Promise<ActionState<{ sessions: number }>> {
  return adminRowChange(signOutEverywhereSchema, input, ({ userId }, ctx) => ({ sessions: endAllSessions(userId, ctx) }));
}

/** An admin ends one session of a user (the browser left signed in on a shared machine). */
export async function endUserSessionAction(input: { userId: string; handle: string }): Promise<ActionState> {
  return adminRowChange(endSessionSchema, input, ({ userId, handle }, ctx) => {
    if (!endSessionByHandle(userId, handle, ctx)) throw new UserChangeError("That session had already ended.");
    return true as const;
  });
}
