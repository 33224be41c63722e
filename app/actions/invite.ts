"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/next-auth";
import { requestContext } from "@/lib/http/request-context";
import { acceptInvite, UserChangeError } from "@/lib/users/mutations";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import { setPasswordSchema } from "@/lib/validation/users";

export async function acceptInviteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = setPasswordSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error, formValues(form));
  let email: string;
  try {
    email = (await acceptInvite(parsed.data.invite, parsed.data.password, await requestContext())).email;
  } catch (err) {
    if (err instanceof UserChangeError) return { error: err.message };
    throw err;
  }
  try {
    await signIn("credentials", { email, password: parsed.data.password, redirectTo: "/" });
  } catch (err) {
    if (err instanceof AuthError) redirect("/login");
    throw err;
  }
  return {};
}
