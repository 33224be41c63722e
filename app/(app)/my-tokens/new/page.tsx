import type { Metadata } from "next";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { readTokenPolicy } from "@/lib/policy/store";
import { listServerChoices } from "@/lib/servers/choices";
import { IssueTokenForm } from "../../tokens/_components/issue-form";

export const metadata: Metadata = { title: "Issue a token for yourself" };

export default async function IssueOwnTokenPage() {
  const user = await requireUser();
  const policy = readTokenPolicy();
  const selfService = user.role !== "admin";
  return (
    <>
      <PageHeader title="Issue a token for yourself" description="Shown to you once, right after you issue it." />
      {selfService && !policy.usersMayIssue ? (
        <Alert>
          <AlertDescription>Only administrators can issue tokens here. Ask one to issue a token for you.</AlertDescription>
        </Alert>
      ) : (
        <Card className="max-w-2xl">
          <CardContent>
            <IssueTokenForm mode={selfService ? "self" : "admin"} users={[{ email: user.email, name: user.name, kind: "person" }]} servers={listServerChoices(user)} policy={policy} doneHref="/my-tokens" />
          </CardContent>
        </Card>
      )}
    </>
  );
}
