import type { Metadata } from "next";
import { InfoIcon, TriangleAlertIcon } from "lucide-react";
import { redirect } from "next/navigation";
import { answerConsentAction } from "@/app/actions/oauth";
import { AuthCard } from "@/components/auth-card";
import { ClientOriginBadge } from "@/components/oauth-client-origin";
import { SubmitButton } from "@/components/submit-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { currentUser } from "@/lib/auth/session";
import { loadConsent } from "@/lib/oauth/consent";

export const metadata: Metadata = { title: "Allow access", referrer: "no-referrer" };

function ToolList({ label, tools, granted }: { label: string; tools: string[]; granted: boolean }) {
  return (
    <div className="grid gap-1.5">
      <h2 className="text-sm font-medium">
        {label} {granted ? null : <span className="font-normal text-muted-foreground">(not granted)</span>}
      </h2>
      {tools.length === 0 ? (
        <p className="text-sm text-muted-foreground">No tools reported in this class.</p>
      ) : (
        <ul className="flex flex-wrap gap-1.5" aria-label={label}>
          {tools.map((t) => (
            <li key={t}>
              <Badge variant={granted ? "secondary" : "muted"} className="font-mono">
                {t}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The consent page of the OAuth flow: who asks (the client's own name, with the domain it proved
 * for a metadata document, marked unverified for a registration), where the
 * answer goes, for which server, and what each scope means there as tools. Everything shown
 * comes from Gatehouse's records; nothing is taken from the URL.
 */
export default async function ConsentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(`/oauth/consent/${id}`)}`);
  const view = loadConsent(id, user);
  if (!view) {
    return (
      <AuthCard title="This request is no longer valid" description="It has expired, was already answered, or belongs to someone else.">
        <p className="text-sm text-muted-foreground">Go back to the application and connect again.</p>
      </AuthCard>
    );
  }
  const write = view.grantable === "write";
  return (
    <AuthCard title={`Allow ${view.clientName} to use ${view.serverName}?`} description={`Signed in as ${user.email}`}>
      <div className="grid gap-5">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Application</dt>
          <dd>
            {view.clientName}{" "}
            <ClientOriginBadge domain={view.clientDomain} />
          </dd>
          <dt className="text-muted-foreground">Sends you back to</dt>
          <dd className="break-all font-mono text-xs leading-5">{view.redirectHost}</dd>
          <dt className="text-muted-foreground">Server</dt>
          <dd>
            {view.serverName}
            <span className="block break-all font-mono text-xs text-muted-foreground">{view.serverUrl}</span>
          </dd>
        </dl>
        {view.loopback && (
          <Alert variant="warning">
            <TriangleAlertIcon aria-hidden="true" />
            <AlertDescription>
              The answer goes to a program on this computer ({view.redirectHost}). Allow only if you just started connecting an app here yourself.
            </AlertDescription>
          </Alert>
        )}
        <ToolList label="Read: tools it may call" tools={view.readTools} granted />
        <ToolList label="Write: tools that can change data" tools={view.writeTools} granted={write} />
        {view.requested === "write" && !write && (
          <Alert data-testid="read-only-consent">
            <InfoIcon aria-hidden="true" />
            <AlertDescription>
              {view.clientName} asked to use the write tools too, but on this Gatehouse only administrators may allow that. If you click Allow, it gets read access: the read
              tools above, none of the write tools.
            </AlertDescription>
          </Alert>
        )}
        <form action={answerConsentAction} className="flex gap-3">
          <input type="hidden" name="request" value={id} />
          <SubmitButton name="decision" value="allow" className="flex-1">
            Allow
          </SubmitButton>
          <SubmitButton name="decision" value="deny" variant="outline" className="flex-1">
            Deny
          </SubmitButton>
        </form>
      </div>
    </AuthCard>
  );
}
