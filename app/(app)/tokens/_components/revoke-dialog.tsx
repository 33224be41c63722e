"use client";

import { useActionState, useState } from "react";
import { revokeTokenAction } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "./action-error";

/** Revoke one token, with a required reason. Immediate and final. */
export function RevokeDialog({ tokenId, tokenName, size = "sm", variant = "outline" }: { tokenId: string; tokenName: string } & Pick<ButtonProps, "size" | "variant">) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, form) => {
    const next = await revokeTokenAction(prev, form);
    if (next.ok) setOpen(false);
    return next;
  }, {});
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size={size} variant={variant} aria-label={`Revoke ${tokenName}`}>
          Revoke
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Revoke “{tokenName}”?</DialogTitle>
          <DialogDescription>It stops working on the very next call, and cannot be undone.</DialogDescription>
        </DialogHeader>
        <form action={action} className="grid gap-4" noValidate>
          <ActionError message={state.fieldErrors ? undefined : state.error} />
          <input type="hidden" name="tokenId" value={tokenId} />
          <Field label="Reason" htmlFor={`revoke-reason-${tokenId}`} required description="Kept with the token and in the audit log." error={state.fieldErrors?.reason}>
            <Textarea name="reason" required maxLength={500} defaultValue={state.values?.reason} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <SubmitButton variant="destructive" pendingText="Revoking…">
              Revoke token
            </SubmitButton>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
