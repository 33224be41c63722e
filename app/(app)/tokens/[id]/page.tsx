import type { Metadata } from "next";
import Link from "next/link";
import { TimeText } from "@/components/time-text";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { PageHeader } from "@/components/ui/page-header";
import { recentEventsForToken } from "@/lib/audit/recent";
import { tokenCallBuckets, usageByToken } from "@/lib/audit/stats";
import { CallsOverTimeCard } from "@/components/audit/calls-over-time-card";
import { UsageTable } from "@/components/audit/usage-table";
import { requireUser } from "@/lib/auth/session";
import { listServerChoices } from "@/lib/servers/choices";
import { tokenLineage, type TokenRef } from "@/lib/tokens/lineage";
import { findTokenDetail } from "@/lib/tokens/queries";
import { planRegeneration } from "@/lib/tokens/regenerate";
import { tokenIdSchema } from "@/lib/validation/tokens";
import { auditHref, type AuditSearchParams } from "@/lib/validation/audit";
import { CHART_RANGE_LABELS, chartWindow, parseChartRange, type ChartRange } from "@/lib/validation/chart-range";
import { EditTokenForm } from "../_components/edit-token-form";
import { RegenerateDialog } from "../_components/regenerate-dialog";
import { RevealPanel } from "../_components/reveal-panel";
import { RevokeDialog } from "../_components/revoke-dialog";
import { RotateDialog } from "../_components/rotate-dialog";
import { HandedOverSecret } from "../_components/secret-handoff";
import { SecretHistory } from "../_components/secret-history";
import { RecentEvents } from "../_components/recent-events";
import { TokenStatusBadge } from "../_components/token-status-badge";
import { BackLink } from "@/components/back-link";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-x-3 gap-y-0.5 py-1.5 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function TokenLinks({ tokens }: { tokens: TokenRef[] }) {
  return tokens.map((t, i) => (
    <span key={t.id}>
      {i > 0 && ", "}
      <Link href={`/tokens/${t.id}`} className="underline-offset-4 hover:underline">
        {t.name}
      </Link>{" "}
      <code className="font-mono text-xs text-muted-foreground">{t.id}</code>
    </span>
  ));
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<AuditSearchParams> };

/** The token the viewer may see: someone else's token is "not found", exactly like a missing one. */
async function visibleToken({ params }: Props) {
  const user = await requireUser();
  const id = tokenIdSchema.safeParse((await params).id);
  const detail = id.success ? findTokenDetail(user, id.data) : undefined;
  if (!detail) notFound();
  return { user, detail };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { detail } = await visibleToken(props);
  return { title: `${detail.token.name} (token)` };
}

