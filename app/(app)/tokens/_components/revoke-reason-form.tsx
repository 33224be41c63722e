"use client";

import { ActionForm } from "@/components/action-form";
import { SubmitButton } from "@/components/submit-button";
import { Button } from "@/components/ui/button";
import { DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError, formError } from "@/components/action-error";

type Props = {
  action: (form: FormData) => void;
  state: ActionState<unknown>;
  /** Hidden inputs naming what is revoked. */
  children: React.ReactNode;
  fieldId: string;
  description?: string;
  submitLabel: string;
  onCancel: () => void;
};

/** The body of every revoke dialog: a required reason, Cancel, and the destructive confirm. */
export function RevokeReasonForm({ action, state, children, fieldId, description, submitLabel, onCancel }: Props) {
  return (
    <ActionForm action={action} className="grid gap-4" noValidate>
      <ActionError message={formError(state, ["reason"])} />
      {children}
      <Field label="Reason" htmlFor={fieldId} required description={description} error={state.fieldErrors?.reason}>
        <Textarea name="reason" required maxLength={500} defaultValue={state.values?.reason} />
      </Field>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <SubmitButton variant="destructive" pendingText="Revoking…">
          {submitLabel}
        </SubmitButton>
      </DialogFooter>
    </ActionForm>
  );
}
