import Link from "next/link";
import { ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, DownloadIcon, ScrollTextIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { toUtcInputValue } from "@/lib/audit/display";
import { chainHead, listAuditEvents } from "@/lib/audit/queries";
import { callBuckets } from "@/lib/audit/stats";
import { requireAdmin } from "@/lib/auth/session";
import { auditFiltersToParams, parseAuditCursor, parseAuditFilters, type AuditSearchParams } from "@/lib/validation/audit";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { CallChart } from "./_components/call-chart";
import { ChainStatus } from "./_components/chain-status";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  await requireAdmin();
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const cursor = parseAuditCursor(params);
  const page = listAuditEvents(filters, cursor);
  const series = callBuckets(filters);
  const chain = chainHead();

  const base = auditFiltersToParams(filters);
  if (cursor.size) base.set("size", String(cursor.size));
  const filtered = [...auditFiltersToParams(filters).keys()].length > 0;
  const href = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
    const q = p.toString();
    return q ? `/audit?${q}` : "/audit";
  };
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([...auditFiltersToParams(filters), ["format", format]])}`;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, change and MCP call decision, hash-chained and append-only. Times are UTC."
        actions={
          <>
            <Button asChild variant="outline" size="sm">
              <a href={exportHref("csv")} download>
                <DownloadIcon aria-hidden="true" /> Export CSV
              </a>
            </Button>
            <Button asChild variant="outline" size="sm">
              <a href={exportHref("ndjson")} download>
                <DownloadIcon aria-hidden="true" /> Export NDJSON
              </a>
            </Button>
          </>
        }
      />
      <div className="grid grid-cols-1 gap-6 [&>*]:min-w-0">
        <ChainStatus head={chain.head} start={chain.start} stored={chain.stored} />

        <Card>
          <CardContent>
            <AuditFilters
              key={base.toString()}
              size={cursor.size}
              values={{
                ...Object.fromEntries(auditFiltersToParams(filters)),
                from: toUtcInputValue(filters.from),
                to: toUtcInputValue(filters.to),
              }}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Calls over time</CardTitle>
            <CardDescription>
              MCP calls allowed vs denied {filters.from === undefined && filters.to === undefined ? "in the last 24 hours" : "in the selected range"}
              {filtered ? ", matching the filters" : ""}.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CallChart series={series} />
          </CardContent>
        </Card>

        <section aria-labelledby="events-title" className="grid grid-cols-1 gap-3 [&>*]:min-w-0">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="events-title" className="text-base font-semibold tracking-tight">
              Events <span className="font-normal text-muted-foreground">· newest first{filtered ? " · filtered" : ""}</span>
            </h2>
            <Pager newer={page.newer} older={page.older} href={href} atNewest={cursor.before === undefined && cursor.after === undefined} />
          </div>
          {page.rows.length === 0 ? (
            <EmptyState
              icon={<ScrollTextIcon />}
              title={filtered ? "No events match these filters" : "No events yet"}
              description={filtered ? "Widen the time range or clear a filter." : "Sign-ins, changes and calls are recorded here as they happen."}
              action={
                filtered ? (
                  <Button asChild variant="outline">
                    <Link href="/audit">Clear filters</Link>
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <div className="rounded-xl border bg-card shadow-xs">
              <AuditTable rows={page.rows} />
            </div>
          )}
          {page.rows.length > 0 && (
            <div className="flex justify-end">
              <Pager newer={page.newer} older={page.older} href={href} atNewest={cursor.before === undefined && cursor.after === undefined} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}

function Pager({ newer, older, href, atNewest }: { newer: number | null; older: number | null; href: (extra: Record<string, number>) => string; atNewest: boolean }) {
  return (
    <nav aria-label="Pages" className="flex items-center gap-2">
      {atNewest ? (
        <Button variant="ghost" size="sm" disabled>
          <ChevronsLeftIcon aria-hidden="true" /> Newest
        </Button>
      ) : (
        <Button asChild variant="ghost" size="sm">
          <Link href={href({})}>
            <ChevronsLeftIcon aria-hidden="true" /> Newest
          </Link>
        </Button>
      )}
      <PagerLink label="Newer" href={newer === null ? null : href({ after: newer })} icon={<ChevronLeftIcon aria-hidden="true" />} />
      <PagerLink label="Older" href={older === null ? null : href({ before: older })} icon={<ChevronRightIcon aria-hidden="true" />} trailing />
    </nav>
  );
}

function PagerLink({ label, href, icon, trailing }: { label: string; href: string | null; icon: React.ReactNode; trailing?: boolean }) {
  const content = trailing ? (
    <>
      {label} {icon}
    </>
  ) : (
    <>
      {icon} {label}
    </>
  );
  if (href === null) {
    return (
      <Button variant="outline" size="sm" disabled>
        {content}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline" size="sm">
      <Link href={href} rel={trailing ? "next" : "prev"}>
        {content}
      </Link>
    </Button>
  );
}
