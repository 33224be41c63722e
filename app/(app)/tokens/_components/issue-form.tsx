"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { issueTokenAction, type IssueOutcome } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { maxLifetimeDaysFor, type TokenPolicy } from "@/lib/policy/token-policy";
import type { ServerChoice } from "@/lib/servers/choices";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";
import { AudienceFields } from "./audience-fields";
import { ScopeFields } from "./scope-fields";
import { SecretReveal } from "./secret-reveal";

type Props = {
  /** admin: for anyone, with the reveal choice; self: for yourself within the users' policy. */
  mode: "admin" | "self";
  users?: { email: string; name: string }[];
  servers: Pick<ServerChoice, "id" | "slug" | "name">[];
  policy: TokenPolicy;
  doneHref: string;
};

function Issued({ outcome, mode, doneHref, onAnother }: { outcome: IssueOutcome; mode: Props["mode"]; doneHref: string; onAnother: () => void }) {
  return (
    <div className="grid gap-6">
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
  const [noExpiry, setNoExpiry] = useState(state.values?.noExpiry === "on");
  if (state.ok) return <Issued outcome={state.ok} mode={mode} doneHref={doneHref} onAnother={onAnother} />;
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};

  return (
    <form action={action} className="grid gap-6" noValidate>
      <ActionError message={state.error} />
      {mode === "admin" && (
        <Field label="Owner" htmlFor="owner" required error={e.owner} description="The person this token belongs to.">
          <NativeSelect name="owner" defaultValue={v.owner ?? ""} required>
            <option value="" disabled>
              Choose a user…
            </option>
            {users.map((u) => (
              <option key={u.email} value={u.email}>
                {u.name} ({u.email})
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      <Field label="Name" htmlFor="name" required error={e.name} description="Where it is used, e.g. “Laptop – Claude Desktop” or “CI deploy bot”.">
        <Input name="name" required maxLength={80} defaultValue={v.name} autoComplete="off" />
      </Field>
      <ScopeFields
        defaultValue={v.scope === "write" ? "write" : "read"}
        writeAllowed={!selfService || policy.userMaxScope === "write"}
        writeNote="Ask an administrator for a write token."
        error={e.scope}
      />
      <AudienceFields servers={servers} initial={{ all: v.audience !== "some", serverIds: [] }} error={e.servers} />
      <div className="grid gap-3">
        <Field
          label="Expires in"
          htmlFor="expires"
          required
          error={e.expires}
          description={`A duration such as 30d, 12h or 1y. At most ${maxDays} days.`}
        >
          <Input name="expires" defaultValue={v.expires ?? `${Math.min(policy.defaultLifetimeDays, maxDays)}d`} disabled={noExpiry} className="max-w-40" />
        </Field>
        {policy.allowNoExpiry && !selfService && (
          <label className="flex items-center gap-2 text-sm">
            <Checkbox name="noExpiry" checked={noExpiry} onChange={(ev) => setNoExpiry(ev.target.checked)} />
            No expiry (allowed by policy; use only where a rotation schedule exists)
          </label>
        )}
      </div>
      {mode === "admin" && (
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">Who sees the secret</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="reveal" value="owner" defaultChecked={v.reveal !== "creator"} className="mt-1 accent-primary" />
            <span>
              The owner claims it <span className="block text-[13px] text-muted-foreground">Recommended. The secret is created when they reveal it on their My tokens page; nobody else ever sees it.</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="reveal" value="creator" defaultChecked={v.reveal === "creator"} className="mt-1 accent-primary" />
            <span>
              Reveal to me now <span className="block text-[13px] text-muted-foreground">For service accounts. Shown to you once; the audit log records that you saw it.</span>
            </span>
          </label>
        </fieldset>
      )}
      <div>
        <SubmitButton pendingText="Issuing…">Issue token</SubmitButton>
      </div>
    </form>
  );
}

export function IssueTokenForm(props: Props) {
  // "Issue another" remounts the form, dropping the shown secret with it.
  const [round, setRound] = useState(0);
  return <Form key={round} {...props} onAnother={() => setRound((r) => r + 1)} />;
}
