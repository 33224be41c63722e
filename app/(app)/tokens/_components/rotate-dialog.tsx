"use client";

import { ActionForm } from "@/components/action-form";
import { GraceSelect } from "@/components/grace-select";
import { useActionState, useCallback, useEffect, useState } from "react";
import { CopiedThenDone } from "@/components/copied-then-done";
import { rotateTokenAction, type RotateOutcome } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError, formError } from "@/components/action-error";
import { formatDateTime } from "@/lib/time/format";
import { replacedNote } from "@/lib/tokens/grace";
import { useDialogState, type DialogControl } from "./dialog-state";
import { SecretReveal } from "./secret-reveal";

function RotateForm({ tokenId, onDone, onSecretShown }: { tokenId: string; onDone: () => void; onSecretShown: () => void }) {
  const [state, action] = useActionState<ActionState<RotateOutcome>, FormData>(rotateTokenAction, {});
  const secretShown = Boolean(state.ok?.revealed);
  useEffect(() => {
    if (secretShown) onSecretShown();
  }, [secretShown, onSecretShown]);
  if (state.ok) {
    return (
      <div className="grid gap-4">
        <p className="text-sm" role="status">
          {replacedNote("secret", state.ok.graceMs, state.ok.oldSecretValidUntil, formatDateTime) ?? "Rotated."}
        </p>
        {state.ok.revealed ? (
          <SecretReveal revealed={state.ok.revealed} />
        ) : (
          <Alert variant="success">
            <AlertTitle>Rotated</AlertTitle>
            <AlertDescription>
              {state.ok.claimBy.name} can claim the new secret on My tokens. Only they will ever see it.
            </AlertDescription>
          </Alert>
        )}
        {state.ok.revealed ? (
          <CopiedThenDone onDone={onDone} what="the new secret" />
        ) : (
          <DialogFooter>
            <Button onClick={onDone}>Done</Button>
          </DialogFooter>
        )}
      </div>
    );
  }
  return (
    <ActionForm action={action} className="grid gap-4" noValidate>
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
    </ActionForm>
  );
}

/**
 * Rotate a token: a new secret, shown once to its owner (or, for a service account, to the admin);
 * someone else's token waits for them to claim it. The old one works for the chosen grace period.
 */
export function RotateDialog({ tokenId, tokenName, available = true, ...control }: { tokenId: string; tokenName: string; available?: boolean } & DialogControl) {
  const { open, setOpen, controlled } = useDialogState(control);
  // Each opening starts a fresh form, so a secret shown earlier is never shown again.
  const [round, setRound] = useState(0);
  // Once the new secret is on screen, only "Done" (after "I have copied it") closes the dialog.
  const [holdsSecret, setHoldsSecret] = useState(false);
  const secretShown = useCallback(() => setHoldsSecret(true), []);
  // Rotating someone else's token makes it "ready" (not rotatable): an open dialog stays to say so.
  if (!available && !open) return null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setRound((r) => r + 1);
          setHoldsSecret(false);
        }
      }}
    >
      {!controlled && (
        <DialogTrigger asChild>
          <Button size="sm" variant="outline" aria-label={`Rotate ${tokenName}`}>
            Rotate
          </Button>
        </DialogTrigger>
      )}
      <DialogContent className="max-w-xl" holdsSecret={holdsSecret}>
        <DialogHeader>
          <DialogTitle>Rotate “{tokenName}”</DialogTitle>
          <DialogDescription>Same token, scope and servers, with a new secret.</DialogDescription>
        </DialogHeader>
        <RotateForm
          key={round}
          tokenId={tokenId}
          onSecretShown={secretShown}
          onDone={() => {
            setOpen(false);
            setRound((r) => r + 1);
            setHoldsSecret(false);
          }}
        />
      </DialogContent>
    </Dialog>
  );
}
