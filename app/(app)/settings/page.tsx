import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readClientHostPolicy } from "@/lib/oauth/client-hosts";
import { readOAuthSettings } from "@/lib/oauth/settings";
import { readTokenPolicy } from "@/lib/policy/store";
import { listServers } from "@/lib/servers/queries";
import { ClientHostsForm } from "./client-hosts-form";
import { OAuthServersCard } from "./oauth-servers-card";
import { OAuthSettingsForm } from "./oauth-settings-form";
import { PolicyForm } from "./policy-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requireAdmin();
  return (
    <>
      <PageHeader title="Settings" description="The token policy: lifetimes and what users may issue themselves, checked on every issue and rotation; and OAuth: which servers accept apps, what people may allow them, and for how long." />
      <PolicyForm policy={readTokenPolicy()} />
      <section aria-labelledby="oauth-settings" className="mt-12 grid max-w-2xl gap-6">
        <div className="grid gap-1">
          <h2 id="oauth-settings" className="text-lg font-semibold tracking-tight">
            OAuth
          </h2>
          <p className="text-sm text-muted-foreground">Apps such as Claude, ChatGPT and VS Code connect to MCP servers with only their URL: people sign in to Gatehouse and allow them.</p>
        </div>
        <OAuthServersCard servers={listServers(admin)} />
        <OAuthSettingsForm settings={readOAuthSettings()} />
        <ClientHostsForm policy={readClientHostPolicy()} />
      </section>
    </>
  );
}
