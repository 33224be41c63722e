"use client";

import { setServerStatusAction } from "@/app/actions/servers";
import { ConfirmAction } from "../confirm-action";

export function ServerStatusButton({ serverId, status, name }: { serverId: string; status: "active" | "disabled"; name: string }) {
  const disabling = status === "active";
  const verb = disabling ? "Disable" : "Enable";
  return (
    <ConfirmAction
      triggerLabel={`${verb} server`}
      title={`${verb} ${name}?`}
      description={
        disabling
          ? "Gatehouse will refuse this server's credentials at once, so every call through it fails until you enable it again."
          : "Its working credentials will be accepted again."
      }
      confirmLabel={`${verb} server`}
      pendingText={disabling ? "Disabling…" : "Enabling…"}
      destructive={disabling}
      fields={{ serverId, status: disabling ? "disabled" : "active" }}
      notice={disabling ? `${name} is disabled: its calls are refused.` : `${name} is enabled again.`}
      action={setServerStatusAction}
    />
  );
}
