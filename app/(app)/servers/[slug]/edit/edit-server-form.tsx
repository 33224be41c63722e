"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { TriangleAlertIcon } from "lucide-react";
import { updateServerAction } from "@/app/actions/servers";
import { ActionError, formError } from "@/components/action-error";
import { ActionForm } from "@/components/action-form";
import { useNotice } from "@/components/notice";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { counted } from "@/lib/text/counted";
import { DeploymentFields } from "../../deployment-field";
import type { ActionState } from "@/lib/validation/action-state";
import type { Deployment } from "@/lib/validation/servers";

type Props = {
  server: { id: string; slug: string; name: string; url: string | null; deployment: Deployment; acceptsOAuth: boolean };
  /** Live tokens and grants whose audience is this server's URL (see lib/servers/ties.ts). */
  audience: { boundTokens: number; allServerTokens: number; oauthGrants: number };
};

/** What a new URL does to the tokens used here, said before anything is saved. */
function AudienceWarning({ from, to, audience }: { from: string; to: string; audience: Props["audience"] }) {
  const { boundTokens, allServerTokens, oauthGrants } = audience;
  const concerned = [
    boundTokens > 0 && `${counted(boundTokens, "live token", "live tokens")} bound to this server`,
    allServerTokens > 0 && `${counted(allServerTokens, "live token", "live tokens")} valid on all servers`,
  ].filter(Boolean);
  return (
    <Alert variant="warning" data-testid="audience-warning">
      <TriangleAlertIcon aria-hidden="true" />
      <AlertTitle>The URL is this server&apos;s audience</AlertTitle>
      <AlertDescription>
        <p>
          From the next call, tokens used here carry the audience <span className="font-mono break-all">{to}</span> instead of{" "}
          <span className="font-mono break-all">{from}</span>, and its resource metadata names the new URL.{" "}
          {concerned.length > 0 ? `That concerns ${concerned.join(" and ")}.` : "No live token is valid here now."}
          {oauthGrants > 0 && ` ${counted(oauthGrants, "OAuth app", "OAuth apps")} connected to it must connect again, naming the new URL.`} Clients that check
          the audience need the new URL too.
        </p>
      </AlertDescription>
    </Alert>
  );
}

export function EditServerForm({ server, audience }: Props) {
  const router = useRouter();
  const notify = useNotice();
  const [state, action] = useActionState<ActionState<{ slug: string }>, FormData>(async (prev, form) => {
    const result = await updateServerAction(prev, form);
    if (result.ok) {
      notify(`${String(form.get("name"))} is saved.`);
      router.push(`/servers/${result.ok.slug}`);
    }
    return result;
  }, {});
  const v = state.values ?? {};
  const [url, setUrl] = useState(v.url ?? server.url ?? "");
  // A stdio server is known by its slug; an empty field means "no URL".
  const audienceBefore = server.url ?? server.slug;
  const audienceAfter = url.trim() || server.slug;
  const audienceChanges = audienceAfter !== audienceBefore;
  return (
    <Card className="max-w-2xl">
      <CardContent>
        <ActionForm action={action} className="grid gap-5" noValidate>
          <ActionError message={formError(state, ["name", "url", "deployment", "acceptsOAuth"]) ?? state.error} />
          <input type="hidden" name="serverId" value={server.id} />
          <Field label="Name" htmlFor="name" required error={state.fieldErrors?.name}>
            <Input name="name" defaultValue={v.name ?? server.name} required maxLength={100} />
          </Field>
          <Field
            label="Canonical URL"
            htmlFor="url"
            description="The URL clients use to reach the server. It identifies the server as a resource: tokens used here name it as their audience. Leave it empty for a local stdio server."
            error={state.fieldErrors?.url}
          >
            <Input name="url" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
          </Field>
          {audienceChanges && <AudienceWarning from={audienceBefore} to={audienceAfter} audience={audience} />}
          <DeploymentFields
            deployment={v.deployment ?? server.deployment}
            acceptsOAuth={state.values ? v.acceptsOAuth === "on" : server.acceptsOAuth}
            errors={{ deployment: state.fieldErrors?.deployment, acceptsOAuth: state.fieldErrors?.acceptsOAuth }}
            liveOauthGrants={server.acceptsOAuth ? audience.oauthGrants : 0}
          />
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText="Saving…">{audienceChanges ? "Save and change the audience" : "Save changes"}</SubmitButton>
            <Button variant="ghost" asChild>
              <Link href={`/servers/${server.slug}`}>Cancel</Link>
            </Button>
          </div>
        </ActionForm>
      </CardContent>
    </Card>
  );
}
