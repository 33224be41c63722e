"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/submit-button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button, type ButtonProps } from "@/components/ui/button";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError } from "@/components/action-error";
import { useNotice } from "@/components/notice";

type Props = {
  triggerLabel: string;
  triggerVariant?: ButtonProps["variant"];
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingText: string;
  destructive?: boolean;
  fields: Record<string, string>;
  /** Said once the action went through (the notice every quiet change gets). */
  notice?: string;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
};

/** A button that asks for confirmation, then runs a server action; errors stay in the dialog. */
export function ConfirmAction({ triggerLabel, triggerVariant = "outline", title, description, confirmLabel, pendingText, destructive, fields, notice, action }: Props) {
  const [open, setOpen] = useState(false);
  const notify = useNotice();
  const [state, run] = useActionState<ActionState, FormData>(async (prev, form) => {
    const result = await action(prev, form);
    if (result.ok) {
      setOpen(false);
      if (notice) notify(notice);
    }
    return result;
  }, {});
  return (
    <AlertDialog open={open} onOpenChange={setOpen}>
      <AlertDialogTrigger asChild>
        <Button variant={triggerVariant} size="sm">
          {triggerLabel}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <form action={run} className="grid gap-4">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <AlertDialogHeader>
            <AlertDialogTitle>{title}</AlertDialogTitle>
            <AlertDialogDescription>{description}</AlertDialogDescription>
          </AlertDialogHeader>
          <ActionError message={state.error} />
          <AlertDialogFooter>
            <AlertDialogCancel type="button">Cancel</AlertDialogCancel>
            <SubmitButton variant={destructive ? "destructive" : "default"} pendingText={pendingText}>
              {confirmLabel}
            </SubmitButton>
          </AlertDialogFooter>
        </form>
      </AlertDialogContent>
    </AlertDialog>
  );
}
