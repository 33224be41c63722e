"use client";

import { ActionForm } from "@/components/action-form";
import * as React from "react";
import { useActionState } from "react";
import { UserPlusIcon } from "lucide-react";
import { inviteUserAction, type IssuedLink } from "@/app/actions/users";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import type { ActionState } from "@/lib/validation/action-state";
import { CopiedThenDone } from "@/components/copied-then-done";
import { IssuedLinkPanel } from "./issued-link";

function InviteForm({ onInvited }: { onInvited: (issued: IssuedLink) => void }) {
  const [state, action] = useActionState<ActionState<IssuedLink>, FormData>(inviteUserAction, {});
  React.useEffect(() => {
    if (state.ok) onInvited(state.ok);
  }, [state.ok, onInvited]);
  const errors = state.fieldErrors ?? {};
  return (
    <ActionForm action={action} className="grid gap-4" noValidate>
      {state.error && !errors.email && !errors.name && !errors.role && (
        <Alert variant="destructive">
          <AlertDescription>{state.error}</AlertDescription>
        </Alert>
      )}
      <Field label="Email" htmlFor="invite-email" error={errors.email} required>
        <Input name="email" type="email" autoComplete="off" required defaultValue={state.values?.email} autoFocus />
      </Field>
      <Field label="Name" htmlFor="invite-name" error={errors.name} required>
        <Input name="name" autoComplete="off" required maxLength={100} defaultValue={state.values?.name} />
      </Field>
      <Field
        label="Role"
        htmlFor="invite-role"
        error={errors.role}
        description="Admins manage every token, server and user. Users manage only their own tokens."
      >
        <NativeSelect name="role" defaultValue={state.values?.role ?? "user"}>
          <option value="user">User</option>
          <option value="admin">Admin</option>
        </NativeSelect>
      </Field>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <SubmitButton pendingText="Inviting…">Invite</SubmitButton>
      </DialogFooter>
    </ActionForm>
  );
}

/** "Invite user": a form, then the one-time set-password link to pass on. */
export function InviteUserDialog() {
  const [open, setOpen] = React.useState(false);
  const [issued, setIssued] = React.useState<IssuedLink | null>(null);
  // A fresh form (and no old link) each time the dialog opens.
  const [round, setRound] = React.useState(0);
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      setIssued(null);
      setRound((r) => r + 1);
    }
  }
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlusIcon aria-hidden="true" />
          Invite user
        </Button>
      </DialogTrigger>
      <DialogContent holdsSecret={issued !== null}>
        <DialogHeader>
          <DialogTitle>{issued ? "User invited" : "Invite a user"}</DialogTitle>
          <DialogDescription>
            {issued
              ? "Pass this link on to them. With it they choose a password and sign in."
              : "Gatehouse creates the account and gives you a one-time link, valid for 7 days, with which they set a password."}
          </DialogDescription>
        </DialogHeader>
        {issued ? (
          <>
            <IssuedLinkPanel issued={issued} />
            <CopiedThenDone onDone={() => setOpen(false)} what="the link" />
          </>
        ) : (
          <InviteForm key={round} onInvited={setIssued} />
        )}
      </DialogContent>
    </Dialog>
  );
}
