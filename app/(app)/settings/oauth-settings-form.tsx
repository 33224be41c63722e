"use client";

import { useActionState } from "react";
import { saveOAuthSettingsAction } from "@/app/actions/settings";
import { ActionError } from "@/components/action-error";
import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { ActionState } from "@/lib/validation/action-state";
import type { OAuthSettings } from "@/lib/validation/oauth-settings";

type Lifetime = "accessTokenMinutes" | "refreshIdleDays" | "refreshAbsoluteDays";

function Whole({ name, label, value, error, description, min, max }: { name: Lifetime; label: string; value: string; error?: string; description: string; min: number; max: number }) {
  return (
    <Field label={label} htmlFor={name} required error={error} description={description}>
      <Input name={name} type="number" min={min} max={max} step={1} defaultValue={value} className="max-w-32" />
    </Field>
  );
}

/** Who may let apps write, and how long OAuth tokens live (docs/OAUTH.md). */
export function OAuthSettingsForm({ settings }: { settings: OAuthSettings }) {
  const [state, action] = useActionState<ActionState, FormData>(saveOAuthSettingsAction, {});
  const e = state.fieldErrors ?? {};
  const value = (k: keyof OAuthSettings) => state.values?.[k] ?? String(settings[k]);
  return (
    <ActionForm action={action} className="grid gap-6" noValidate>
      <ActionError message={state.error} />
      {state.ok && (
        <Alert variant="success">
          <AlertDescription>OAuth settings saved. They apply to consents and tokens from now on; tokens already issued keep their lifetimes.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Write access for apps</CardTitle>
          <CardDescription>
            An app asks for read (tools that only look) or write (tools that can change data). This decides who may allow write on the consent page; the others
            can allow read only, and the page tells them so.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <Field label="Who may allow apps to write" htmlFor="writeApproval" error={e.writeApproval}>
            <NativeSelect name="writeApproval" defaultValue={value("writeApproval")} className="max-w-72">
              <option value="admins">Administrators only</option>
              <option value="everyone">Everyone who signs in</option>
            </NativeSelect>
          </Field>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>OAuth token lifetimes</CardTitle>
          <CardDescription>A change applies to tokens issued from now on: those already issued keep the lifetime they were given.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <Whole name="accessTokenMinutes" label="Access token (minutes)" value={value("accessTokenMinutes")} error={e.accessTokenMinutes} min={5} max={1440} description="5 to 1440 (24 hours). Apps refresh it without asking anyone." />
          <Whole name="refreshIdleDays" label="Refresh token, unused (days)" value={value("refreshIdleDays")} error={e.refreshIdleDays} min={1} max={365} description="An app that has not refreshed for this long must ask the person again." />
          <Whole name="refreshAbsoluteDays" label="Refresh token, at most (days)" value={value("refreshAbsoluteDays")} error={e.refreshAbsoluteDays} min={1} max={365} description="Counted from consent, however often the app refreshes. At most 365." />
        </CardContent>
      </Card>
      <div>
        <SubmitButton pendingText="Saving…">Save OAuth settings</SubmitButton>
      </div>
    </ActionForm>
  );
}