export default async function TokenDetailPage(props: Props) {
  const { user, detail } = await visibleToken(props);
  const { token, secrets } = detail;
  const isOwner = token.owner.id === user.id;
  const usable = token.status === "active" || token.status === "rotating";
  const editable = token.status !== "revoked";
  const ended = token.status === "expired" || token.status === "revoked" ? token.status : null;
  const editServers = token.allServers ? listServerChoices(user) : token.servers;
  const range = parseChartRange(await props.searchParams);
  const window = chartWindow(range);
  const [usage, series] = await Promise.all([usageByToken(user, token.id, window), tokenCallBuckets(user, token.id, range)]);
  const rangeHref = (r: ChartRange) => `/tokens/${token.id}?range=${r}`;
  const lineage = tokenLineage(user, token.id);

  return (
    <>
      <BackLink href={user.role === "admin" ? "/tokens" : "/my-tokens"}>{user.role === "admin" ? "All tokens" : "My tokens"}</BackLink>
      <PageHeader
        title={token.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <TokenStatusBadge status={token.status} rotatingUntil={token.rotatingUntil} ownerDisabled={token.owner.status === "disabled"} />
            {token.hint && <span className="font-mono text-xs">{token.hint}</span>}
            <span className="inline-flex items-center gap-1">
              <code data-testid="token-id" className="font-mono text-xs">
                {token.id}
              </code>
              <CopyButton value={token.id} label="Copy token id" iconOnly variant="ghost" size="icon" className="size-7" />
            </span>
          </span>
        }
        actions={
          <>
            <RotateDialog tokenId={token.id} tokenName={token.name} available={usable} />
            {ended && <RegenerateDialog tokenId={token.id} tokenName={token.name} plan={planRegeneration(user, token.id)} ended={ended} />}
            {editable && <RevokeDialog tokenId={token.id} tokenName={token.name} />}
          </>
        }
      />
      <HandedOverSecret tokenId={token.id} />
      {isOwner && <RevealPanel tokenId={token.id} tokenName={token.name} canReveal={token.status === "ready"} framed />}
      {/* Settings and Edit side by side; a revoked token has no Edit, and its settings take the row. */}
      <div className={editable ? "grid gap-6 lg:grid-cols-2" : "grid gap-6"}>
        <Card>
          <CardHeader>
            <CardTitle>Settings</CardTitle>
          </CardHeader>
          <CardContent>
            <dl>
              <Row label="Owner">
                {user.role === "admin" ? (
                  <Link href={`/users/${token.owner.id}`} className="underline-offset-4 hover:underline">
                    {token.owner.name} ({token.owner.email})
                  </Link>
                ) : (
                  `${token.owner.name} (${token.owner.email})`
                )}
                {token.owner.status === "disabled" && <Badge variant="muted" className="ml-2">disabled</Badge>}
              </Row>
              <Row label="Scope">{token.scope === "write" ? "Write (read and write tools)" : "Read (read tools only)"}</Row>
              <Row label="Servers">{token.allServers ? "All MCP servers" : token.servers.map((s) => s.name).join(", ")}</Row>
              <Row label="Expires">
                <TimeText value={token.expiresAt} fallback="Never" />
              </Row>
              <Row label="Issued">
                <TimeText value={token.createdAt} /> by {token.createdByName}
              </Row>
              <Row label="Secret shown to">{token.revealTo === "owner" ? "The owner (claimed on My tokens)" : "Whoever issued it, at issue time"}</Row>
              <Row label="Last used">
                <TimeText value={token.lastUsedAt} fallback="Never" />
                {token.lastUsedAt && token.lastUsedServerName && ` on ${token.lastUsedServerName}`}
              </Row>
              {token.revokedAt && (
                <Row label="Revoked">
                  <TimeText value={token.revokedAt} /> by {token.revokedByName}: “{token.revokeReason}”
                </Row>
              )}
              {lineage.regeneratedFrom && (
                <Row label="Regenerated from">
                  <TokenLinks tokens={[lineage.regeneratedFrom]} />
                </Row>
              )}
              {lineage.replacedBy.length > 0 && (
                <Row label="Replaced by">
                  <TokenLinks tokens={lineage.replacedBy} />
                </Row>
              )}
            </dl>
          </CardContent>
        </Card>
        {editable && (
          <Card>
            <CardHeader>
              <CardTitle>Edit</CardTitle>
            </CardHeader>
            <CardContent>
              <EditTokenForm token={{ id: token.id, name: token.name, scope: token.scope, allServers: token.allServers, serverIds: token.servers.map((s) => s.id) }} servers={editServers} />
            </CardContent>
          </Card>
        )}
      </div>
      <SecretHistory secrets={secrets} />
      <div className="mt-8">
        <CallsOverTimeCard
          series={series}
          range={range}
          hrefFor={rangeHref}
          description={`Calls made with this token in the last ${CHART_RANGE_LABELS[range]}, by outcome.`}
          eventsHref={user.role === "admin" ? auditHref({ token: token.id, outcome: "call", from: series.from, to: series.to }) : undefined}
        />
      </div>
      <section aria-labelledby="token-usage" className="mt-8 space-y-3">
        <h2 id="token-usage" className="text-base font-semibold tracking-tight">
          Who called what, in the last {CHART_RANGE_LABELS[range]}
        </h2>
        <UsageTable
          usage={usage}
          scope={user.role === "admin" ? { token: token.id } : undefined}
          window={window}
          caption={`Calls made with ${token.name} in the last ${CHART_RANGE_LABELS[range]}`}
        />
      </section>
      <RecentEvents events={recentEventsForToken(user, token.id, 20)} />
    </>
  );
}
