"use client";

import { useActionState, useState } from "react";
import { revokeAllForUserAction } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "./action-error";

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
          <Button variant="outline" className="text-destructive">
            Revoke all of {email}’s tokens
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke every token of {email}?</DialogTitle>
            <DialogDescription>For offboarding: all their tokens stop working at once. This cannot be undone.</DialogDescription>
          </DialogHeader>
          <form action={action} className="grid gap-4" noValidate>
            <ActionError message={state.fieldErrors?.reason ? undefined : state.error} />
            <input type="hidden" name="email" value={email} />
            <Field label="Reason" htmlFor="revoke-all-reason" required error={state.fieldErrors?.reason}>
              <Textarea name="reason" required maxLength={500} />
            </Field>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <SubmitButton variant="destructive" pendingText="Revoking…">
                Revoke all
              </SubmitButton>
            </DialogFooter>
          </form>
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
