"use client";

import { useActionState } from "react";
import { revokeTokenAction } from "@/app/actions/tokens";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionState } from "@/lib/validation/action-state";
import { useDialogState, type DialogControl } from "./dialog-state";
import { RevokeReasonForm } from "./revoke-reason-form";

/** Revoke one token, with a required reason. Immediate and final. */
export function RevokeDialog({ tokenId, tokenName, size = "sm", variant = "outline", ...control }: { tokenId: string; tokenName: string } & Pick<ButtonProps, "size" | "variant"> & DialogControl) {
  const { open, setOpen, controlled } = useDialogState(control);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, form) => {
    const next = await revokeTokenAction(prev, form);
    if (next.ok) setOpen(false);
    return next;
  }, {});
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      {!controlled && (
        <DialogTrigger asChild>
          <Button size={size} variant={variant} aria-label={`Revoke ${tokenName}`}>
            Revoke
          </Button>
        </DialogTrigger>
      )}
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke “{tokenName}”?</DialogTitle>
          <DialogDescription>It stops working on the very next call, and cannot be undone.</DialogDescription>
        </DialogHeader>
        <RevokeReasonForm action={action} state={state} fieldId={`revoke-reason-${tokenId}`} description="Kept with the token and in the audit log." submitLabel="Revoke token" onCancel={() => setOpen(false)}>
          <input type="hidden" name="tokenId" value={tokenId} />
        </RevokeReasonForm>
      </DialogContent>
    </Dialog>
  );
}
