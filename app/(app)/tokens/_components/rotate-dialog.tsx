"use client";

import { GraceSelect } from "@/components/grace-select";
import { useActionState, useState } from "react";
import { rotateTokenAction, type RotateOutcome } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError, formError } from "@/components/action-error";
import { formatDateTime } from "@/lib/time/format";
import { useDialogState, type DialogControl } from "./dialog-state";
import { SecretReveal } from "./secret-reveal";


function RotateForm({ tokenId, onDone }: { tokenId: string; onDone: () => void }) {
  const [state, action] = useActionState<ActionState<RotateOutcome>, FormData>(rotateTokenAction, {});
  if (state.ok) {
    return (
      <div className="grid gap-4">
        <p className="text-sm" role="status">
          {state.ok.oldSecretValidUntil ? `The old secret keeps working until ${formatDateTime(state.ok.oldSecretValidUntil)}.` : "Rotated."}
        </p>
        <SecretReveal revealed={state.ok} />
        <DialogFooter>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </div>
    );
  }
  return (
    <form action={action} className="grid gap-4" noValidate>
      <ActionError message={formError(state, ["grace"])} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <Field label="Grace period" htmlFor={`grace-${tokenId}`} description="How long the old secret keeps working, so clients can switch without downtime. Never past the token's expiry." error={state.fieldErrors?.grace}>
        <GraceSelect />
      </Field>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <SubmitButton pendingText="Rotating…">Rotate</SubmitButton>
      </DialogFooter>
    </form>
  );
}

/** Rotate a token: a new secret, shown once; the old one works for the chosen grace period. */
export function RotateDialog({ tokenId, tokenName, ...control }: { tokenId: string; tokenName: string } & DialogControl) {
  const { open, setOpen, controlled } = useDialogState(control);
  // Each opening starts a fresh form, so a secret shown earlier is never shown again.
  const [round, setRound] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setRound((r) => r + 1);
      }}
    >
      {!controlled && (
        <DialogTrigger asChild>
          <Button size="sm" variant="outline" aria-label={`Rotate ${tokenName}`}>
            Rotate
          </Button>
        </DialogTrigger>
      )}
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Rotate “{tokenName}”</DialogTitle>
          <DialogDescription>Same token, scope and servers, with a new secret.</DialogDescription>
        </DialogHeader>
        <RotateForm
          key={round}
          tokenId={tokenId}
          onDone={() => {
            setOpen(false);
            setRound((r) => r + 1);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
