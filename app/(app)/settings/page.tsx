import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readClientHostPolicy } from "@/lib/oauth/client-hosts";
import { readTokenPolicy } from "@/lib/policy/store";
import { ClientHostsForm } from "./client-hosts-form";
import { PolicyForm } from "./policy-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Settings" description="The token policy: lifetimes and what users may issue themselves, checked on every issue and rotation; and which hosts may be OAuth clients." />
      <PolicyForm policy={readTokenPolicy()} />
      <ClientHostsForm policy={readClientHostPolicy()} />
    </>
  );
}
