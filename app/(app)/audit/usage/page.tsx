import Link from "next/link";
import { ArrowLeftIcon } from "lucide-react";
import { UsageTable } from "@/components/audit/usage-table";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { usageByToken, usageByUser, usageSubject } from "@/lib/audit/stats";
import { requireAdmin } from "@/lib/auth/session";
import { usageQuerySchema, type AuditSearchParams } from "@/lib/validation/audit";

export const metadata = { title: "Who called what" };

/** /audit/usage?user=usr_… or ?token=tok_…: which tools on which servers, how often, last time. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  await requireAdmin();
  const params = await searchParams;
  const parsed = usageQuerySchema.safeParse({ user: params.user, token: params.token });
  const back = (
    <Button asChild variant="ghost" size="sm">
      <Link href="/audit">
        <ArrowLeftIcon aria-hidden="true" /> Audit log
      </Link>
    </Button>
  );
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Who called what" actions={back} />
        <Alert variant="warning">
          <AlertTitle>Choose a user or a token</AlertTitle>
          <AlertDescription>Open this view from an event in the audit log, or add ?user=usr_… or ?token=tok_… to the address.</AlertDescription>
        </Alert>
      </>
    );
  }
  const [kind, id] = "user" in parsed.data ? (["user", parsed.data.user] as const) : (["token", parsed.data.token] as const);
  const usage = kind === "user" ? usageByUser(id) : usageByToken(id);
  const subject = usageSubject(kind, id);
  const label = kind === "user" ? "User" : "Token";
  return (
    <>
      <PageHeader
        title={`Who called what: ${subject?.title ?? id}`}
        description={
          <>
            {label} <span className="font-mono">{id}</span>
            {subject?.subtitle && ` · ${subject.subtitle}`}. MCP calls by tool and server, newest activity first.
          </>
        }
        actions={
          <>
            {back}
            <Button asChild variant="outline" size="sm">
              <Link href={`/audit?${new URLSearchParams({ [kind]: id })}`}>All events</Link>
            </Button>
          </>
        }
      />
      <Card className="py-2">
        <CardContent className="px-2">
          <UsageTable usage={usage} scope={{ [kind]: id }} caption={`Calls by ${label.toLowerCase()} ${subject?.title ?? id}`} />
        </CardContent>
      </Card>
    </>
  );
}
