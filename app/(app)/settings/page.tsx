import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readTokenPolicy } from "@/lib/policy/store";
import { PolicyForm } from "./policy-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Settings" description="The token policy: lifetimes and what users may issue themselves. Checked on every issue and rotation." />
      <PolicyForm policy={readTokenPolicy()} />
    </>
  );
}
