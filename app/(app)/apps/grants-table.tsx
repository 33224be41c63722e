import Link from "next/link";
import { disconnectAppAction } from "@/app/actions/oauth";
import { AccessBadge } from "@/components/access-badge";
import { SubmitButton } from "@/components/submit-button";
import { TimeText } from "@/components/time-text";
import { ClientOriginBadge } from "@/components/oauth-client-origin";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AdminGrant } from "@/lib/oauth/admin";

/**
 * Live OAuth grants for an admin: who allowed which app on which server, with what access.
 * Revoke ends the grant and every token under it at the next call. On a server's page the server
 * column goes; on phones the dates go and the access moves under the app.
 */
export function GrantsTable({ grants, showServer = true }: { grants: AdminGrant[]; showServer?: boolean }) {
  return (
    <div className="rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Person</TableHead>
            <TableHead>App</TableHead>
            {showServer && <TableHead className="hidden md:table-cell">Server</TableHead>}
            <TableHead className="hidden sm:table-cell">Access</TableHead>
            <TableHead className="hidden sm:table-cell">Allowed</TableHead>
            <TableHead className="hidden sm:table-cell">Last used</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {grants.map((g) => (
            <TableRow key={g.id} data-testid="grant-row">
              <TableCell className="max-w-48 break-words whitespace-normal">
                <Link href={`/users/${g.userId}`} className="font-medium underline-offset-4 hover:underline">
                  {g.userName}
                </Link>
                <div className="hidden text-xs text-muted-foreground break-all sm:block">{g.user}</div>
              </TableCell>
              <TableCell className="max-w-48 break-words whitespace-normal">
                <div className="font-medium">{g.client}</div>
                <div className="hidden sm:block">
                  <ClientOriginBadge domain={g.clientDomain} />
                </div>
                <div className="pt-1 sm:hidden">
                  <AccessBadge access={g.scope} />
                </div>
              </TableCell>
              {showServer && (
                <TableCell className="hidden md:table-cell">
                  <Link href={`/servers/${g.server}`} className="underline-offset-4 hover:underline">
                    {g.serverName}
                  </Link>
                </TableCell>
              )}
              <TableCell className="hidden sm:table-cell">
                <AccessBadge access={g.scope} />
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <TimeText value={g.createdAt} />
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <TimeText value={g.lastUsedAt} fallback="Never" />
              </TableCell>
              <TableCell className="text-right">
                <form action={disconnectAppAction}>
                  <input type="hidden" name="grant" value={g.id} />
                  <SubmitButton variant="outline" size="sm" pendingText="Revoking…" aria-label={`Revoke ${g.client} for ${g.userName}`}>
                    Revoke
                  </SubmitButton>
                </form>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
