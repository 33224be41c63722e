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

/** The class a tool has, and where it comes from (its annotation, an admin, or nothing reported). */
function ToolClass({ tool }: { tool: CatalogueTool }) {
  return (
    <div className="grid justify-items-start gap-1">
      <AccessBadge access={tool.accessClass} />
      <span className="text-xs text-muted-foreground">
        {SOURCES[tool.source]}
        {tool.source === "admin" && tool.reportedClass && ` (reported: ${tool.reportedClass})`}
      </span>
    </div>
  );
}

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
          <div className="rounded-lg border">
            <Table>
              <TableHeader>
                <TableRow>
                  {/* Narrower padding on a phone: the name, its class and the override then fit side by side. */}
                  <TableHead className="max-sm:px-2">Tool</TableHead>
                  <TableHead className="max-sm:hidden">Class</TableHead>
                  <TableHead className="max-md:hidden">Reported</TableHead>
                  <TableHead className="max-sm:px-2">Override</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {tools.map((t) => (
                  <TableRow key={t.name}>
                    <TableCell className="max-sm:px-2">
                      <span className="font-mono text-sm [overflow-wrap:anywhere]">{t.name}</span>
                      {t.title && <p className="text-xs text-muted-foreground">{t.title}</p>}
                      {/* On a phone the class column is hidden: the class shows under the name. */}
                      <div className="mt-1 sm:hidden">
                        <ToolClass tool={t} />
                      </div>
                    </TableCell>
                    <TableCell className="max-sm:hidden">
                      <ToolClass tool={t} />
                    </TableCell>
                    <TableCell className="text-xs whitespace-nowrap max-md:hidden">
                      <TimeText value={t.reportedAt} fallback="Never" />
                    </TableCell>
                    <TableCell className="max-sm:px-2">
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
