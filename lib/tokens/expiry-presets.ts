import { formatDateTime } from "@/lib/time/format";
import { DAY_MS, parseDuration } from "./duration";

const PRESET_DAYS = [7, 30, 90, 365] as const;

/** The presets a person may pick: never past the cap, and the cap itself when it is no preset. */
export function expiryPresets(maxDays: number): { label: string; value: string }[] {
  const days: number[] = PRESET_DAYS.filter((d) => d <= maxDays);
  if (!days.includes(maxDays)) days.push(maxDays);
  return days.map((d) => (d === 365 ? { label: "1 year", value: "1y" } : { label: `${d} day${d === 1 ? "" : "s"}`, value: `${d}d` }));
}

/** What the preview line says for what is typed: the resulting date, or why there is none. */
export function expiryPreview(text: string, noExpiry: boolean, maxDays: number, now: number): { text: string; tooLong: boolean } {
  if (noExpiry) return { text: "Never expires.", tooLong: false };
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) return { text: "Enter a duration such as 30d or 12h.", tooLong: false };
  if (ms > maxDays * DAY_MS) return { text: `Longer than the ${maxDays} days allowed.`, tooLong: true };
  return { text: `Expires ${formatDateTime(now + ms)}.`, tooLong: false };
}
