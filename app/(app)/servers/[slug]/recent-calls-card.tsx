import { AuditOutcomeBadge } from "@/components/audit/outcome-badge";
import { reasonLabel } from "@/lib/audit/outcome";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentCall } from "@/lib/servers/queries";
import { TimeText } from "@/components/time-text";

export function RecentCallsCard({ calls }: { calls: RecentCall[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent calls</CardTitle>
        <CardDescription>The latest verification decisions for this server, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        {calls.length === 0 ? (
          <p className="text-sm text-muted-foreground">No calls yet. They appear here as soon as the server verifies a token.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Time</TableHead>
                  <TableHead>Decision</TableHead>
                  <TableHead>User</TableHead>
                  <TableHead>Method</TableHead>
                  <TableHead>Tool</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {calls.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell className="text-xs">
                      <TimeText value={c.ts} />
                    </TableCell>
                    <TableCell>
                      <AuditOutcomeBadge type={c.type} decision={c.decision} reason={c.reason} />
                    </TableCell>
                    <TableCell className="text-xs">{c.userEmail ?? <span className="text-muted-foreground">—</span>}</TableCell>
                    <TableCell className="font-mono text-xs">{c.method ?? "—"}</TableCell>
                    <TableCell className="font-mono text-xs">
                      {c.tool ?? "—"}
                      {c.toolClass && <span className="ml-1.5 font-sans text-muted-foreground">({c.toolClass})</span>}
                    </TableCell>
                    <TableCell className="text-xs">{reasonLabel(c.reason) ?? "—"}</TableCell>
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
