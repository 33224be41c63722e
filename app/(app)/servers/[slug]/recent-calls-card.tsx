import Link from "next/link";
import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { reasonLabel } from "@/lib/audit/outcome";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentCall } from "@/lib/servers/queries";
import { TimeText } from "@/components/time-text";

/** The event in the audit log, listed among this server's events from it on, its details open. */
function eventHref(serverSlug: string, call: RecentCall): string {
  return `/audit?${new URLSearchParams({ server: serverSlug, before: String(call.seq + 1), event: String(call.seq) })}`;
}

export function RecentCallsCard({ calls, serverSlug }: { calls: RecentCall[]; serverSlug: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent calls</CardTitle>
        <CardDescription>The latest verification decisions for this server, newest first. Open one to see it in the audit log.</CardDescription>
      </CardHeader>
      <CardContent>
        {calls.length === 0 ? (
          <p className="text-sm text-muted-foreground">No calls yet. They appear here as soon as the server verifies a token.</p>
        ) : (
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Decision</TableHead>
                  <TableHead className="max-sm:hidden">User</TableHead>
                  <TableHead className="max-sm:hidden">Method</TableHead>
                  <TableHead>Tool</TableHead>
                  <TableHead className="max-sm:hidden">Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {calls.map((c) => (
                  // The time links to the event; its ::after covers the row, so the whole row opens it.
                  <TableRow key={c.id} className="relative hover:bg-muted/50 has-[a:focus-visible]:bg-muted/50">
                    <TableCell className="text-xs">
                      <Link
                        href={eventHref(serverSlug, c)}
                        className="text-primary underline-offset-4 outline-none after:absolute after:inset-0 hover:underline focus-visible:underline"
                      >
                        <TimeText value={c.ts} />
                        <span className="sr-only"> (event {c.seq} in the audit log)</span>
                      </Link>
                    </TableCell>
                    <TableCell>
                      <AuditOutcomeBadge type={c.type} decision={c.decision} reason={c.reason} />
                      {/* On a phone the reason column is hidden: the reason shows under the decision. */}
                      {c.reason && <div className="mt-1 text-xs text-muted-foreground sm:hidden">{reasonLabel(c.reason)}</div>}
                    </TableCell>
                    <TableCell className="text-xs [overflow-wrap:anywhere] max-sm:hidden">{c.userEmail ?? <span className="text-muted-foreground">—</span>}</TableCell>
                    <TableCell className="font-mono text-xs max-sm:hidden">{c.method ?? "—"}</TableCell>
                    <TableCell className="font-mono text-xs [overflow-wrap:anywhere]">
                      {c.tool ?? "—"}
                      {c.toolClass && <span className="ml-1.5 font-sans text-muted-foreground">({c.toolClass})</span>}
                    </TableCell>
                    <TableCell className="text-xs max-sm:hidden">{reasonLabel(c.reason) ?? "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
