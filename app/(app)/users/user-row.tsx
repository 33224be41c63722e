"use client";

import * as React from "react";
import { useTransition } from "react";
import { MoreHorizontalIcon, LinkIcon, ShieldIcon, UserIcon, UserCheckIcon, UserXIcon } from "lucide-react";
import { changeRoleAction, reinviteUserAction, setUserStatusAction, type IssuedLink } from "@/app/actions/users";
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
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
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
import { TimeText } from "@/components/time-text";
import { TableCell, TableRow } from "@/components/ui/table";
import type { ActionState } from "@/lib/validation/action-state";
import { IssuedLinkPanel } from "./issued-link";

export type UserRowData = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "user";
  status: "active" | "disabled";
  hasPassword: boolean;
  hasSso: boolean;
  lastSignInAt: string | null;
};

function StatusBadge({ user }: { user: UserRowData }) {
  if (user.status === "disabled") return <Badge variant="destructive">Disabled</Badge>;
  if (!user.hasPassword && !user.hasSso) return <Badge variant="warning">Invited</Badge>;
  return <Badge variant="success">Active</Badge>;
}

function signInMethods(user: UserRowData): string {
  const methods = [user.hasPassword && "Password", user.hasSso && "Single sign-on"].filter(Boolean);
  return methods.length ? methods.join(", ") : "Link not used yet";
}

/** One user in the admin list, with its actions; a refused change shows under the row. */
export function UserRow({ user, isMe }: { user: UserRowData; isMe: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = React.useState<string | null>(null);
  const [confirmDisable, setConfirmDisable] = React.useState(false);
  const [issued, setIssued] = React.useState<IssuedLink | null>(null);

  function run(change: () => Promise<ActionState<unknown>>) {
    setError(null);
    startTransition(async () => {
      const result = await change();
      if (result.error) setError(result.error);
    });
  }

  function reissueLink() {
    setError(null);
    startTransition(async () => {
      const result = await reinviteUserAction({ userId: user.id });
      if (result.ok) setIssued(result.ok);
      else setError(result.error ?? "Could not issue a link.");
    });
  }

  const otherRole = user.role === "admin" ? "user" : "admin";
  const errorId = `user-${user.id}-error`;
  return (
    <>
      <TableRow data-user={user.email} aria-describedby={error ? errorId : undefined} aria-busy={pending || undefined}>
        <TableCell>
          <div className="flex items-center gap-2 font-medium">
            {user.name}
            {isMe && <Badge variant="outline">You</Badge>}
          </div>
          {/* Cut on phones so the row's actions stay in view; the full address is on hover. */}
          <div className="max-w-28 truncate text-[13px] text-muted-foreground sm:max-w-none" title={user.email}>
            {user.email}
          </div>
        </TableCell>
        <TableCell>
          <Badge variant={user.role === "admin" ? "default" : "secondary"}>{user.role === "admin" ? "Admin" : "User"}</Badge>
        </TableCell>
        <TableCell>
          <StatusBadge user={user} />
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
              <DropdownMenuItem onSelect={() => run(() => changeRoleAction({ userId: user.id, role: otherRole }))}>
                {otherRole === "admin" ? <ShieldIcon aria-hidden="true" /> : <UserIcon aria-hidden="true" />}
                {otherRole === "admin" ? "Make admin" : "Make regular user"}
              </DropdownMenuItem>
              {user.status === "active" && (
                <DropdownMenuItem onSelect={reissueLink}>
                  <LinkIcon aria-hidden="true" />
                  New set-password link
                </DropdownMenuItem>
              )}
              <DropdownMenuSeparator />
              {user.status === "active" ? (
                <DropdownMenuItem variant="destructive" onSelect={() => setConfirmDisable(true)}>
                  <UserXIcon aria-hidden="true" />
                  Disable…
                </DropdownMenuItem>
              ) : (
                <DropdownMenuItem onSelect={() => run(() => setUserStatusAction({ userId: user.id, status: "active" }))}>
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
              onClick={() => run(() => setUserStatusAction({ userId: user.id, status: "disabled" }))}
            >
              Disable
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <Dialog open={issued !== null} onOpenChange={(open) => !open && setIssued(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New set-password link</DialogTitle>
            <DialogDescription>
              Any earlier link for {user.email} no longer works. With this one they choose a new password.
            </DialogDescription>
          </DialogHeader>
          {issued && <IssuedLinkPanel issued={issued} />}
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
