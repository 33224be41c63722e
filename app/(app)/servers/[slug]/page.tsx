import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { authReview } from "@/lib/servers/auth-review";
import { credentialsOf, findServerById, findServerBySlug, recentCalls, toolCatalogue } from "@/lib/servers/queries";
import { DEPLOYMENT_LABELS, slugSchema } from "@/lib/validation/servers";
import { AuthReviewCard } from "./auth-review-card";
import { CredentialsCard } from "./credentials-card";
import { RecentCallsCard } from "./recent-calls-card";
import { ServerStatusButton } from "./server-status-button";
import { ToolsCard } from "./tools-card";
import { BackLink } from "@/components/back-link";

type Props = { params: Promise<{ slug: string }> };

async function adminServer({ params }: Props) {
  const admin = await requireAdmin();
  const key = (await params).slug;
  const slug = slugSchema.safeParse(key);
  // Reachable by slug (the canonical address) and by id (links from the audit log).
  const server = (slug.success ? findServerBySlug(admin, slug.data) : undefined) ?? (/^srv_[0-9A-Za-z]{16}$/.test(key) ? findServerById(admin, key) : undefined);
  if (!server) notFound();
  return { admin, server };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  return { title: `${(await adminServer(props)).server.name} (MCP server)` };
}

export default async function ServerPage(props: Props) {
  const { admin, server } = await adminServer(props);
  const credentials = credentialsOf(admin, server.id).map((c) => ({
    id: c.id,
    hint: c.hint,
    createdAt: c.createdAt.toISOString(),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    state: c.state,
  }));

  return (
    <>
      <BackLink href="/servers">MCP servers</BackLink>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {server.name}
            {server.status === "disabled" ? <Badge variant="muted">Disabled</Badge> : <Badge variant="success">Active</Badge>}
          </span>
        }
        description={
          <>
            {server.url ? <span className="font-mono">{server.url}</span> : "stdio (no URL)"} · {DEPLOYMENT_LABELS[server.deployment]} · slug <span className="font-mono">{server.slug}</span>
          </>
        }
        actions={<ServerStatusButton serverId={server.id} status={server.status} name={server.name} />}
      />
      <div className="grid gap-6">
        <AuthReviewCard checks={authReview(admin, server)} />
        <CredentialsCard serverId={server.id} credentials={credentials} />
        <ToolsCard serverId={server.id} tools={toolCatalogue(admin, server.id)} />
        <RecentCallsCard calls={recentCalls(admin, server.id)} />
      </div>
    </>
  );
}
