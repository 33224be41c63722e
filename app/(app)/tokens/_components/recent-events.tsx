import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { reasonLabel } from "@/lib/audit/outcome";
import { TimeText } from "@/components/time-text";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentEvent } from "@/lib/audit/recent";
import { counted } from "@/lib/text/counted";

/** The newest audit events about this token: changes and verification calls. */
export function RecentEvents({ events }: { events: RecentEvent[] }) {
  return (
    <Card className="mt-6">
      <CardHeader>
        <CardTitle>Recent audit events</CardTitle>
        <CardDescription>{events.length === 0 ? "Events about this token." : `The latest ${counted(events.length, "event", "events")} about this token.`}</CardDescription>
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
                  <TableCell>
                    <TimeText value={e.ts} />
                  </TableCell>
                  <TableCell className="font-mono text-xs">{e.type}</TableCell>
                  <TableCell>
                    {e.actorName ?? e.actorType}
                    {e.actorType === "server" && <span className="text-muted-foreground"> (server)</span>}
                  </TableCell>
                  <TableCell>
                    <AuditOutcomeBadge type={e.type} decision={e.decision} reason={e.reason} />
                  </TableCell>
                  <TableCell className="max-w-72 text-muted-foreground">{[e.method, e.tool, reasonLabel(e.reason)].filter(Boolean).join(" · ") || "—"}</TableCell>
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
