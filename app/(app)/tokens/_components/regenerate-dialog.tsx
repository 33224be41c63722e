"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { RotateCcwIcon } from "lucide-react";
import { regenerateTokenAction, type RegenerateOutcome } from "@/app/actions/tokens";
import { ActionError } from "@/components/action-error";
import { ActionForm } from "@/components/action-form";
import { useNotice } from "@/components/notice";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { describeDuration } from "@/lib/tokens/duration";
import type { RegenerationPlan } from "@/lib/tokens/regenerate";
import type { ActionState } from "@/lib/validation/action-state";
import { RecapList, scopeText, serversText } from "./recap-list";
import { handOverSecret } from "./secret-handoff";

function expiryText({ lifetimeMs, cappedFromMs }: RegenerationPlan["lifetime"]): string {
  if (lifetimeMs === null) return "Never, as before";
  const from = `${describeDuration(lifetimeMs)} after you confirm`;
  if (cappedFromMs === undefined) return `${from}, as long as the old one lived`;
  const before = cappedFromMs === null ? "never expired" : `lived ${describeDuration(cappedFromMs)}`;
  return `${from}: the longest the policy allows you (the old one ${before})`;
}

/** What the new token will be, read before confirming. */
function Recap({ plan }: { plan: RegenerationPlan }) {
  const rows: [string, string][] = [
    ["Owner", `${plan.owner.name} (${plan.owner.email})`],
    ["Scope", scopeText(plan.scope)],
    ["Servers", serversText(plan.servers === "all" ? "all" : plan.servers.map((s) => s.name))],
    ["Expires", expiryText(plan.lifetime)],
    ["Secret", plan.secretTo === "actor" ? "Shown to you once, on the new token's page" : `${plan.owner.name} claims it on My tokens; you never see it`],
  ];
  return <RecapList rows={rows} className="rounded-lg border p-4" />;
}

/**
 * Regenerate an expired or revoked token: a recap of the new one, then, once confirmed, its
 * page, where its secret is shown (when the person may see it) as for any new token.
 */
export function RegenerateDialog({ plan, ended }: { plan: RegenerationPlan; ended: "expired" | "revoked" }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const notify = useNotice();
  const [state, action] = useActionState<ActionState<RegenerateOutcome>, FormData>(async (prev, form) => {
    const next = await regenerateTokenAction(prev, form);
    if (next.ok) {
      if (next.ok.revealed) handOverSecret(next.ok.revealed);
      else notify(`${next.ok.claimBy.name} can claim the new token on My tokens. Only they will ever see its secret.`);
      router.push(`/tokens/${next.ok.tokenId}`);
    }
    return next;
  }, {});
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline" aria-label={`Regenerate ${plan.name}`}>
          <RotateCcwIcon aria-hidden="true" /> Regenerate
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Regenerate “{plan.name}”?</DialogTitle>
          <DialogDescription>A new token with the same settings. This one stays {ended}, as it is.</DialogDescription>
        </DialogHeader>
        <ActionForm action={action} className="grid gap-4" noValidate>
          <input type="hidden" name="tokenId" value={plan.tokenId} />
          <Recap plan={plan} />
          {plan.refusal ? (
            <Alert variant="destructive">
              <AlertDescription>{plan.refusal}</AlertDescription>
            </Alert>
          ) : (
            <ActionError message={state.error} />
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {!plan.refusal && <SubmitButton pendingText="Regenerating…">Regenerate</SubmitButton>}
          </DialogFooter>
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
