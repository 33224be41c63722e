import Link from "next/link";
import { ArrowLeftIcon } from "lucide-react";
import { UsageTable } from "@/components/audit/usage-table";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FilterProblems } from "@/components/audit/filter-problems";
import { resolveAuditFilters } from "@/lib/audit/resolve";
import { usageByToken, usageByUser, usageSubject } from "@/lib/audit/stats";
import { requireAdmin } from "@/lib/auth/session";
import { usageQuerySchema, type AuditSearchParams } from "@/lib/validation/audit";

export const metadata = { title: "Who called what" };

/** /audit/usage?user=<email, name or id> or ?token=<name, prefix or id>: which tools on which servers, how often, last time. */
export default async function UsagePage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  const admin = await requireAdmin();
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
          <AlertDescription>Open this view from an event in the audit log, or add ?user= (an email, a name or an id) or ?token= (a name, a prefix or an id) to the address.</AlertDescription>
        </Alert>
      </>
    );
  }
  const [kind, value] = "user" in parsed.data ? (["user", parsed.data.user] as const) : (["token", parsed.data.token] as const);
  const resolved = resolveAuditFilters(admin, { [kind]: value });
  if (resolved.problems.length > 0) {
    return (
      <>
        <PageHeader title="Who called what" actions={back} />
        <FilterProblems problems={resolved.problems} hrefWith={(field, id) => `/audit/usage?${new URLSearchParams({ [field]: id })}`} />
      </>
    );
  }
  const id = resolved.filters[kind]!;
  const usage = await (kind === "user" ? usageByUser(admin, id) : usageByToken(admin, id));
  const subject = usageSubject(admin, kind, id);
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
