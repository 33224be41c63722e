"use client";

import { useActionState } from "react";
import { setupAction } from "@/app/actions/auth";
import { SubmitButton } from "@/components/submit-button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";

export function SetupForm({ code }: { code: string }) {
  const [state, action] = useActionState<ActionState, FormData>(setupAction, {});
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionError message={state.error} />
      <input type="hidden" name="code" value={code} />
      <Field label="Your name" htmlFor="name" error={state.fieldErrors?.name}>
        <Input name="name" autoComplete="name" required defaultValue={state.values?.name} autoFocus />
      </Field>
      <Field label="Email" htmlFor="email" error={state.fieldErrors?.email}>
        <Input name="email" type="email" autoComplete="username" required defaultValue={state.values?.email} />
      </Field>
      <Field label="Password" htmlFor="password" description="At least 12 characters." error={state.fieldErrors?.password}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Confirm password" htmlFor="confirm" error={state.fieldErrors?.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      <SubmitButton className="w-full" pendingText="Creating account…">
        Create admin account
      </SubmitButton>
    </form>
  );
}
