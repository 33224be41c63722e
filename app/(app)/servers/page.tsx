import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon, ServerIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listServers } from "@/lib/servers/queries";
import { DEPLOYMENT_LABELS, serverListParamsSchema } from "@/lib/validation/servers";
import { TimeText } from "@/components/time-text";

export const metadata: Metadata = { title: "MCP servers" };

export default async function ServersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requireAdmin();
  const showArchived = serverListParamsSchema.parse(await searchParams).archived === "1";
  // A handful of servers: one read, filtered here, also says whether there is anything to show.
  const all = listServers(admin, { archived: true });
  const archivedCount = all.filter((s) => s.archivedAt).length;
  const servers = showArchived ? all : all.filter((s) => !s.archivedAt);
  const archivedToggle = (showArchived || archivedCount > 0) && (
    <Button asChild variant="ghost" size="sm">
      <Link href={showArchived ? "/servers" : "/servers?archived=1"}>{showArchived ? "Hide archived" : `Show archived (${archivedCount})`}</Link>
    </Button>
  );
  const register = (
    <Button asChild>
      <Link href="/servers/new">
        <PlusIcon aria-hidden="true" />
        Register server
      </Link>
    </Button>
  );
  return (
    <>
      <PageHeader
        title="MCP servers"
        description="The servers that verify tokens with Gatehouse. Each authenticates with its own credential; every call it verifies is audited."
        actions={
          servers.length > 0 || archivedToggle ? (
            <>
              {archivedToggle}
              {register}
            </>
          ) : undefined
        }
      />
      {servers.length === 0 ? (
        <EmptyState
          icon={<ServerIcon />}
          title="No MCP servers yet"
          description="Register a server to get its credential, then configure the server to verify each request with Gatehouse."
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {register}
              {archivedToggle}
            </div>
          }
        />
      ) : (
        <div className="rounded-xl border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="hidden sm:table-cell">Deployment</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Tools</TableHead>
                <TableHead>Last call</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {servers.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>
                    <Link href={`/servers/${s.slug}`} className="font-medium underline-offset-4 hover:underline">
                      {s.name}
                    </Link>
                    <p className="max-w-40 truncate text-xs text-muted-foreground sm:max-w-xs" title={s.url ?? undefined}>
                      {s.url ?? "stdio (no URL)"}
                    </p>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{DEPLOYMENT_LABELS[s.deployment]}</TableCell>
                  <TableCell>
                    {s.archivedAt ? (
                      <Badge variant="muted">Archived</Badge>
                    ) : s.status === "disabled" ? (
                      <Badge variant="muted">Disabled</Badge>
                    ) : s.activeCredentials === 0 ? (
                      <Badge variant="destructive">No credential</Badge>
                    ) : (
                      <Badge variant="success">Active</Badge>
                    )}
                  </TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">{s.toolCount}</TableCell>
                  <TableCell>
                    <TimeText value={s.lastCallAt} fallback="Never" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
