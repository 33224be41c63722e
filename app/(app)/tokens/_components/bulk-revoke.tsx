"use client";

import { useActionState, useState } from "react";
import { bulkRevokeAction } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "./action-error";

const plural = (n: number) => `${n} token${n === 1 ? "" : "s"}`;

/** The selection bar of the tokens table: revoke every selected token, after a confirmation naming the count. */
export function BulkRevoke({ tokenIds, onDone }: { tokenIds: string[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState<number>, FormData>(async (prev, form) => {
    const next = await bulkRevokeAction(prev, form);
    if (next.ok !== undefined) {
      setOpen(false);
      onDone();
    }
    return next;
  }, {});
  return (
    <>
      <span className="font-medium">{plural(tokenIds.length)} selected</span>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Clear selection
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger asChild>
          <Button variant="destructive" size="sm">
            Revoke selected
          </Button>
        </DialogTrigger>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Revoke {plural(tokenIds.length)}?</DialogTitle>
            <DialogDescription>
              All {plural(tokenIds.length)} stop working on their very next call. This cannot be undone.
            </DialogDescription>
          </DialogHeader>
          <form action={action} className="grid gap-4" noValidate>
            <ActionError message={state.fieldErrors?.reason ? undefined : state.error} />
            {tokenIds.map((id) => (
              <input key={id} type="hidden" name="tokenIds" value={id} />
            ))}
            <Field label="Reason" htmlFor="bulk-reason" required description="Recorded for each token and in the audit log." error={state.fieldErrors?.reason}>
              <Textarea name="reason" required maxLength={500} />
            </Field>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <SubmitButton variant="destructive" pendingText="Revoking…">
                Revoke {plural(tokenIds.length)}
              </SubmitButton>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
      {state.ok !== undefined && (
        <span role="status" className="text-muted-foreground">
          Revoked {plural(state.ok)}.
        </span>
      )}
    </>
  );
}
