import Link from "next/link";
import { cn } from "@/lib/cn";
import { CHART_RANGE_LABELS, CHART_RANGES, type ChartRange } from "@/lib/validation/chart-range";

/**
 * 24 hours / 7 days / 30 days, as links: the range is URL state (`range`), so a chart's view can
 * be shared and Back returns to it. `current` is null when the filters set the time instead.
 */
export function ChartRangeSwitch({ current, hrefFor, label = "Chart range" }: { current: ChartRange | null; hrefFor: (range: ChartRange) => string; label?: string }) {
  return (
    <nav aria-label={label} className="inline-flex shrink-0 rounded-lg border bg-muted/40 p-0.5 text-sm">
      {CHART_RANGES.map((range) => (
        <Link
          key={range}
          href={hrefFor(range)}
          scroll={false}
          aria-current={range === current ? "true" : undefined}
          className={cn(
            "rounded-md px-2.5 py-1 font-medium whitespace-nowrap text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
            range === current && "bg-background text-foreground shadow-xs",
          )}
        >
          {CHART_RANGE_LABELS[range]}
        </Link>
      ))}
    </nav>
  );
}
