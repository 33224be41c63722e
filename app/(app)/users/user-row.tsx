"use client";

import * as React from "react";
import { useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { MoreHorizontalIcon, LinkIcon, LogOutIcon, ShieldIcon, UserIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { changeRoleAction, reinviteUserAction, setUserStatusAction, signOutUserEverywhereAction, type IssuedLink } from "@/app/actions/users";
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
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useNotice } from "@/components/notice";
import { TimeText } from "@/components/time-text";
import { TableCell, TableRow } from "@/components/ui/table";
import type { ActionState } from "@/lib/validation/action-state";
import { CopiedThenDone } from "@/components/copied-then-done";
import { AccountStateBadge, RoleBadge } from "./account-state-badge";
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

function signInMethods(user: UserRowData): string {
  if (user.kind === "service") return "Cannot sign in";
  const methods = [user.hasPassword && "Password", user.hasSso && "Single sign-on"].filter(Boolean);
  return methods.length ? methods.join(", ") : "Link not used yet";
}

function roleChangeTitle(user: UserRowData, to: "admin" | "user", isMe: boolean): string {
  if (to === "admin") return `Make ${user.name} an admin?`;
  return isMe ? "Remove your own admin role?" : `Make ${user.name} a regular user?`;
}

function roleChangeConsequence(to: "admin" | "user", isMe: boolean): string {
  if (to === "admin") return "They will be able to issue and revoke anyone’s tokens, register servers, read the audit log and manage users, you included.";
  if (isMe) return "You will lose admin access at once: Tokens, Servers, Users and Audit close to you, and only another admin can give the role back. Your own tokens keep working.";
  return "They keep their own tokens, but can no longer manage other people’s tokens, servers or users.";
}

/** One user in the admin list, with its actions; a refused change shows under the row. */
export function UserRow({ user, isMe }: { user: UserRowData; isMe: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = React.useState<string | null>(null);
  const [confirmDisable, setConfirmDisable] = React.useState(false);
  const [confirmRole, setConfirmRole] = React.useState(false);
  const [issued, setIssued] = React.useState<IssuedLink | null>(null);
  const notify = useNotice();
  const otherRole = user.role === "admin" ? "user" : "admin";
  const router = useRouter();

  function signOutEverywhere() {
    setError(null);
    startTransition(async () => {
      const result = await signOutUserEverywhereAction({ userId: user.id });
      if (!result.ok) return setError(result.error ?? "Could not sign out.");
      const n = result.ok.sessions;
      notify(`${user.name} is signed out everywhere (${n} ${n === 1 ? "session" : "sessions"} ended).`);
    });
  }

  /** Runs a change; says what happened when it went through, or shows the refusal under the row. */
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
      // The users page is for admins: stay and it would answer 403.
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

  const errorId = `user-${user.id}-error`;
  return (
    <>
      <TableRow data-user={user.email} aria-describedby={error ? errorId : undefined} aria-busy={pending || undefined}>
        <TableCell>
          <div className="flex items-center gap-2 font-medium">
            <Link href={`/users/${user.id}`} className="hover:underline">
              {user.name}
            </Link>
            {isMe && <Badge variant="outline">You</Badge>}
          </div>
          {/* Cut on phones so the row's actions stay in view; the full address is on hover. */}
          <div className="max-w-28 truncate text-[13px] text-muted-foreground sm:max-w-none" title={user.email}>
            {user.email}
          </div>
        </TableCell>
        <TableCell>
          <RoleBadge role={user.role} />
        </TableCell>
        <TableCell>
          <AccountStateBadge user={user} />
        </TableCell>
        <TableCell className="hidden text-muted-foreground lg:table-cell">{signInMethods(user)}</TableCell>
        <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
          <TimeText value={user.lastSignInAt} fallback="Never" />
        </TableCell>
        <TableCell className="text-right">
          <DropdownMenu modal={false}>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label={`Actions for ${user.email}`} disabled={pending}>
                <MoreHorizontalIcon aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
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
              {user.status === "active" && user.kind === "person" && (
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
        </TableCell>
      </TableRow>
      {error && (
        <TableRow className="hover:bg-transparent">
          <TableCell colSpan={6} className="pt-0">
            <Alert variant="destructive" id={errorId}>
              <AlertDescription>
                {user.email}: {error}
              </AlertDescription>
            </Alert>
          </TableCell>
        </TableRow>
      )}

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
              onClick={() =>
                run(() => setUserStatusAction({ userId: user.id, status: "disabled" }), `${user.name} is disabled and signed out everywhere.`)
              }
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
            <DialogDescription>
              Any earlier link for {user.email} no longer works. With this one they choose a new password.
            </DialogDescription>
          </DialogHeader>
          {issued && <IssuedLinkPanel issued={issued} />}
          <CopiedThenDone onDone={() => setIssued(null)} what="the link" />
        </DialogContent>
      </Dialog>
    </>
  );
}
