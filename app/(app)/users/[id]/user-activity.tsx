import Link from "next/link";
import { EventType } from "@/components/audit/event-type";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { TimeText } from "@/components/time-text";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/lib/audit/queries";
import { auditHref } from "@/lib/validation/audit";

/** The newest audit events by or about a user; the audit log, filtered to them, has the rest. */
export function UserActivity({ events, userEmail }: { events: AuditRow[]; userEmail: string }) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">Recent activity</CardTitle>
          <CardDescription>What they did, and what was done to their account and tokens.</CardDescription>
        </div>
        <Button asChild variant="outline" size="sm">
          <Link href={auditHref({ user: userEmail })}>All activity in the audit log</Link>
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
                <TableHead className="max-sm:hidden">By</TableHead>
                <TableHead>Token</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.seq}>
                  <TableCell className="text-muted-foreground">
                    <TimeText value={e.ts} />
                  </TableCell>
                  {/* The event and its outcome share a cell, as on the token page, so a phone shows both. */}
                  <TableCell>
                    <div className="grid justify-items-start gap-1">
                      <EventType type={e.type} className="font-mono text-xs" />
                      <AuditOutcomeBadge type={e.type} decision={e.decision} reason={e.reason} />
                    </div>
                  </TableCell>
                  <TableCell className="max-sm:hidden">{e.actorName ?? e.actorType}</TableCell>
                  <TableCell className="[overflow-wrap:anywhere]">
                    {e.tokenId ? (
                      <Link href={`/tokens/${e.tokenId}`} className="hover:underline">
                        {e.tokenName ?? e.tokenId}
                      </Link>
                    ) : (
                      <span className="text-muted-foreground">—</span>
                    )}
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
