"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { completeSetup, SetupClosedError } from "@/lib/setup/first-run";
import { signIn, signOut, OIDC_PROVIDER_ID, SignInRefused } from "@/lib/auth/next-auth";
import { retryAfterText } from "@/lib/auth/sign-in-throttle";
import { requireUser } from "@/lib/auth/session";
import { requestContext } from "@/lib/http/request-context";
import { endAllSessions } from "@/lib/users/sessions";
import { formValues, invalid, type ActionState } from "@/lib/validation/action-state";
import { setupSchema, signInSchema } from "@/lib/validation/users";
import { safeNextPath } from "@/lib/http/safe-next";

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNextPath(form.get("next")) });
  } catch (err) {
    // A successful sign-in "throws" Next's redirect; only Auth.js errors are failures.
    if (err instanceof AuthError) return { error: signInErrorText(err), values };
    throw err;
  }
  return {};
}

function signInErrorText(err: AuthError): string {
  const code = err instanceof SignInRefused ? err.code : "";
  if (code === "busy") return "The server is busy signing other people in. Try again in a few seconds.";
  const throttled = /^throttled:(\d+)$/.exec(code);
  if (throttled) return `Too many failed sign-ins. Try again ${retryAfterText(Number(throttled[1]))}.`;
  return "Wrong email or password, or the account is disabled.";
}

export async function signInWithOidcAction(form: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeNextPath(form.get("next")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Ends every session of the signed-in user, this one too, and goes to the sign-in page. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await requireUser();
  endAllSessions(user.id, { actor: user, ...(await requestContext()) });
  await signOut({ redirectTo: "/login" });
}

export async function setupAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form);
  const parsed = setupSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await completeSetup(parsed.data, await requestContext());
  } catch (err) {
    if (err instanceof SetupClosedError) return { error: err.message };
    throw err;
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: "/tokens" });
  } catch (err) {
    if (err instanceof AuthError) redirect("/login");
    throw err;
  }
  return {};
}
