// Fixed locale and UTC: server and browser render the same text, so hydration never disagrees.
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

export function formatDateTime(value: Date | string | number | null | undefined, fallback = "—"): string {
  if (value === null || value === undefined) return fallback;
  return `${dateTime.format(new Date(value))} UTC`;
}

/** "2026-11-26 13:40:05 UTC": the exact moment, as the audit log and every hover show it. */
export function formatExact(value: Date | string | number): string {
  return `${new Date(value).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 2 minutes", "3 hours ago", "yesterday", "just now": the largest whole unit. */
export function formatRelative(value: Date | string | number, now: number): string {
  const diff = new Date(value).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff >= 0 ? "in a few seconds" : "just now";
  // The largest unit of which there is at least one whole; rounded, so 90 minutes is "2 hours".
  const [unit, ms] = UNITS.find(([, size]) => abs >= size) ?? UNITS[UNITS.length - 1]!;
  return relative.format(Math.sign(diff) * Math.max(1, Math.round(abs / ms)), unit);
}
