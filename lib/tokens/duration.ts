/**
 * Durations as people type them in the CLI and forms: `90m`, `24h`, `30d`, `2w`, `1y`.
 * A year is 365 days; there are no months (their length varies, and expiry must be exact).
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const UNITS = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS, y: 365 * DAY_MS } as const;
const PATTERN = /^(\d{1,6})\s*([mhdwy])$/;

/** Milliseconds, or null when the text is not a duration. A bare `0` means zero. */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === "0") return 0;
  const match = PATTERN.exec(value);
  if (!match) return null;
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
}

/** The shortest exact spelling: 86_400_000 → "1d", 90 minutes → "90m". */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0";
  for (const unit of ["y", "w", "d", "h", "m"] as const) {
    if (ms % UNITS[unit] === 0) return `${ms / UNITS[unit]}${unit}`;
  }
  return `${Math.round(ms / MINUTE_MS)}m`;
}

/** "3 days", "1 day", "5 hours": for sentences in error messages. */
export function describeDuration(ms: number): string {
  const days = ms / DAY_MS;
  if (Number.isInteger(days)) return `${days} day${days === 1 ? "" : "s"}`;
  const hours = Math.round(ms / HOUR_MS);
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
