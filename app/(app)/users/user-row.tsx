"use client";

import Link from "next/link";
import { MoreHorizontalIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { TimeText } from "@/components/time-text";
import { TableCell, TableRow } from "@/components/ui/table";
import { AccountStateBadge, RoleBadge } from "./account-state-badge";
import { useUserActions, type UserRowData } from "./user-actions";

export type { UserRowData } from "./user-actions";

function signInMethods(user: UserRowData): string {
  if (user.kind === "service") return "Cannot sign in";
  const methods = [user.hasPassword && "Password", user.hasSso && "Single sign-on"].filter(Boolean);
  return methods.length ? methods.join(", ") : "Link not used yet";
}

/** One user in the admin list, with its actions; a refused change shows under the row. */
export function UserRow({ user, isMe }: { user: UserRowData; isMe: boolean }) {
  const { pending, error, menu, dialogs } = useUserActions(user, isMe);
  const errorId = `user-${user.id}-error`;
  return (
    <>
      <TableRow data-user={user.email} aria-describedby={error ? errorId : undefined} aria-busy={pending || undefined}>
        <TableCell>
          <div className="flex items-center gap-2 font-medium">
            <Link href={`/users/${user.id}`} className="[overflow-wrap:anywhere] hover:underline">
              {user.name}
            </Link>
            {isMe && <Badge variant="outline">You</Badge>}
          </div>
          {/* Cut on phones so the row's actions stay in view; the full address is on hover. */}
          <div className="max-w-24 truncate text-[13px] text-muted-foreground sm:max-w-none" title={user.email}>
            {user.email}
          </div>
          {/* On phones the role sits here, so the row's status and actions stay in view. */}
          <div className="pt-1 sm:hidden">
            <RoleBadge role={user.role} />
          </div>
        </TableCell>
        <TableCell className="max-sm:hidden">
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
          {menu(
            <Button variant="ghost" size="icon" aria-label={`Actions for ${user.email}`} disabled={pending}>
              <MoreHorizontalIcon aria-hidden="true" />
            </Button>,
          )}
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
      {dialogs}
    </>
  );
}
