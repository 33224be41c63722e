import Link from "next/link";
import { KeyRoundIcon } from "lucide-react";
import { AccessBadge } from "@/components/access-badge";
import { TimeText } from "@/components/time-text";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { TokenRow } from "@/lib/tokens/queries";
import { counted } from "@/lib/text/counted";
import { TokenStatusBadge } from "../../tokens/_components/token-status-badge";

/** A user's tokens, each leading to its page; the full table with filters is one link away. */
export function UserTokens({ tokens, ownerEmail }: { tokens: TokenRow[]; ownerEmail: string }) {
  const live = tokens.filter((t) => t.status !== "revoked").length;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle className="text-base">Tokens</CardTitle>
          <CardDescription>{tokens.length === 0 ? "No tokens yet." : `${counted(tokens.length, "token", "tokens")}, ${live} not revoked.`}</CardDescription>
        </div>
        {tokens.length > 0 && (
          <Button asChild variant="outline" size="sm">
            <Link href={`/tokens?owner=${encodeURIComponent(ownerEmail)}`}>Open in Tokens</Link>
          </Button>
        )}
      </CardHeader>
      <CardContent>
        {tokens.length === 0 ? (
          <EmptyState icon={<KeyRoundIcon />} title="No tokens" description="Tokens issued for this user show up here." className="py-8" />
        ) : (
          <ul aria-label="Their tokens" className="grid divide-y rounded-md border">
            {tokens.map((t) => (
              <li key={t.id} data-testid="user-token" className="grid gap-1 p-3 text-sm sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4">
                <div className="grid min-w-0 gap-1">
                  <Link href={`/tokens/${t.id}`} className="truncate font-medium hover:underline">
                    {t.name}
                  </Link>
                  <div className="flex flex-wrap items-center gap-2">
                    <TokenStatusBadge status={t.status} rotatingUntil={t.rotatingUntil} ownerDisabled={t.owner.status === "disabled"} compact />
                    <AccessBadge access={t.scope} />
                    <span className="text-[13px] text-muted-foreground">{t.allServers ? "All servers" : t.servers.map((s) => s.name).join(", ")}</span>
                  </div>
                </div>
                <div className="text-[13px] text-muted-foreground sm:text-right">
                  <div>
                    {t.status === "revoked" ? "Revoked " : "Expires "}
                    <TimeText value={t.status === "revoked" ? t.revokedAt : t.expiresAt} fallback="never" />
                  </div>
                  <div>
                    Last used <TimeText value={t.lastUsedAt} fallback="never" />
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
