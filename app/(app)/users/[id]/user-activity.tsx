import Link from "next/link";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { TimeText } from "@/components/time-text";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";

/** The newest audit events by or about a user; the audit log, filtered to them, has the rest. */
export function UserActivity({ events, userEmail }: { events: AuditRow[]; userEmail: string }) {
  const auditHref = `/audit?user=${encodeURIComponent(userEmail)}`;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">Recent activity</CardTitle>
          <CardDescription>What they did, and what was done to their account and tokens.</CardDescription>
        </div>
        <Button asChild variant="outline" size="sm">
          <Link href={auditHref}>All activity in the audit log</Link>
        </Button>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">No events yet.</p>
        ) : (
          <Table aria-label="Recent activity">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Event</TableHead>
                <TableHead>By</TableHead>
                <TableHead>Token</TableHead>
                <TableHead>Outcome</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.seq}>
                  <TableCell className="whitespace-nowrap text-muted-foreground">
                    <TimeText value={e.ts} />
                  </TableCell>
                  <TableCell className="font-mono text-xs">{e.type}</TableCell>
                  <TableCell>{e.actorName ?? e.actorType}</TableCell>
                  <TableCell>
                    {e.tokenId ? (
                      <Link href={`/tokens/${e.tokenId}`} className="hover:underline">
                        {e.tokenName ?? e.tokenId}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                  <TableCell>
                    <AuditOutcomeBadge type={e.type} decision={e.decision} reason={e.reason} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
