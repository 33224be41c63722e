"use client";

import { useActionState, useState } from "react";
import { revokeAllForUserAction } from "@/app/actions/tokens";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/validation/action-state";
import { RevokeReasonForm } from "./revoke-reason-form";

/** Offboarding: revoke every token a user has, in one step. */
export function RevokeAllDialog({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState<number>, FormData>(async (prev, form) => {
    const next = await revokeAllForUserAction(prev, form);
    if (next.ok !== undefined) setOpen(false);
    return next;
  }, {});
  return (
    <>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          {/* A long email wraps on a phone rather than pushing the page sideways. */}
          <Button variant="outline" className="h-auto min-h-9 max-w-full py-2 text-left whitespace-normal break-all text-destructive">
            Revoke all of {email}’s tokens
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke every token of {email}?</DialogTitle>
            <DialogDescription>For offboarding: all their tokens stop working at once. This cannot be undone.</DialogDescription>
          </DialogHeader>
          <RevokeReasonForm action={action} state={state} fieldId="revoke-all-reason" description="Recorded for each token and in the audit log." submitLabel="Revoke all" onCancel={() => setOpen(false)}>
            <input type="hidden" name="email" value={email} />
          </RevokeReasonForm>
        </DialogContent>
      </Dialog>
      {state.ok !== undefined && (
        <span role="status" className="text-sm text-muted-foreground">
          Revoked {state.ok} token{state.ok === 1 ? "" : "s"} of {email}.
        </span>
      )}
    </>
  );
}
