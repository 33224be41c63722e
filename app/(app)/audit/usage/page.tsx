import Link from "next/link";
import { ArrowLeftIcon } from "lucide-react";
import { UsageTable } from "@/components/audit/usage-table";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { FilterProblems } from "@/components/audit/filter-problems";
import { ChartRangeSwitch } from "@/components/audit/chart-range-switch";
import { resolveAuditFilters } from "@/lib/audit/resolve";
import { usageByToken, usageByUser, usageSubject } from "@/lib/audit/stats";
import { requireAdmin } from "@/lib/auth/session";
import { auditHref, usageQuerySchema, type AuditSearchParams } from "@/lib/validation/audit";
import { CHART_RANGE_LABELS, chartWindow, parseChartRange, type ChartRange } from "@/lib/validation/chart-range";

export const metadata = { title: "Who called what" };

/** /audit/usage?user=<email, name or id> or ?token=<name, prefix or id>[&range=7d]: which tools on which servers, how often, last time. */
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
  const range = parseChartRange(params);
  const window = chartWindow(range);
  const usage = await (kind === "user" ? usageByUser(admin, id, window) : usageByToken(admin, id, window));
  const rangeHref = (r: ChartRange) => `/audit/usage?${new URLSearchParams({ [kind]: id, range: r })}`;
  const subject = usageSubject(admin, kind, id);
  const label = kind === "user" ? "User" : "Token";
  return (
    <>
      <PageHeader
        title={`Who called what: ${subject?.title ?? id}`}
        description={
          <>
            {label} <span className="font-mono">{id}</span>
            {subject?.subtitle && ` · ${subject.subtitle}`}. MCP calls in the last {CHART_RANGE_LABELS[range]} by tool and server, newest activity first; each count opens its events.
          </>
        }
        actions={
          <>
            {back}
            <Button asChild variant="outline" size="sm">
              <Link href={auditHref({ [kind]: id, ...window })}>All events</Link>
            </Button>
          </>
        }
      />
      <div className="mb-3 flex justify-end">
        <ChartRangeSwitch current={range} hrefFor={rangeHref} label="Time range" />
      </div>
      <Card className="py-2">
        <CardContent className="px-2">
          <UsageTable usage={usage} scope={{ [kind]: id }} window={window} caption={`Calls by ${label.toLowerCase()} ${subject?.title ?? id} in the last ${CHART_RANGE_LABELS[range]}`} />
        </CardContent>
      </Card>
    </>
  );
}
