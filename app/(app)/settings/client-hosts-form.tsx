"use client";

import { useActionState } from "react";
import { saveClientHostsAction } from "@/app/actions/settings";
import { ActionError } from "@/components/action-error";
import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ClientHostPolicy } from "@/lib/oauth/client-hosts";
import type { ActionState } from "@/lib/validation/action-state";

/** Which hosts may be OAuth clients by metadata document (docs/OAUTH.md). */
export function ClientHostsForm({ policy }: { policy: ClientHostPolicy }) {
  const [state, action] = useActionState<ActionState, FormData>(saveClientHostsAction, {});
  const e = state.fieldErrors ?? {};
  const value = (k: keyof ClientHostPolicy) => state.values?.[k] ?? policy[k].join("\n");
  return (
    <ActionForm action={action} className="grid gap-6" noValidate>
      <ActionError message={state.error} />
      {state.ok && (
        <Alert variant="success">
          <AlertDescription>Client hosts saved. They apply to the next request of every client.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>OAuth client hosts</CardTitle>
          <CardDescription>
            Applications that identify themselves by the https address of their metadata document (ChatGPT, Claude) are fetched from that host. A host covers its subdomains; blocked wins.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5">
          <Field label="Allowed client hosts" htmlFor="allowed" error={e.allowed} description="One per line. Empty: every host that is not blocked.">
            <Textarea name="allowed" defaultValue={value("allowed")} className="max-w-md font-mono" placeholder="chatgpt.com" />
          </Field>
          <Field label="Blocked client hosts" htmlFor="blocked" error={e.blocked} description="One per line. Never fetched, whatever the allowed list says.">
            <Textarea name="blocked" defaultValue={value("blocked")} className="max-w-md font-mono" />
          </Field>
        </CardContent>
      </Card>
      <div>
        <SubmitButton pendingText="Saving…">Save client hosts</SubmitButton>
      </div>
    </ActionForm>
  );
}
