import type { Metadata } from "next";
import Link from "next/link";
import { KeyRoundIcon, PencilIcon, ScrollTextIcon } from "lucide-react";
import { TimeText } from "@/components/time-text";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CallsOverTimeCard } from "@/components/audit/calls-over-time-card";
import { serverCallBuckets } from "@/lib/audit/stats";
import { listGrants } from "@/lib/oauth/admin";
import { authReview } from "@/lib/servers/auth-review";
import { credentialsOf, recentCalls, toolCatalogue } from "@/lib/servers/queries";
import { removalFor, serverTies } from "@/lib/servers/ties";
import { auditHref, type AuditSearchParams } from "@/lib/validation/audit";
import { CHART_RANGE_LABELS, parseChartRange, type ChartRange } from "@/lib/validation/chart-range";
import { DEPLOYMENT_LABELS } from "@/lib/validation/servers";
import { adminServer, type ServerPageProps } from "./admin-server";
import { AuthReviewCard } from "./auth-review-card";
import { ConnectedAppsCard } from "./connected-apps-card";
import { CredentialsCard } from "./credentials-card";
import { RecentCallsCard } from "./recent-calls-card";
import { RemoveServerButton, RestoreServerButton } from "./removal-buttons";
import { ServerStatusButton } from "./server-status-button";
import { ToolsCard } from "./tools-card";
import { BackLink } from "@/components/back-link";

export async function generateMetadata(props: ServerPageProps): Promise<Metadata> {
  return { title: `${(await adminServer(props)).server.name} (MCP server)` };
}

export default async function ServerPage(props: ServerPageProps & { searchParams: Promise<AuditSearchParams> }) {
  const { admin, server } = await adminServer(props);
  const credentials = credentialsOf(admin, server.id).map((c) => ({
    id: c.id,
    hint: c.hint,
    createdAt: c.createdAt.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    state: c.state,
  }));
  const ties = serverTies(admin, server.id);
  const archived = server.archivedAt !== null;
  const range = parseChartRange(await props.searchParams);
  const series = await serverCallBuckets(admin, server.id, range);

  return (
    <>
      <BackLink href="/servers">MCP servers</BackLink>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {server.name}
            {archived ? (
              <Badge variant="muted">Archived</Badge>
            ) : server.status === "disabled" ? (
              <Badge variant="muted">Disabled</Badge>
            ) : (
              <Badge variant="success">Active</Badge>
            )}
          </span>
        }
        description={
          <>
            <span className="break-all">{server.url ? <span className="font-mono">{server.url}</span> : "stdio (no URL)"}</span> · {DEPLOYMENT_LABELS[server.deployment]}
            {server.deployment === "remote" && (server.acceptsOAuth ? " · accepts OAuth clients" : " · OAuth off")} · slug{" "}
            <span className="font-mono">{server.slug}</span>
          </>
        }
        actions={
          archived ? (
            <RestoreServerButton serverId={server.id} name={server.name} />
          ) : (
            <>
              <Button asChild variant="outline" size="sm">
                <Link href={`/servers/${server.slug}/edit`}>
                  <PencilIcon aria-hidden="true" /> Edit
                </Link>
              </Button>
              <ServerStatusButton serverId={server.id} status={server.status} name={server.name} />
              <RemoveServerButton serverId={server.id} name={server.name} removal={removalFor(ties)} ties={ties} />
            </>
          )
        }
      />
      <nav aria-label="About this server" className="-mt-4 mb-6 flex flex-wrap gap-x-5 gap-y-2 text-sm">
        <Link href={`/audit?server=${encodeURIComponent(server.slug)}`} className="inline-flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
          <ScrollTextIcon aria-hidden="true" className="size-4" /> Its audit events
        </Link>
        <Link href={`/tokens?server=${encodeURIComponent(server.slug)}`} className="inline-flex items-center gap-1.5 text-primary underline-offset-4 hover:underline">
          <KeyRoundIcon aria-hidden="true" className="size-4" /> Tokens valid here
        </Link>
      </nav>
      <div className="grid gap-6">
        {server.archivedAt && (
          <Alert variant="warning" role="status">
            <AlertTitle>Archived</AlertTitle>
            <AlertDescription>
              <p>
                Archived <TimeText value={server.archivedAt.toISOString()} />. Gatehouse refuses its credentials, so every call it makes fails, and it is
                hidden from the server list. Its history is kept; restore it to accept its credentials again.
              </p>
            </AlertDescription>
          </Alert>
        )}
        <AuthReviewCard checks={authReview(admin, server)} />
        <CredentialsCard serverId={server.id} credentials={credentials} />
        <ToolsCard serverId={server.id} tools={toolCatalogue(admin, server.id)} />
        <CallsOverTimeCard
          series={series}
          range={range}
          hrefFor={(r: ChartRange) => `/servers/${server.slug}?range=${r}`}
          description={`Calls that reached this server in the last ${CHART_RANGE_LABELS[range]}, by outcome.`}
          eventsHref={auditHref({ server: server.id, outcome: "call", from: series.from, to: series.to })}
        />
        <RecentCallsCard calls={recentCalls(admin, server.id)} serverSlug={server.slug} />
        {server.deployment === "remote" && <ConnectedAppsCard grants={listGrants(admin, { serverId: server.id })} />}
      </div>
    </>
  );
}
