/** A time shown in UTC (server-rendered, so no hydration mismatch), with the exact ISO value on hover. */
export function TimeText({ value, fallback = "—" }: { value: Date | number | null | undefined; fallback?: string }) {
  if (value === null || value === undefined) return <span className="text-muted-foreground">{fallback}</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 16).replace("T", " ")} UTC
    </time>
  );
}
