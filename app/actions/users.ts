"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin, type SessionUser } from "@/lib/auth/session";
import { inviteUrl } from "@/lib/http/base-url";
import { requestContext } from "@/lib/http/request-context";
import { changeRole, inviteUser, reinviteUser, setUserStatus, UserChangeError } from "@/lib/users/mutations";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import { changeRoleSchema, inviteUserSchema, reinviteUserSchema, setUserStatusSchema } from "@/lib/validation/users";

/** A set-password link, shown to the admin once to pass on. */
export type IssuedLink = { email: string; link: string; expiresAt: string };

async function changeContext(admin: SessionUser) {
  return { actor: { type: "user" as const, id: admin.id, name: admin.email }, ...(await requestContext()) };
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

export async function reinviteUserAction(input: { userId: string }): Promise<ActionState<IssuedLink>> {
  const admin = await requireAdmin();
  const parsed = reinviteUserSchema.safeParse(input);
  if (!parsed.success) return { error: "Unknown user." };
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => reinviteUser(parsed.data.userId, ctx));
  if ("error" in result) return result;
  revalidatePath("/users");
  const { email, inviteSecret, inviteExpiresAt } = result.ok;
  return { ok: { email, link: inviteUrl(inviteSecret), expiresAt: inviteExpiresAt.toISOString() } };
}

export async function changeRoleAction(input: { userId: string; role: string }): Promise<ActionState> {
  const admin = await requireAdmin();
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid request." };
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => changeRole(parsed.data.userId, parsed.data.role, ctx));
  if ("error" in result) return result;
  revalidatePath("/users");
  return { ok: true };
}

export async function setUserStatusAction(input: { userId: string; status: string }): Promise<ActionState> {
  const admin = await requireAdmin();
  const parsed = setUserStatusSchema.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid request." };
  const ctx = await changeContext(admin);
  const result = refusedAsError(() => setUserStatus(parsed.data.userId, parsed.data.status, ctx));
  if ("error" in result) return result;
  revalidatePath("/users");
  return { ok: true };
}
