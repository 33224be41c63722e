"use client";

import { ActionForm } from "@/components/action-form";
import { useActionState } from "react";
import { saveTokenPolicyAction } from "@/app/actions/settings";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { TokenPolicy } from "@/lib/policy/token-policy";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";

function Days({ name, label, value, error, description }: { name: keyof TokenPolicy; label: string; value: string; error?: string; description?: string }) {
  return (
    <Field label={label} htmlFor={name} required error={error} description={description}>
      <Input name={name} type="number" min={1} max={3650} step={1} defaultValue={value} className="max-w-32" />
    </Field>
  );
}

export function PolicyForm({ policy }: { policy: TokenPolicy }) {
  const [state, action] = useActionState<ActionState, FormData>(saveTokenPolicyAction, {});
  const v = state.values;
  const e = state.fieldErrors ?? {};
  const value = (k: keyof TokenPolicy) => v?.[k] ?? String(policy[k]);
  // After a failed save, a checkbox keeps what was submitted (unchecked boxes are absent from the form).
  const checked = (k: "allowNoExpiry" | "usersMayIssue") => (v ? v[k] === "on" : policy[k]);
  return (
    <ActionForm action={action} className="grid max-w-2xl gap-6" noValidate>
      <ActionError message={state.error} />
      {state.ok && (
        <Alert variant="success">
          <AlertDescription>Policy saved. It applies to every token issued or rotated from now on.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Token lifetimes</CardTitle>
          <CardDescription>Every token expires unless you explicitly allow otherwise.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <Days name="defaultLifetimeDays" label="Default lifetime (days)" value={value("defaultLifetimeDays")} error={e.defaultLifetimeDays} description="Pre-filled when issuing a token." />
          <Days name="maxLifetimeDays" label="Maximum lifetime (days)" value={value("maxLifetimeDays")} error={e.maxLifetimeDays} description="No token may be issued for longer." />
          <label className="flex items-start gap-2 text-sm">
            <Checkbox name="allowNoExpiry" defaultChecked={checked("allowNoExpiry")} className="mt-0.5" />
            <span>
              Allow administrators to issue tokens with no expiry
              <span className="block text-[13px] text-muted-foreground">Never the default: it must be chosen explicitly for each token.</span>
            </span>
          </label>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Self-service</CardTitle>
          <CardDescription>What users may issue for themselves on their My tokens page.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <label className="flex items-center gap-2 text-sm">
            <Checkbox name="usersMayIssue" defaultChecked={checked("usersMayIssue")} />
            Users may issue their own tokens
          </label>
          <Field label="Highest scope for users" htmlFor="userMaxScope" error={e.userMaxScope}>
            <NativeSelect name="userMaxScope" defaultValue={value("userMaxScope")} className="max-w-60">
              <option value="read">Read only</option>
              <option value="write">Read and write</option>
            </NativeSelect>
          </Field>
          <Days name="userMaxLifetimeDays" label="Longest lifetime for users (days)" value={value("userMaxLifetimeDays")} error={e.userMaxLifetimeDays} />
        </CardContent>
      </Card>
      <div>
        <SubmitButton pendingText="Saving…">Save policy</SubmitButton>
      </div>
    </ActionForm>
  );
}
