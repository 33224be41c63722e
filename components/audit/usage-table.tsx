import Link from "next/link";
import { ActivityIcon } from "lucide-react";
import { TimeText } from "@/components/time-text";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OutcomeFilter } from "@/lib/audit/outcome";
import type { TimeWindow, ToolUsage } from "@/lib/audit/stats";
import { auditHref, type AuditFilters } from "@/lib/validation/audit";

export type UsageTableProps = {
  usage: ToolUsage[];
  /**
   * Audit-log filter for "show these calls", e.g. { user: "usr_…" } or { token: "tok_…" }; absent
   * for a viewer who cannot open the audit log (an owner on their token's page): no links then.
   */
  scope?: Pick<AuditFilters, "user" | "token">;
  /** The time the counts cover, when not all time: their links show the same window. */
  window?: TimeWindow;
  caption?: string;
};

const COUNTS: { key: "calls" | "allowed" | "refused"; header: string; outcome: OutcomeFilter; words: string; className?: string }[] = [
  { key: "calls", header: "Calls", outcome: "call", words: "calls" },
  { key: "allowed", header: "Allowed", outcome: "allowed", words: "allowed calls", className: "text-success" },
  { key: "refused", header: "Refused", outcome: "refused", words: "refused calls", className: "text-destructive" },
];

/** "Who called what": tools per server, how often, allowed/refused, last call; each count links to its events. Drop-in for token and user pages. */
export function UsageTable({ usage, scope, window, caption }: UsageTableProps) {
  if (usage.length === 0) {
    return <EmptyState icon={<ActivityIcon />} title="No calls yet" description={window ? "No calls with these credentials in this time range." : "Calls made with these credentials will show up here."} />;
  }
  const eventsHref = (u: ToolUsage, outcome?: OutcomeFilter) => (scope ? auditHref({ ...scope, ...window, server: u.serverId ?? undefined, tool: u.tool ?? undefined, outcome }) : undefined);
  return (
    <Table>
      {caption && <caption className="sr-only">{caption}</caption>}
      <TableHeader>
        <TableRow>
          <TableHead className="max-sm:hidden">Server</TableHead>
          <TableHead>Tool</TableHead>
          {COUNTS.map((c) => (
            <TableHead key={c.key} className="text-right" title={c.key === "refused" ? "Denied, wrong server, inactive token or rate-limited" : undefined}>
              {c.header}
            </TableHead>
          ))}
          <TableHead className="hidden sm:table-cell">Last call</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {usage.map((u) => {
          const where = `${u.tool ?? "(no tool)"} on ${u.serverName ?? u.serverId ?? "no server"}`;
          return (
            <TableRow key={`${u.serverId}\u0000${u.tool}`}>
              <TableCell className="[overflow-wrap:anywhere] max-sm:hidden">{u.serverName ?? u.serverId ?? "—"}</TableCell>
              <TableCell className="min-w-24 [overflow-wrap:anywhere]">
                {scope ? (
                  <Link href={eventsHref(u)!} className="font-mono text-[13px] underline-offset-4 hover:underline">
                    {u.tool ?? "(no tool)"}
                  </Link>
                ) : (
                  <span className="font-mono text-[13px]">{u.tool ?? "(no tool)"}</span>
                )}
                {/* On a phone the server column is hidden: its name shows under the tool. */}
                <div className="text-xs text-muted-foreground sm:hidden">{u.serverName ?? u.serverId ?? "—"}</div>
              </TableCell>
              {COUNTS.map((c) => (
                <TableCell key={c.key} className={`text-right tabular-nums ${c.className ?? ""}`}>
                  {u[c.key] === 0 || !scope ? (
                    u[c.key].toLocaleString("en")
                  ) : (
                    <Link href={eventsHref(u, c.outcome)!} aria-label={`${u[c.key].toLocaleString("en")} ${c.words}`} title={`Show the ${c.words} of ${where} in the audit log`} className="underline underline-offset-4 decoration-current/40 hover:decoration-current">
                      {u[c.key].toLocaleString("en")}
                    </Link>
                  )}
                </TableCell>
              ))}
              <TableCell className="hidden text-muted-foreground sm:table-cell">
                <TimeText value={u.lastTs} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
