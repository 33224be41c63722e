"use client";

import { setServerStatusAction } from "@/app/actions/servers";
import { ConfirmAction } from "../confirm-action";

export function ServerStatusButton({ serverId, status, name }: { serverId: string; status: "active" | "disabled"; name: string }) {
  return status === "active" ? (
    <ConfirmAction
      triggerLabel="Disable server"
      title={`Disable ${name}?`}
      description="Gatehouse will refuse this server's credentials at once, so every call through it fails until you enable it again."
      confirmLabel="Disable server"
      pendingText="Disabling…"
      destructive
      fields={{ serverId, status: "disabled" }}
      action={setServerStatusAction}
    />
  ) : (
    <ConfirmAction
      triggerLabel="Enable server"
      title={`Enable ${name}?`}
      description="Its working credentials will be accepted again."
      confirmLabel="Enable server"
      pendingText="Enabling…"
      fields={{ serverId, status: "active" }}
      action={setServerStatusAction}
    />
  );
}
