"use client";

import * as React from "react";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { LinkIcon, LogOutIcon, ShieldIcon, UserIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { changeRoleAction, reinviteUserAction, setUserStatusAction, signOutUserEverywhereAction, type IssuedLink } from "@/app/actions/users";
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
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useNotice } from "@/components/notice";
import type { ActionState } from "@/lib/validation/action-state";
import { CopiedThenDone } from "@/components/copied-then-done";
import { IssuedLinkPanel } from "./issued-link";

export type UserRowData = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
  status: "active" | "disabled";
  kind: "person" | "service";
  hasPassword: boolean;
  hasSso: boolean;
  lastSignInAt: string | null;
};

function roleChangeTitle(user: UserRowData, to: "admin" | "user", isMe: boolean): string {
  if (to === "admin") return `Make ${user.name} an admin?`;
  return isMe ? "Remove your own admin role?" : `Make ${user.name} a regular user?`;
}

function roleChangeConsequence(to: "admin" | "user", isMe: boolean): string {
  if (to === "admin") return "They will be able to issue and revoke anyone’s tokens, register servers, read the audit log and manage users, you included.";
  if (isMe) return "You will lose admin access at once: Tokens, Servers, Users and Audit close to you, and only another admin can give the role back. Your own tokens keep working.";
  return "They keep their own tokens, but can no longer manage other people’s tokens, servers or users.";
}

export type UserActions = {
  pending: boolean;
  /** Why the last change was refused, to show next to the trigger; null when none was. */
  error: string | null;
  /** The actions menu, opened by `trigger` (a button). */
  menu: (trigger: React.ReactNode) => React.ReactNode;
  /** The confirmations and the new-link dialog the menu opens; render once, anywhere. */
  dialogs: React.ReactNode;
};

/**
 * A user's admin actions (role, set-password link, sign-out everywhere, disable or enable), each
 * confirmed where it matters and announced when done; the users list and a user's page share them.
 * `signOut: false` leaves out "Sign out everywhere" where the page has its own (a user's Sessions card).
 */
export function useUserActions(user: UserRowData, isMe: boolean, { signOut = true }: { signOut?: boolean } = {}): UserActions {
  const [pending, startTransition] = useTransition();
  const [error, setRefusal] = React.useState<string | null>(null);
  const router = useRouter();
  // A refusal often means the page is out of date (someone else changed the account): show it as it is now.
  const setError = (message: string | null) => {
    setRefusal(message);
    if (message !== null) router.refresh();
  };
  const [confirmDisable, setConfirmDisable] = React.useState(false);
  const [confirmRole, setConfirmRole] = React.useState(false);
  const [issued, setIssued] = React.useState<IssuedLink | null>(null);
  const notify = useNotice();
  const otherRole = user.role === "admin" ? "user" : "admin";

  function signOutEverywhere() {
    setError(null);
    startTransition(async () => {
      const result = await signOutUserEverywhereAction({ userId: user.id });
      if (!result.ok) return setError(result.error ?? "Could not sign out.");
      const n = result.ok.sessions;
      notify(`${user.name} is signed out everywhere (${n} ${n === 1 ? "session" : "sessions"} ended).`);
    });
  }

  /** Runs a change; says what happened when it went through, or keeps the refusal to show. */
  function run(change: () => Promise<ActionState<unknown>>, done: string, after?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await change();
      if (result.error) return setError(result.error);
      notify(done);
      after?.();
    });
  }

  function changeRole() {
    const demotingMe = isMe && otherRole === "user";
    run(
      () => changeRoleAction({ userId: user.id, role: otherRole }),
      demotingMe ? "You are no longer an admin." : `${user.name} is now ${otherRole === "admin" ? "an admin" : "a regular user"}.`,
      // The users pages are for admins: stay and they would answer 403.
      demotingMe ? () => router.replace("/my-tokens") : undefined,
    );
  }

  function reissueLink() {
    setError(null);
    startTransition(async () => {
      const result = await reinviteUserAction({ userId: user.id });
      if (result.ok) setIssued(result.ok);
      else setError(result.error ?? "Could not issue a link.");
    });
  }

  const menu = (trigger: React.ReactNode) => (
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger asChild>{trigger}</DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        {user.kind === "person" && (
          <DropdownMenuItem onSelect={() => setConfirmRole(true)}>
            {otherRole === "admin" ? <ShieldIcon aria-hidden="true" /> : <UserIcon aria-hidden="true" />}
            {otherRole === "admin" ? "Make admin…" : isMe ? "Remove my admin role…" : "Make regular user…"}
          </DropdownMenuItem>
        )}
        {user.status === "active" && user.kind === "person" && (
          <DropdownMenuItem onSelect={reissueLink}>
            <LinkIcon aria-hidden="true" />
            New set-password link
          </DropdownMenuItem>
        )}
        {signOut && user.status === "active" && user.kind === "person" && (
          <DropdownMenuItem onSelect={signOutEverywhere}>
            <LogOutIcon aria-hidden="true" />
            Sign out everywhere
          </DropdownMenuItem>
        )}
        <DropdownMenuSeparator />
        {user.status === "active" ? (
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirmDisable(true)}>
            <UserXIcon aria-hidden="true" />
            Disable…
          </DropdownMenuItem>
        ) : (
          <DropdownMenuItem onSelect={() => run(() => setUserStatusAction({ userId: user.id, status: "active" }), `${user.name} is enabled again.`)}>
            <UserCheckIcon aria-hidden="true" />
            Enable
          </DropdownMenuItem>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );

  const dialogs = (
    <>
      <AlertDialog open={confirmDisable} onOpenChange={setConfirmDisable}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Disable {user.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              {isMe ? "You will be signed out at once. " : `${user.email} is signed out at once. `}
              The account’s tokens stop working until it is enabled again.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              variant="destructive"
              onClick={() => run(() => setUserStatusAction({ userId: user.id, status: "disabled" }), `${user.name} is disabled and signed out everywhere.`)}
            >
              Disable
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <AlertDialog open={confirmRole} onOpenChange={setConfirmRole}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{roleChangeTitle(user, otherRole, isMe)}</AlertDialogTitle>
            <AlertDialogDescription>{roleChangeConsequence(otherRole, isMe)}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction variant={otherRole === "user" ? "destructive" : "default"} onClick={changeRole}>
              {otherRole === "admin" ? "Make admin" : isMe ? "Remove my admin role" : "Make regular user"}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <Dialog open={issued !== null} onOpenChange={(open) => !open && setIssued(null)}>
        <DialogContent holdsSecret>
          <DialogHeader>
            <DialogTitle>New set-password link</DialogTitle>
            <DialogDescription>Any earlier link for {user.email} no longer works. With this one they choose a new password.</DialogDescription>
          </DialogHeader>
          {issued && <IssuedLinkPanel issued={issued} />}
          <CopiedThenDone onDone={() => setIssued(null)} what="the link" />
        </DialogContent>
      </Dialog>
    </>
  );

  return { pending, error, menu, dialogs };
}
