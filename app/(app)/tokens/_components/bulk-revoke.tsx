"use client";

import { useActionState, useState } from "react";
import { bulkRevokeAction } from "@/app/actions/tokens";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/validation/action-state";
import { RevokeReasonForm } from "./revoke-reason-form";

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
          <RevokeReasonForm action={action} state={state} fieldId="bulk-reason" description="Recorded for each token and in the audit log." submitLabel={`Revoke ${plural(tokenIds.length)}`} onCancel={() => setOpen(false)}>
            {tokenIds.map((id) => (
              <input key={id} type="hidden" name="tokenIds" value={id} />
            ))}
          </RevokeReasonForm>
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
