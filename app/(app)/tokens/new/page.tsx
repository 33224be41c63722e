import type { Metadata } from "next";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { readTokenPolicy } from "@/lib/policy/store";
import { listServerChoices } from "@/lib/servers/choices";
import { listAllUsers } from "@/lib/users/queries";
import { IssueTokenForm } from "../_components/issue-form";

export const metadata: Metadata = { title: "Issue token" };

export default async function IssueTokenPage() {
  const admin = await requireAdmin();
  const users = listAllUsers(admin).filter((u) => u.status === "active");
  return (
    <>
      <PageHeader title="Issue token" description="A per-user token for MCP servers, with a scope, the servers it works on and an expiry." />
      <Card className="max-w-2xl">
        <CardContent>
          <IssueTokenForm mode="admin" users={users} servers={listServerChoices(admin)} policy={readTokenPolicy()} doneHref="/tokens" />
        </CardContent>
      </Card>
    </>
  );
}
