"use client";

import { useRouter } from "next/navigation";
import { removeServerAction, restoreServerAction } from "@/app/actions/servers";
import type { Removal, ServerTies } from "@/lib/servers/ties";
import { counted } from "@/lib/text/counted";
import type { ActionState } from "@/lib/validation/action-state";
import { ConfirmAction } from "../confirm-action";

/** Why a server is archived rather than deleted, as the dialog says it. */
function archiveReasons(ties: ServerTies): string {
  const reasons = [
    ties.boundTokens > 0 && `${counted(ties.boundTokens, "token is", "tokens are")} bound to it`,
    ties.oauthGrants > 0 && `${counted(ties.oauthGrants, "OAuth app was", "OAuth apps were")} granted access to it`,
    ties.hasHistory && "its calls are in the audit log",
  ].filter((r): r is string => typeof r === "string");
  return reasons.length > 1 ? `${reasons.slice(0, -1).join(", ")} and ${reasons.at(-1)}` : (reasons[0] ?? "");
}

/**
 * Remove: the dialog says which of the two will happen (delete or archive), and the action is
 * refused, changing nothing, if that no longer holds when it runs.
 */
export function RemoveServerButton({ serverId, name, removal, ties }: { serverId: string; name: string; removal: Removal; ties: ServerTies }) {
  const router = useRouter();
  const action = async (_prev: ActionState, form: FormData): Promise<ActionState> => {
    const result = await removeServerAction({}, form);
    if (result.ok === "delete") router.push("/servers");
    return result.ok ? { ok: true } : { error: result.error, fieldErrors: result.fieldErrors };
  };
  const deleting = removal === "delete";
  return (
    <ConfirmAction
      triggerLabel="Remove server"
      title={deleting ? `Delete ${name}?` : `Archive ${name}?`}
      description={
        deleting
          ? "Nothing refers to it: no token is bound to it, no OAuth app was granted access, and it has never been called. It is deleted with its credentials and tool list; the events of its registration stay in the audit log. This cannot be undone."
          : `It is archived, not deleted, because ${archiveReasons(ties)}. Gatehouse refuses its credentials from its next call, it leaves the server list (Show archived finds it), and its history is kept. You can restore it.`
      }
      confirmLabel={deleting ? "Delete server" : "Archive server"}
      pendingText={deleting ? "Deleting…" : "Archiving…"}
      destructive
      fields={{ serverId, expected: removal }}
      notice={deleting ? `${name} is deleted.` : `${name} is archived: its calls are refused.`}
      action={action}
    />
  );
}

export function RestoreServerButton({ serverId, name }: { serverId: string; name: string }) {
  return (
    <ConfirmAction
      triggerLabel="Restore server"
      title={`Restore ${name}?`}
      description="Its working credentials are accepted again from its next call, and it returns to the server list as it was (a disabled server stays disabled)."
      confirmLabel="Restore server"
      pendingText="Restoring…"
      fields={{ serverId }}
      notice={`${name} is restored.`}
      action={restoreServerAction}
    />
  );
}
