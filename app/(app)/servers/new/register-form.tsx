"use client";

import { ActionForm } from "@/components/action-form";
import { useActionState } from "react";
import Link from "next/link";
import { registerServerAction } from "@/app/actions/servers";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { DeploymentFields } from "../deployment-field";
import { RevealedCredential } from "../revealed-credential";
import { ActionError } from "@/components/action-error";

type Registered = { slug: string; name: string; credential: string };

export function RegisterServerForm() {
  const [state, action] = useActionState<ActionState<Registered>, FormData>(registerServerAction, {});
  if (state.ok) {
    return (
      <Card className="max-w-2xl">
        <CardHeader>
          <CardTitle>{state.ok.name} is registered</CardTitle>
          <CardDescription>Configure the server with this credential. It is shown only now; Gatehouse keeps only a digest.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <RevealedCredential credential={state.ok.credential} />
          <div>
            <Button asChild>
              <Link href={`/servers/${state.ok.slug}`}>Go to the server</Link>
            </Button>
          </div>
        </CardContent>
      </Card>
    );
  }
  const v = state.values ?? {};
  return (
    <Card className="max-w-2xl">
      <CardContent>
        <ActionForm action={action} className="grid gap-5" noValidate>
          <ActionError message={state.error} />
          <Field label="Name" htmlFor="name" required error={state.fieldErrors?.name}>
            <Input name="name" defaultValue={v.name} required autoFocus maxLength={100} />
          </Field>
          <Field
            label="Canonical URL"
            htmlFor="url"
            description="The URL clients use to reach the server, e.g. https://notes.example.com/mcp. It identifies the server as a resource. Leave it empty for a local stdio server, which has none."
            error={state.fieldErrors?.url}
          >
            <Input name="url" type="url" inputMode="url" defaultValue={v.url} placeholder="https://" />
          </Field>
          <Field
            label="Slug"
            htmlFor="slug"
            description="A short id for URLs and HTTP Basic auth. Leave empty to derive it from the name."
            error={state.fieldErrors?.slug}
          >
            <Input name="slug" defaultValue={v.slug} maxLength={48} pattern="[a-z0-9-]*" autoCapitalize="none" spellCheck={false} />
          </Field>
          <DeploymentFields
            deployment={v.deployment ?? "remote"}
            acceptsOAuth={state.values ? v.acceptsOAuth === "on" : true}
            errors={{ deployment: state.fieldErrors?.deployment, acceptsOAuth: state.fieldErrors?.acceptsOAuth }}
          />
          <div className="flex gap-2">
            <SubmitButton pendingText="Registering…">Register server</SubmitButton>
            <Button variant="ghost" asChild>
              <Link href="/servers">Cancel</Link>
            </Button>
          </div>
        </ActionForm>
      </CardContent>
    </Card>
  );
}
