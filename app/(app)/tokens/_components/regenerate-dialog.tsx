"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { RotateCcwIcon } from "lucide-react";
import { regenerateTokenAction, regenerationPlanAction, type RegenerateOutcome } from "@/app/actions/tokens";
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
import { useDialogState, type DialogControl } from "./dialog-state";
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

/** The plan as the token page rendered it, or, opened from a table row, read when the dialog opens. */
function usePlan(tokenId: string, open: boolean, rendered: RegenerationPlan | undefined): ActionState<RegenerationPlan> {
  const [loaded, setLoaded] = useState<ActionState<RegenerationPlan>>({});
  useEffect(() => {
    if (!open || rendered) return;
    let current = true;
    regenerationPlanAction({ tokenId }).then((result) => current && setLoaded(result));
    return () => {
      current = false;
    };
  }, [open, rendered, tokenId]);
  return rendered ? { ok: rendered } : loaded;
}

/**
 * Regenerate an expired or revoked token: a recap of the new one, then, once confirmed, its
 * page, where its secret is shown (when the person may see it) as for any new token. Opens
 * from its own button (the token page) or from a row menu (the tokens table).
 */
export function RegenerateDialog({
  tokenId,
  tokenName,
  ended,
  plan: renderedPlan,
  ...control
}: { tokenId: string; tokenName: string; ended: "expired" | "revoked"; plan?: RegenerationPlan } & DialogControl) {
  const { open, setOpen, controlled } = useDialogState(control);
  const planned = usePlan(tokenId, open, renderedPlan);
  const plan = planned.ok;
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
  const refusal = plan?.refusal ?? planned.error;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {!controlled && (
        <DialogTrigger asChild>
          <Button size="sm" variant="outline" aria-label={`Regenerate ${tokenName}`}>
            <RotateCcwIcon aria-hidden="true" /> Regenerate
          </Button>
        </DialogTrigger>
      )}
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Regenerate “{tokenName}”?</DialogTitle>
          <DialogDescription>A new token with the same settings. This one stays {ended}, as it is.</DialogDescription>
        </DialogHeader>
        <ActionForm action={action} className="grid gap-4" noValidate>
          <input type="hidden" name="tokenId" value={tokenId} />
          {plan ? <Recap plan={plan} /> : !refusal && <p className="text-sm text-muted-foreground">Reading its settings…</p>}
          {refusal ? (
            <Alert variant="destructive">
              <AlertDescription>{refusal}</AlertDescription>
            </Alert>
          ) : (
            <ActionError message={state.error} />
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            {plan && !refusal && <SubmitButton pendingText="Regenerating…">Regenerate</SubmitButton>}
          </DialogFooter>
        </ActionForm>
      </DialogContent>
    </Dialog>
  );
}
