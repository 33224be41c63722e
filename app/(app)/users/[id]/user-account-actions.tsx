"use client";

import { ChevronDownIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useUserActions, type UserRowData } from "../user-actions";

/** The users list's row actions (role, set-password link, disable or enable), on the user's own page. */
export function UserAccountActions({ user, isMe }: { user: UserRowData; isMe: boolean }) {
  // Their Sessions card, on the same page, ends sessions: the menu does not offer it twice.
  const { pending, error, menu, dialogs } = useUserActions(user, isMe, { signOut: false });
  return (
    <>
      {menu(
        <Button variant="outline" disabled={pending} aria-busy={pending || undefined} aria-describedby={error ? "user-account-error" : undefined}>
          Manage account <ChevronDownIcon aria-hidden="true" />
        </Button>,
      )}
      {error && (
        <Alert variant="destructive" id="user-account-error" className="basis-full sm:max-w-sm">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      )}
      {dialogs}
    </>
  );
}
