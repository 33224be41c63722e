"use client";

import { ActionForm } from "@/components/action-form";
import { useActionState, useId } from "react";
import { overrideToolClassAction } from "@/app/actions/servers";
import { SubmitButton } from "@/components/submit-button";
import { NativeSelect } from "@/components/ui/select";
import { useNotice } from "@/components/notice";
import type { ActionState } from "@/lib/validation/action-state";

function toolClassNotice(tool: string, accessClass: string): string {
  if (accessClass === "read") return `${tool} is now Read: read tokens may call it from their next call.`;
  if (accessClass === "write") return `${tool} is now Write: read tokens are refused it from their next call.`;
  return `${tool} is back to the class its server reports.`;
}

/** Sets (or removes) an admin's class override for one tool; audited as tool.class_overridden. */
export function ToolClassForm({ serverId, tool, current, canReset }: { serverId: string; tool: string; current: string; canReset: boolean }) {
  const notify = useNotice();
  const [state, action] = useActionState<ActionState, FormData>(async (prev, form) => {
    const result = await overrideToolClassAction(prev, form);
    if (result.ok) notify(toolClassNotice(tool, String(form.get("accessClass"))));
    return result;
  }, {});
  const id = useId();
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="serverId" value={serverId} />
      <input type="hidden" name="tool" value={tool} />
      <label htmlFor={id} className="sr-only">
        Class of {tool}
      </label>
      <NativeSelect id={id} name="accessClass" defaultValue={current} className="w-[8.5rem] sm:w-40">
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
    </ActionForm>
  );
}
