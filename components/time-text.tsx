"use client";

import * as React from "react";
import { formatExact, formatRelative } from "@/lib/time/format";

// One clock for every time on the page, ticking while any is shown.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function useNow(): number {
  const [now, setNow] = React.useState(() => Date.now());
  React.useEffect(() => subscribe(() => setNow(Date.now())), []);
  return now;
}

/**
 * Every time Gatehouse shows: relative ("in 2 minutes", "3 hours ago"), with the exact UTC time
 * on hover and in `dateTime`. The server's render and the browser's may differ by the seconds
 * between them, which is why the text may change at hydration without a warning. On phones it may
 * wrap ("20 minutes / ago"), so that a table's columns fit however old the times get.
 */
export function TimeText({ value, fallback = "—", className }: { value: Date | number | string | null | undefined; fallback?: string; className?: string }) {
  const now = useNow();
  if (value === null || value === undefined) return <span className="text-muted-foreground">{fallback}</span>;
  const date = new Date(value);
  const exact = formatExact(date);
  return (
    <time dateTime={date.toISOString()} title={exact} className={className ?? "sm:whitespace-nowrap"} suppressHydrationWarning>
      {formatRelative(date, now)}
    </time>
  );
}
