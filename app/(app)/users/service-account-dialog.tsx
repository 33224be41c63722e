"use client";

import * as React from "react";
import { useActionState } from "react";
import { BotIcon } from "lucide-react";
import { createServiceAccountAction } from "@/app/actions/users";
import { ActionError } from "@/components/action-error";
import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";

function ServiceAccountForm() {
  const [state, action] = useActionState<ActionState<{ email: string }>, FormData>(createServiceAccountAction, {});
  if (state.ok) {
    return (
      <>
        <Alert variant="success">
          <AlertTitle>Service account created</AlertTitle>
          <AlertDescription>
            {state.ok.email} cannot sign in. Issue its tokens under Tokens → Issue token: their secrets are shown to you once.
          </AlertDescription>
        </Alert>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button">Done</Button>
          </DialogClose>
        </DialogFooter>
      </>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <ActionForm action={action} className="grid gap-4" noValidate>
      <ActionError message={errors.email || errors.name ? undefined : state.error} />
      <Field label="Email" htmlFor="service-email" error={errors.email} required description="An address that names it, e.g. ci-bot@example.com. Nobody signs in with it.">
        <Input name="email" type="email" autoComplete="off" required autoFocus />
      </Field>
      <Field label="Name" htmlFor="service-name" error={errors.name} required>
        <Input name="name" autoComplete="off" required maxLength={100} />
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pendingText="Creating…">Create service account</SubmitButton>
      </DialogFooter>
    </ActionForm>
  );
}

/** "New service account": a user for a program, with no password, no link and no sessions. */
export function ServiceAccountDialog() {
  const [open, setOpen] = React.useState(false);
  // A fresh form each time the dialog opens.
  const [round, setRound] = React.useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setRound((r) => r + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <BotIcon aria-hidden="true" />
          New service account
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New service account</DialogTitle>
          <DialogDescription>For a program (CI, a bot) rather than a person. It never signs in; you see its tokens&apos; secrets when you issue or rotate them.</DialogDescription>
        </DialogHeader>
        <ServiceAccountForm key={round} />
      </DialogContent>
    </Dialog>
  );
}
