import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentEvent } from "@/lib/audit/recent";
import { formatDateTime } from "@/lib/time/format";

/** The newest audit events about this token: changes and verification calls. */
export function RecentEvents({ events }: { events: RecentEvent[] }) {
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Recent audit events</CardTitle>
        <CardDescription>The latest {events.length || ""} events about this token.</CardDescription>
      </CardHeader>
      <CardContent>
        {events.length === 0 ? (
          <p className="text-sm text-muted-foreground">No events yet.</p>
        ) : (
          <Table aria-label="Recent audit events">
            <TableHeader>
              <TableRow>
                <TableHead>When</TableHead>
                <TableHead>Event</TableHead>
                <TableHead>By</TableHead>
                <TableHead>Outcome</TableHead>
                <TableHead>Details</TableHead>
                <TableHead>Address</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.id}>
                  <TableCell className="whitespace-nowrap">{formatDateTime(e.ts)}</TableCell>
                  <TableCell className="font-mono text-xs">{e.type}</TableCell>
                  <TableCell>
                    {e.actorName ?? e.actorType}
                    {e.actorType === "server" && <span className="text-muted-foreground"> (server)</span>}
                  </TableCell>
                  <TableCell>
                    <AuditOutcomeBadge type={e.type} decision={e.decision} />
                  </TableCell>
                  <TableCell className="max-w-72 text-muted-foreground">{[e.method, e.tool, e.reason?.replaceAll("_", " ")].filter(Boolean).join(" · ") || "—"}</TableCell>
                  <TableCell className="font-mono text-xs">{e.clientIp ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
