import { DatabaseIcon } from "lucide-react";
import type { AuditGrowth, WindowGrowth } from "@/lib/audit/growth";

const UNITS = ["bytes", "KB", "MB", "GB", "TB"];

function size(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

function Growth({ label, growth }: { label: string; growth: WindowGrowth }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium tabular-nums">
        +{growth.events.toLocaleString("en")} events <span className="font-normal text-muted-foreground">(≈ {size(growth.bytes)})</span>
      </dd>
    </div>
  );
}

/** The log's size and how fast it grows, so that a flood is seen before the disk fills. */
export function LogGrowth({ growth }: { growth: AuditGrowth }) {
  return (
    <section aria-labelledby="log-growth-title" className="grid gap-3 rounded-xl border bg-card p-5 shadow-xs">
      <h2 id="log-growth-title" className="flex items-center gap-2 text-base font-semibold tracking-tight">
        <DatabaseIcon aria-hidden="true" className="size-4" /> Log size
      </h2>
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3" data-testid="log-growth">
        <div>
          <dt className="text-muted-foreground">Stored</dt>
          <dd className="font-medium tabular-nums">
            {growth.events.toLocaleString("en")} events <span className="font-normal text-muted-foreground">(database file {size(growth.fileBytes)})</span>
          </dd>
        </div>
        <Growth label="Last hour" growth={growth.lastHour} />
        <Growth label="Last 24 hours" growth={growth.lastDay} />
      </dl>
    </section>
  );
}
