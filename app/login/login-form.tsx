"use client";

import { unstable_rethrow } from "next/navigation";
import { useActionState } from "react";
import { signInAction } from "@/app/actions/auth";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";

/**
 * A sign-in the server refused before running it (too many attempts: a plain-text 429) reaches
 * the browser as a thrown error carrying the server's message; it is shown like any other refusal.
 * Next's redirect after a successful sign-in is rethrown.
 */
async function signInOrRefusal(prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    return await signInAction(prev, form);
  } catch (err) {
    unstable_rethrow(err);
    return { error: err instanceof Error && err.message ? err.message : "The server could not be reached. Try again.", values: { email: String(form.get("email") ?? "") } };
  }
}

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState<ActionState, FormData>(signInOrRefusal, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionError message={state.error} />
      <input type="hidden" name="next" value={next} />
      <Field label="Email" htmlFor="email" error={state.fieldErrors?.email}>
        <Input name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} autoFocus />
      </Field>
      <Field label="Password" htmlFor="password" error={state.fieldErrors?.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <SubmitButton className="w-full" pendingText="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
