"use client";

import { ActionForm } from "@/components/action-form";
import Link from "next/link";
import { useActionState, useState } from "react";
import { issueTokenAction, type IssueOutcome } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatDateTime } from "@/lib/time/format";
import { NativeSelect } from "@/components/ui/select";
import { maxLifetimeDaysFor, type TokenPolicy } from "@/lib/policy/token-policy";
import type { ServerChoice } from "@/lib/servers/choices";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";
import { AudienceFields } from "./audience-fields";
import { ExpiryField } from "./expiry-field";
import { RecapList, scopeText, serversText } from "./recap-list";
import { ScopeFields } from "./scope-fields";
import { SecretReveal } from "./secret-reveal";

type Props = {
  /** admin: for anyone; self: for yourself within the users' policy. */
  mode: "admin" | "self";
  users?: { email: string; name: string; kind: "person" | "service" }[];
  servers: Pick<ServerChoice, "id" | "slug" | "name">[];
  policy: TokenPolicy;
  doneHref: string;
};

/** What was issued, as asked: read it once more before passing the token on. */
function Recap({ recap }: { recap: IssueOutcome["recap"] }) {
  const rows: [string, string][] = [
    ["Owner", recap.owner],
    ["Scope", scopeText(recap.scope)],
    ["Servers", serversText(recap.servers)],
    ["Expires", recap.expiresAt ? formatDateTime(recap.expiresAt) : "Never"],
  ];
  return (
    <section aria-labelledby="issued-recap" className="rounded-lg border bg-card p-4">
      <h2 id="issued-recap" className="mb-3 text-sm font-semibold">
        Issued “{recap.name}”
      </h2>
      <RecapList rows={rows} />
    </section>
  );
}

function Issued({ outcome, mode, doneHref, onAnother }: { outcome: IssueOutcome; mode: Props["mode"]; doneHref: string; onAnother: () => void }) {
  return (
    <div className="grid gap-6">
      <Recap recap={outcome.recap} />
      {outcome.revealed ? (
        <SecretReveal revealed={outcome.revealed} />
      ) : (
        <Alert variant="success">
          <AlertTitle>Token issued</AlertTitle>
          <AlertDescription>{outcome.ownerEmail} can now claim it on their My tokens page. Its secret is created only when they reveal it.</AlertDescription>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          <Link href={`/tokens/${outcome.tokenId}`}>View token</Link>
        </Button>
        <Button variant="outline" asChild>
          <Link href={doneHref}>{mode === "admin" ? "Back to tokens" : "Back to my tokens"}</Link>
        </Button>
        <Button variant="ghost" onClick={onAnother}>
          Issue another
        </Button>
      </div>
    </div>
  );
}

function Form({ mode, users = [], servers, policy, doneHref, onAnother }: Props & { onAnother: () => void }) {
  const [state, action] = useActionState<ActionState<IssueOutcome>, FormData>(issueTokenAction, {});
  const selfService = mode === "self";
  const maxDays = maxLifetimeDaysFor(policy, selfService);
  if (state.ok) return <Issued outcome={state.ok} mode={mode} doneHref={doneHref} onAnother={onAnother} />;
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};

  return (
    <ActionForm action={action} className="grid gap-6" noValidate>
      <ActionError message={state.error} />
      {mode === "admin" && (
        <Field
          label="Owner"
          htmlFor="owner"
          required
          error={e.owner}
          description="Who this token belongs to. A person claims its secret on their My tokens page, and nobody else ever sees it; a service account's secret (or your own) is shown to you once."
        >
          <NativeSelect name="owner" defaultValue={v.owner ?? ""} required>
            <option value="" disabled>
              Choose a user…
            </option>
            {users.map((u) => (
              <option key={u.email} value={u.email}>
                {u.name} ({u.email}){u.kind === "service" ? " · service account" : ""}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      {/* No maxLength: a longer name is refused with a field error, never cut without a word. */}
      <Field label="Name" htmlFor="name" required error={e.name} description="Where it is used, e.g. “Laptop – Claude Desktop” or “CI deploy bot”. At most 80 characters.">
        <Input name="name" required defaultValue={v.name} autoComplete="off" />
      </Field>
      <ScopeFields
        defaultValue={v.scope === "write" ? "write" : "read"}
        writeAllowed={!selfService || policy.userMaxScope === "write"}
        writeNote="Ask an administrator for a write token."
        error={e.scope}
      />
      {/* "All servers" is never the default: it covers servers added later too, so it is picked on purpose. */}
      <AudienceFields servers={servers} initial={{ all: v.audience === "all", serverIds: [] }} error={e.servers} />
      <ExpiryField
        defaultValue={v.expires ?? `${Math.min(policy.defaultLifetimeDays, maxDays)}d`}
        maxDays={maxDays}
        error={e.expires}
        allowNoExpiry={policy.allowNoExpiry && !selfService}
        noExpiryDefault={v.noExpiry === "on"}
      />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pendingText="Issuing…">Issue token</SubmitButton>
        <Button variant="outline" asChild>
          <Link href={doneHref}>Cancel</Link>
        </Button>
      </div>
    </ActionForm>
  );
}

export function IssueTokenForm(props: Props) {
  // "Issue another" remounts the form, dropping the shown secret with it.
  const [round, setRound] = useState(0);
  return <Form key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}
