import type { Metadata } from "next";
import Link from "next/link";
import { TimeText } from "@/components/time-text";
import { KeySquareIcon, PlusIcon } from "lucide-react";
import { AccessBadge } from "@/components/access-badge";
import { MyTokenActivity } from "@/components/audit/my-token-activity";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { listConnectedApps } from "@/lib/oauth/connected-apps";
import { requestContext } from "@/lib/http/request-context";
import { countLiveSessions } from "@/lib/users/sessions";
import { readTokenPolicy } from "@/lib/policy/store";
import { listOwnTokens, type TokenRow } from "@/lib/tokens/queries";
import { planRegeneration } from "@/lib/tokens/regenerate";
import { RegenerateDialog } from "../tokens/_components/regenerate-dialog";
import { RevealPanel } from "../tokens/_components/reveal-panel";
import { RevokeDialog } from "../tokens/_components/revoke-dialog";
import { RotateDialog } from "../tokens/_components/rotate-dialog";
import { TokenStatusBadge } from "../tokens/_components/token-status-badge";
import { ConnectedApps } from "./connected-apps";
import { SessionsCard } from "./_components/sessions-card";

function TokenCard({ token, user }: { token: TokenRow; user: SessionUser }) {
  const usable = token.status === "active" || token.status === "rotating";
  const revoked = token.status === "revoked";
  const ended = token.status === "expired" || token.status === "revoked" ? token.status : null;
  return (
    <Card data-testid="my-token" data-token-id={token.id} className={revoked ? "bg-muted/40 text-muted-foreground" : undefined}>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">
            <Link href={`/tokens/${token.id}`} className="hover:underline">
              {token.name}
            </Link>
          </CardTitle>
          <CardDescription className="flex flex-wrap items-center gap-2">
            <TokenStatusBadge status={token.status} rotatingUntil={token.rotatingUntil} ownerDisabled={token.owner.status === "disabled"} />
            <AccessBadge access={token.scope} />
            {token.hint && <span className="font-mono text-xs">{token.hint}</span>}
          </CardDescription>
        </div>
        <div className="flex gap-2">
          <RotateDialog tokenId={token.id} tokenName={token.name} available={usable} />
          {ended && <RegenerateDialog tokenId={token.id} tokenName={token.name} plan={planRegeneration(user, token.id)} ended={ended} />}
          {!revoked && <RevokeDialog tokenId={token.id} tokenName={token.name} />}
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-muted-foreground">Servers</dt>
            <dd>{token.allServers ? "All MCP servers" : token.servers.map((s) => s.name).join(", ")}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Expires</dt>
            <dd>
              <TimeText value={token.expiresAt} fallback="Never" />
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Last used</dt>
            <dd>
              <TimeText value={token.lastUsedAt} fallback="Never" />
              {token.lastUsedAt && token.lastUsedServerName && ` on ${token.lastUsedServerName}`}
            </dd>
          </div>
        </dl>
        {revoked && (
          <p className="text-sm">
            Revoked by {token.revokedByName} <TimeText value={token.revokedAt} />: “{token.revokeReason}”
          </p>
        )}
        <RevealPanel tokenId={token.id} tokenName={token.name} canReveal={token.status === "ready"} />
      </CardContent>
    </Card>
  );
}

export const metadata: Metadata = { title: "My tokens" };

export default async function MyTokensPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const policy = readTokenPolicy();
  const tokens = listOwnTokens(user);
  const canIssue = policy.usersMayIssue || user.role === "admin";
  const issueHref = user.role === "admin" ? "/tokens/new" : "/my-tokens/new";
  return (
    <>
      <PageHeader
        title="My tokens"
        description="Your personal tokens for MCP servers. A secret is shown only once: when you reveal, issue or rotate it."
        actions={
          canIssue && (
            <Button asChild>
              <Link href={issueHref}>
                <PlusIcon aria-hidden="true" /> Issue token
              </Link>
            </Button>
          )
        }
      />
      {tokens.length === 0 ? (
        <EmptyState
          icon={<KeySquareIcon />}
          title="You have no tokens yet"
          description={canIssue ? "Issue one for your MCP client, or ask an administrator to issue one for you." : "Ask an administrator to issue a token for you; it will appear here, ready to claim."}
          action={
            canIssue && (
              <Button asChild>
                <Link href={issueHref}>Issue token</Link>
              </Button>
            )
          }
        />
      ) : (
        <div className="grid gap-4">
          {tokens.map((t) => (
            <TokenCard key={t.id} token={t} user={user} />
          ))}
        </div>
      )}
      <ConnectedApps apps={listConnectedApps(user, user.id)} />
      <div className="mt-10">
        <MyTokenActivity before={(await searchParams).activity_before} />
      </div>
      <div className="mt-10">
        <SessionsCard sessions={countLiveSessions(user.id, { actor: user, ...(await requestContext()) })} />
      </div>
    </>
  );
}
