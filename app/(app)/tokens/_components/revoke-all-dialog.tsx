"use client";

import { useActionState, useState } from "react";
import { revokeAllForUserAction } from "@/app/actions/tokens";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/validation/action-state";
import { counted } from "@/lib/text/counted";
import { RevokeReasonForm } from "./revoke-reason-form";

/** "Revoke all 2 tokens", "Revoke the 1 token": what the dialog's title and button promise. */
function revokeWhat(tokens: number): string {
  return tokens === 1 ? "Revoke the 1 token" : `Revoke all ${counted(tokens, "token", "tokens")}`;
}

/**
 * Offboarding: revoke every token a user has, in one step. It says beforehand how many tokens
 * (and connected apps) that ends, counted by lib/tokens/revoke.ts countRevokeAll.
 */
export function RevokeAllDialog({ email, tokens, apps }: { email: string; tokens: number; apps: number }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState<number>, FormData>(async (prev, form) => {
    const next = await revokeAllForUserAction(prev, form);
    if (next.ok !== undefined) setOpen(false);
    return next;
  }, {});
  const alsoApps = apps > 0 ? `, and ${counted(apps, "connected app is", "connected apps are")} disconnected` : "";
  // Nothing left to revoke (or just revoked): no button, only what was done, if anything.
  const nothingLeft = tokens === 0 && apps === 0;
  return (
    <>
      {!nothingLeft && (
        <Dialog open={open} onOpenChange={setOpen}>
          <DialogTrigger asChild>
            {/* A long email wraps on a phone rather than pushing the page sideways. */}
            <Button variant="outline" className="h-auto min-h-9 max-w-full py-2 text-left whitespace-normal break-all text-destructive">
              Revoke all of {email}’s tokens ({tokens})
            </Button>
          </DialogTrigger>
          <DialogContent>
            <DialogHeader>
              {/* A long email breaks anywhere rather than widening the dialog past a phone's screen. */}
              <DialogTitle className="[overflow-wrap:anywhere]">
                {revokeWhat(tokens)} of {email}?
              </DialogTitle>
              <DialogDescription className="[overflow-wrap:anywhere]">
                For offboarding: {tokens === 1 ? "1 token stops" : `${counted(tokens, "token", "tokens")} stop`} working at once{alsoApps}. This cannot be undone.
              </DialogDescription>
            </DialogHeader>
            <RevokeReasonForm action={action} state={state} fieldId="revoke-all-reason" description="Recorded for each token and in the audit log." submitLabel={revokeWhat(tokens)} onCancel={() => setOpen(false)}>
              <input type="hidden" name="email" value={email} />
            </RevokeReasonForm>
          </DialogContent>
        </Dialog>
      )}
      {state.ok !== undefined && (
        <span role="status" className="text-sm text-muted-foreground">
          Revoked {state.ok} token{state.ok === 1 ? "" : "s"} of {email}.
        </span>
      )}
    </>
  );
}
