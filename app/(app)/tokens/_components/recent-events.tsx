import { EventType } from "@/components/audit/event-type";
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
                <TableHead className="max-sm:hidden">By</TableHead>
                <TableHead className="max-sm:hidden">Details</TableHead>
                <TableHead className="max-sm:hidden">Address</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {events.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>
                    <TimeText value={e.ts} />
                  </TableCell>
                  {/* The event and its outcome share a cell, so a phone shows both (the other columns are hidden there). */}
                  <TableCell>
                    <div className="grid justify-items-start gap-1">
                      <EventType type={e.type} className="font-mono text-xs" />
                      <AuditOutcomeBadge type={e.type} decision={e.decision} reason={e.reason} />
                    </div>
                  </TableCell>
                  <TableCell className="max-sm:hidden">
                    {e.actorName ?? e.actorType}
                    {e.actorType === "server" && <span className="text-muted-foreground"> (server)</span>}
                  </TableCell>
                  <TableCell className="max-w-72 text-muted-foreground max-sm:hidden">{[e.method, e.tool, reasonLabel(e.reason)].filter(Boolean).join(" · ") || "—"}</TableCell>
                  <TableCell className="font-mono text-xs max-sm:hidden">{e.clientIp ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
