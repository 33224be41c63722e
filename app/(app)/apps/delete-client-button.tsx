"use client";

import { deleteClientAction } from "@/app/actions/oauth";
import { ConfirmAction } from "../servers/confirm-action";

export function DeleteClientButton({ clientId, name, liveGrants }: { clientId: string; name: string; liveGrants: number }) {
  return (
    <ConfirmAction
      triggerLabel="Delete"
      title={`Delete ${name}?`}
      description={
        liveGrants > 0
          ? `Its ${liveGrants === 1 ? "grant ends" : `${liveGrants} grants end`} now, with every token issued under ${liveGrants === 1 ? "it" : "them"}. The app has to register again, and each person has to allow it again.`
          : "It has to register again before anyone can allow it."
      }
      confirmLabel="Delete app"
      pendingText="Deleting…"
      destructive
      fields={{ client: clientId }}
      notice={`${name} is deleted.`}
      action={deleteClientAction}
    />
  );
}
