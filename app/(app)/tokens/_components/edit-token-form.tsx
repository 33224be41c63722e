"use client";

import { ActionForm } from "@/components/action-form";
import { useActionState, useState } from "react";
import { updateTokenAction } from "@/app/actions/tokens";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { ActionState } from "@/lib/validation/action-state";
import { ActionError, formError } from "@/components/action-error";
import { AudienceFields } from "./audience-fields";
import { ScopeFields } from "./scope-fields";

type Props = {
  token: { id: string; name: string; scope: "read" | "write"; allServers: boolean; serverIds: string[] };
  /** Servers that may be chosen: all active ones for an all-servers token, else only its current ones. */
  servers: { id: string; slug: string; name: string }[];
};

/** Rename, and narrow scope or servers. Widening is not offered: it means a new token. */
export function EditTokenForm({ token, servers }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(updateTokenAction, {});
  // Write → read cannot be undone (scopes only narrow), so it is confirmed before it is sent.
  const [narrowing, setNarrowing] = useState<(() => void) | null>(null);
  const confirmNarrowing = (form: FormData, submit: () => void) => {
    if (token.scope === "write" && form.get("scope") === "read") setNarrowing(() => submit);
    else submit();
  };
  return (
    <ActionForm action={action} confirm={confirmNarrowing} className="grid gap-5" noValidate>
      <AlertDialog open={narrowing !== null} onOpenChange={(open) => !open && setNarrowing(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Make “{token.name}” read-only?</AlertDialogTitle>
            <AlertDialogDescription>
              From its next call it can no longer use tools that change data. This cannot be undone: a read token never becomes write
              again, so you would have to issue a new token.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep write</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => {
                narrowing?.();
                setNarrowing(null);
              }}
            >
              Make read-only
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
      <ActionError message={formError(state, ["name", "scope", "servers"])} />
      {state.ok && (
        <Alert variant="success">
          <AlertDescription>Saved.</AlertDescription>
        </Alert>
      )}
      <input type="hidden" name="tokenId" value={token.id} />
      <Field label="Name" htmlFor="edit-name" required error={state.fieldErrors?.name}>
        <Input name="name" required defaultValue={token.name} />
      </Field>
      <ScopeFields
        defaultValue={token.scope}
        writeAllowed={token.scope === "write"}
        writeNote="A read token cannot become write; issue a new token instead."
        error={state.fieldErrors?.scope}
      />
      <AudienceFields servers={servers} initial={{ all: token.allServers, serverIds: token.serverIds }} allowAll={token.allServers} error={state.fieldErrors?.servers} />
      <p className="text-[13px] text-muted-foreground">Scope and servers can only be narrowed. To widen them, issue a new token.</p>
      <div>
        <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
      </div>
    </ActionForm>
  );
}
