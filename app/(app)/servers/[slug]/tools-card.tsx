import { AccessBadge } from "@/components/access-badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CatalogueTool } from "@/lib/servers/queries";
import { TimeText } from "@/components/time-text";
import { ToolClassForm } from "./tool-class-form";

const SOURCES: Record<CatalogueTool["source"], string> = {
  annotation: "Annotation",
  admin: "Admin override",
  "never reported": "Never reported",
};

export function ToolsCard({ serverId, tools }: { serverId: string; tools: CatalogueTool[] }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Tools</CardTitle>
        <CardDescription>
          Read tools need a read token; write tools need a write token. The server reports each tool&apos;s MCP annotations
          (readOnlyHint: true → read, anything else → write). A tool it never reported is treated as write. Your override wins.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {tools.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            No tools reported yet. The server reports them with <code className="font-mono">PUT /api/v1/tools</code> when it starts.
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Tool</TableHead>
                  <TableHead>Class</TableHead>
                  <TableHead>Source</TableHead>
                  <TableHead>Reported</TableHead>
                  <TableHead>Override</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {tools.map((t) => (
                  <TableRow key={t.name}>
                    <TableCell>
                      <span className="font-mono text-sm">{t.name}</span>
                      {t.title && <p className="text-xs text-muted-foreground">{t.title}</p>}
                    </TableCell>
                    <TableCell>
                      <AccessBadge access={t.accessClass} />
                    </TableCell>
                    <TableCell className="text-xs">
                      {SOURCES[t.source]}
                      {t.source === "admin" && t.reportedClass && <span className="text-muted-foreground"> (reported: {t.reportedClass})</span>}
                    </TableCell>
                    <TableCell className="text-xs">
                      <TimeText value={t.reportedAt} fallback="Never" />
                    </TableCell>
                    <TableCell>
                      <ToolClassForm serverId={serverId} tool={t.name} current={t.source === "admin" ? t.accessClass : "reported"} canReset={t.source === "admin"} />
                    </TableCell>
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
