"use client";

import { useActionState, useId } from "react";
import { overrideToolClassAction } from "@/app/actions/servers";
import { SubmitButton } from "@/components/submit-button";
import { NativeSelect } from "@/components/ui/select";
import type { ActionState } from "@/lib/validation/action-state";

/** Sets (or removes) an admin's class override for one tool; audited as tool.class_overridden. */
export function ToolClassForm({ serverId, tool, current, canReset }: { serverId: string; tool: string; current: string; canReset: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(overrideToolClassAction, {});
  const id = useId();
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="serverId" value={serverId} />
      <input type="hidden" name="tool" value={tool} />
      <label htmlFor={id} className="sr-only">
        Class of {tool}
      </label>
      <NativeSelect id={id} name="accessClass" defaultValue={current} className="w-44">
        <option value="reported" disabled={!canReset}>
          As reported
        </option>
        <option value="read">Read</option>
        <option value="write">Write</option>
      </NativeSelect>
      <SubmitButton size="sm" variant="outline" pendingText="Saving…" aria-label={`Save class of ${tool}`}>
        Save
      </SubmitButton>
      {state.error && (
        <p role="alert" className="text-xs text-destructive">
          {state.error}
        </p>
      )}
    </form>
  );
}
