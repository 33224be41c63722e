import type { Metadata } from "next";
import { PlugIcon } from "lucide-react";
import { TimeText } from "@/components/time-text";
import { ClientOriginBadge } from "@/components/oauth-client-origin";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listClients, listGrants, type AdminClient } from "@/lib/oauth/admin";
import { DeleteClientButton } from "./delete-client-button";
import { GrantsTable } from "./grants-table";

export const metadata: Metadata = { title: "Connected apps" };
export const dynamic = "force-dynamic";

/** Where an app may send its codes, as hosts: what an admin recognises. */
function redirectHosts(uris: string[]): string {
  const hosts = uris.map((u) => {
    try {
      const url = new URL(u);
      return url.host || `${url.protocol}//`;
    } catch {
      return u;
    }
  });
  return [...new Set(hosts)].join(", ");
}

function ClientsTable({ clients }: { clients: AdminClient[] }) {
  return (
    <div className="rounded-xl border">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>App</TableHead>
            <TableHead className="hidden md:table-cell">Sends codes to</TableHead>
            <TableHead className="text-right">Grants</TableHead>
            <TableHead className="hidden sm:table-cell">Registered</TableHead>
            <TableHead className="hidden sm:table-cell">Last used</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {clients.map((c) => (
            <TableRow key={c.id} data-testid="client-row">
              <TableCell className="max-w-56 break-words whitespace-normal">
                <div className="font-medium">{c.name}</div>
                <div className="flex flex-wrap items-center gap-1.5 pt-1">
                  <ClientOriginBadge domain={c.domain} />
                  {c.deletedAt && <Badge variant="muted">Deleted</Badge>}
                </div>
              </TableCell>
              <TableCell className="hidden max-w-64 break-all whitespace-normal text-muted-foreground md:table-cell">{redirectHosts(c.redirectUris)}</TableCell>
              <TableCell className="text-right tabular-nums">{c.liveGrants}</TableCell>
              <TableCell className="hidden sm:table-cell">
                <TimeText value={c.createdAt} />
              </TableCell>
              <TableCell className="hidden sm:table-cell">
                <TimeText value={c.lastUsedAt} fallback="Never" />
              </TableCell>
              <TableCell className="text-right">{!c.deletedAt && <DeleteClientButton clientId={c.id} name={c.name} liveGrants={c.liveGrants} />}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** Every OAuth app that registered with Gatehouse, and every live grant people gave one (docs/OAUTH.md). */
export default async function AppsPage() {
  const admin = await requireAdmin();
  const grants = listGrants(admin);
  const clients = listClients(admin);
  return (
    <>
      <PageHeader
        title="Connected apps"
        description="MCP clients that connect through OAuth, and what people allowed them to do. Revoking a grant, or deleting an app, ends its access at its next call."
      />
      {clients.length === 0 ? (
        <EmptyState
          icon={<PlugIcon />}
          title="No apps yet"
          description="An MCP client given a protected server's URL registers here when someone first connects it, then asks that person to allow it."
        />
      ) : (
        <div className="grid gap-8">
          <section aria-labelledby="grants" className="grid gap-3">
            <h2 id="grants" className="text-lg font-semibold">
              Grants
            </h2>
            {grants.length === 0 ? <p className="text-sm text-muted-foreground">Nobody has allowed an app right now.</p> : <GrantsTable grants={grants} />}
          </section>
          <section aria-labelledby="clients" className="grid gap-3">
            <h2 id="clients" className="text-lg font-semibold">
              Apps
            </h2>
            <ClientsTable clients={clients} />
          </section>
        </div>
      )}
    </>
  );
}
