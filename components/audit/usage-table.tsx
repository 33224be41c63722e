import Link from "next/link";
import { ActivityIcon } from "lucide-react";
import { TimeText } from "@/components/time-text";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ToolUsage } from "@/lib/audit/stats";

export type UsageTableProps = {
  usage: ToolUsage[];
  /** Audit-log filter for "show these calls", e.g. { user: "usr_…" } or { token: "tok_…" }. */
  scope: Record<string, string>;
  caption?: string;
};

/** "Who called what": tools per server, how often, allowed/denied, last call. Drop-in for token and user pages. */
export function UsageTable({ usage, scope, caption }: UsageTableProps) {
  if (usage.length === 0) {
    return <EmptyState icon={<ActivityIcon />} title="No calls yet" description="Calls made with these credentials will show up here." />;
  }
  const callsHref = (u: ToolUsage) => {
    const params = new URLSearchParams(scope);
    if (u.serverId) params.set("server", u.serverId);
    if (u.tool) params.set("tool", u.tool);
    return `/audit?${params}`;
  };
  return (
    <Table>
      {caption && <caption className="sr-only">{caption}</caption>}
      <TableHeader>
        <TableRow>
          <TableHead>Server</TableHead>
          <TableHead>Tool</TableHead>
          <TableHead className="text-right">Calls</TableHead>
          <TableHead className="text-right">Allowed</TableHead>
          <TableHead className="text-right">Denied</TableHead>
          <TableHead>Last call</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {usage.map((u) => (
          <TableRow key={`${u.serverId}\u0000${u.tool}`}>
            <TableCell>{u.serverName ?? u.serverId ?? "—"}</TableCell>
            <TableCell className="font-mono text-[13px]">
              <Link href={callsHref(u)} className="underline-offset-4 hover:underline">
                {u.tool ?? "(no tool)"}
              </Link>
            </TableCell>
            <TableCell className="text-right tabular-nums">{u.calls.toLocaleString("en")}</TableCell>
            <TableCell className="text-right tabular-nums text-success">{u.allowed.toLocaleString("en")}</TableCell>
            <TableCell className="text-right tabular-nums text-destructive">{u.denied.toLocaleString("en")}</TableCell>
            <TableCell className="text-muted-foreground">
              <TimeText value={u.lastTs} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
