import { Alert, AlertDescription } from "@/components/ui/alert";
import type { ActionState } from "@/lib/validation/action-state";

/**
 * The error to show above a form: the action's own message, or, when validation failed on
 * a field the form does not show (a hidden token id), that field's message.
 */
export function formError(state: ActionState<unknown>, inlineFields: string[]): string | undefined {
  if (!state.fieldErrors) return state.error;
  const hidden = Object.entries(state.fieldErrors).find(([field]) => !inlineFields.includes(field));
  return hidden?.[1];
}

export function ActionError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
