import Link from "next/link";
import { CalendarX2Icon, ChevronLeftIcon, ChevronRightIcon, ChevronsLeftIcon, DownloadIcon, ScrollTextIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CallsOverTimeCard } from "@/components/audit/calls-over-time-card";
import { FiltersDisclosure } from "@/components/filters-disclosure";
import { Card, CardContent } from "@/components/ui/card";
import { FilterProblems } from "@/components/audit/filter-problems";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { toUtcInputValue } from "@/lib/audit/display";
import { auditGrowth } from "@/lib/audit/growth";
import { chainHead, getAuditEvent, listAuditEvents, type AuditPage as EventsPage } from "@/lib/audit/queries";
import { describeProblem, resolveAuditFilters } from "@/lib/audit/resolve";
import { callBuckets, type CallSeries } from "@/lib/audit/stats";
import { requireAdmin } from "@/lib/auth/session";
import { auditFiltersToParams, auditRangeErrors, parseAuditCursor, parseAuditFilters, parseOpenEvent, type AuditSearchParams } from "@/lib/validation/audit";
import { CHART_RANGE_LABELS, DEFAULT_CHART_RANGE, parseChartRange, type ChartRange } from "@/lib/validation/chart-range";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";
import { ChainStatus } from "./_components/chain-status";
import { LogGrowth } from "./_components/log-growth";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  const admin = await requireAdmin();
  const params = await searchParams;
  const filters = parseAuditFilters(params);
  const cursor = parseAuditCursor(params);
  const range = parseChartRange(params);
  const resolved = resolveAuditFilters(admin, filters);
  const rangeErrors = auditRangeErrors(params, filters);
  // A filter that names nothing (or several things), or a range that cannot hold anything,
  // answers with what is wrong, never with a list that looks like an answer.
  const blocked = resolved.problems.length > 0 || Object.keys(rangeErrors).length > 0;
  const [page, series]: [EventsPage, CallSeries | null] = blocked
    ? [{ rows: [], newer: null, older: null }, null]
    : await Promise.all([listAuditEvents(admin, resolved.filters, cursor), callBuckets(admin, resolved.filters, range)]);
  const fieldErrors = { ...Object.fromEntries(resolved.problems.map((p) => [p.field, describeProblem(p)])), ...rangeErrors };
  // A time that did not parse stays in its field as typed, next to its error.
  const typed = (key: "from" | "to") => (rangeErrors[key] && filters[key] === undefined ? String(params[key] ?? "") : toUtcInputValue(filters[key]));
  const openSeq = parseOpenEvent(params);
  const opened = openSeq === undefined ? undefined : getAuditEvent(admin, openSeq);
  const chain = chainHead();
  const growth = auditGrowth();

  const base = auditFiltersToParams(filters);
  if (cursor.size) base.set("size", String(cursor.size));
  if (range !== DEFAULT_CHART_RANGE) base.set("range", range);
  const filterCount = [...auditFiltersToParams(filters).keys()].length;
  const filtered = filterCount > 0;
  const timeFiltered = filters.from !== undefined || filters.to !== undefined;
  // Choosing a chart range replaces a typed time range: the chart then shows the last 24 hours, 7 or 30 days.
  const rangeHref = (r: ChartRange) => {
    const p = new URLSearchParams(base);
    p.delete("from");
    p.delete("to");
    p.set("range", r);
    return `/audit?${p}`;
  };
  const href = (extra: Record<string, string | number>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
    const q = p.toString();
    return q ? `/audit?${q}` : "/audit";
  };
  const hrefWith = (field: string, id: string) => {
    const p = new URLSearchParams(base);
    p.set(field, id);
    return `/audit?${p}`;
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
      {/* On a phone the events come first (order-1), then the chart, then the chain and growth. */}
      <div className="grid grid-cols-1 gap-6 [&>*]:min-w-0">
        <div className="max-md:order-3">
          <ChainStatus head={chain.head} start={chain.start} stored={chain.stored} />
        </div>
        <div className="max-md:order-3">
          <LogGrowth growth={growth} />
        </div>

        <FiltersDisclosure active={filterCount} defaultOpen={Object.keys(fieldErrors).length > 0}>
          <Card>
            <CardContent>
              <AuditFilters
                key={base.toString()}
                size={cursor.size}
                range={range === DEFAULT_CHART_RANGE ? undefined : range}
                errors={fieldErrors}
                values={{
                  ...Object.fromEntries(auditFiltersToParams(filters)),
                  from: typed("from"),
                  to: typed("to"),
                }}
              />
            </CardContent>
          </Card>
        </FiltersDisclosure>

        {resolved.problems.length > 0 && <FilterProblems problems={resolved.problems} hrefWith={hrefWith} />}
        {Object.keys(rangeErrors).length > 0 && (
          <Alert variant="warning" role="status">
            <CalendarX2Icon aria-hidden="true" />
            <AlertTitle>Check the time range</AlertTitle>
            <AlertDescription>{[rangeErrors.from, rangeErrors.to].filter(Boolean).join(" ")}</AlertDescription>
          </Alert>
        )}

        {series && (
          <div className="max-md:order-2">
            <CallsOverTimeCard
              series={series}
              range={timeFiltered ? null : range}
              hrefFor={rangeHref}
              description={
                <>
                  MCP calls by outcome {timeFiltered ? "in the selected range" : `in the last ${CHART_RANGE_LABELS[range]}`}
                  {filtered ? ", matching the filters" : ""}.
                </>
              }
            />
          </div>
        )}

        <section aria-labelledby="events-title" className="grid grid-cols-1 gap-3 max-md:order-1 [&>*]:min-w-0">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="events-title" className="text-base font-semibold tracking-tight">
              Events <span className="font-normal text-muted-foreground">· newest first{filtered ? " · filtered" : ""}</span>
            </h2>
            <Pager label="Event pages" newer={page.newer} older={page.older} href={href} atNewest={cursor.before === undefined && cursor.after === undefined} />
          </div>
          {blocked ? null : page.rows.length === 0 ? (
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
              <AuditTable key={opened?.seq} rows={page.rows} opened={opened} />
            </div>
          )}
          {page.rows.length > 0 && (
            <div className="flex justify-end">
              <Pager label="Event pages, below the table" newer={page.newer} older={page.older} href={href} atNewest={cursor.before === undefined && cursor.after === undefined} />
            </div>
          )}
        </section>
      </div>
    </>
  );
}

// Two pagers (above and below the table) need two names: landmarks must be told apart.
function Pager({ label, newer, older, href, atNewest }: { label: string; newer: number | null; older: number | null; href: (extra: Record<string, number>) => string; atNewest: boolean }) {
  return (
    <nav aria-label={label} className="flex items-center gap-2">
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
