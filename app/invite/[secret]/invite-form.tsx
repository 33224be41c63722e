"use client";

import { useActionState } from "react";
import { acceptInviteAction } from "@/app/actions/invite";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";

export function InviteForm({ secret, email }: { secret: string; email: string }) {
  const [state, action] = useActionState<ActionState, FormData>(acceptInviteAction, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionError message={state.error} />
      <input type="hidden" name="invite" value={secret} />
      <Field label="Email" htmlFor="email">
        <Input name="email" type="email" autoComplete="username" value={email} readOnly />
      </Field>
      <Field label="New password" htmlFor="password" description="At least 12 characters." error={state.fieldErrors?.password}>
        <Input name="password" type="password" autoComplete="new-password" required autoFocus />
      </Field>
      <Field label="Confirm password" htmlFor="confirm" error={state.fieldErrors?.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton className="w-full" pendingText="Saving…">
        Set password and sign in
      </SubmitButton>
    </form>
  );
}
