"use client";

import { useActionState } from "react";
import { signInAction } from "@/app/actions/auth";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";

export function LoginForm({ next }: { next: string }) {
  const [state, action] = useActionState<ActionState, FormData>(signInAction, {});
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
