import { formatDateTime } from "@/lib/time/format";

/** A time in the one format every page uses (UTC, so server and browser agree), machine-readable in `dateTime`. */
export function TimeText({ value, fallback = "—" }: { value: Date | number | string | null | undefined; fallback?: string }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">{fallback}</span>;
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} className="whitespace-nowrap tabular-nums">
      {formatDateTime(date)}
    </time>
  );
}
