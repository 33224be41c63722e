import { disconnectAppAction } from "@/app/actions/oauth";
import { AccessBadge } from "@/components/access-badge";
import { SubmitButton } from "@/components/submit-button";
import { ClientOriginBadge } from "@/components/oauth-client-origin";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ConnectedApp } from "@/lib/oauth/connected-apps";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/time/format";

const OWN_INTRO = "Applications you allowed to use an MCP server for you (OAuth). Disconnecting one ends its access at its next call.";

/** The OAuth apps a user allowed: which server, what access, when last used; Disconnect ends it at once. */
export function ConnectedApps({ apps, intro = OWN_INTRO, className = "mt-10" }: { apps: ConnectedApp[]; intro?: string; className?: string }) {
  return (
    <section aria-labelledby="connected-apps" className={cn("grid gap-4", className)}>
      <div>
        <h2 id="connected-apps" className="text-lg font-semibold">
          Connected apps
        </h2>
        <p className="text-sm text-muted-foreground">{intro}</p>
      </div>
      {apps.length === 0 ? (
        <p className="text-sm text-muted-foreground">No connected apps.</p>
      ) : (
        apps.map((app) => (
          <Card key={app.grantId} data-testid="connected-app">
            <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
              <div className="grid gap-1.5">
                <CardTitle className="text-base">{app.clientName}</CardTitle>
                <CardDescription className="flex flex-wrap items-center gap-2">
                  <AccessBadge access={app.scope} />
                  <ClientOriginBadge domain={app.clientDomain} />
                </CardDescription>
              </div>
              <form action={disconnectAppAction}>
                <input type="hidden" name="grant" value={app.grantId} />
                <SubmitButton variant="outline" pendingText="Disconnecting…" aria-label={`Disconnect ${app.clientName}`}>
                  Disconnect
                </SubmitButton>
              </form>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-muted-foreground">Server</dt>
                  <dd>{app.serverName}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Allowed</dt>
                  <dd>{formatDateTime(app.createdAt)}</dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Last used</dt>
                  <dd>{app.lastUsedAt ? formatDateTime(app.lastUsedAt) : "Never"}</dd>
                </div>
              </dl>
            </CardContent>
          </Card>
        ))
      )}
    </section>
  );
}
