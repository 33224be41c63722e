import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { CallSeries } from "@/lib/audit/stats";
import type { ChartRange } from "@/lib/validation/chart-range";
import { CallChart } from "./call-chart";
import { ChartRangeSwitch } from "./chart-range-switch";

export type CallsOverTimeCardProps = {
  series: CallSeries;
  /** The range the switch shows as chosen (null: the page's filters set the time). */
  range: ChartRange | null;
  /** The page's own address with another range. */
  hrefFor: (range: ChartRange) => string;
  description: React.ReactNode;
  /** The audit log's view of the same calls, when the card is not on the audit page. */
  eventsHref?: string;
};

/** "Calls over time": the call chart with its range switch, on the audit, token and server pages. */
export function CallsOverTimeCard({ series, range, hrefFor, description, eventsHref }: CallsOverTimeCardProps) {
  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid min-w-0 gap-1.5">
          <CardTitle>Calls over time</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        <ChartRangeSwitch current={range} hrefFor={hrefFor} />
      </CardHeader>
      <CardContent className="space-y-2">
        <CallChart series={series} />
        {eventsHref && (
          <Link href={eventsHref} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
            Show these calls in the audit log
          </Link>
        )}
      </CardContent>
    </Card>
  );
}
