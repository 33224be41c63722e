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

const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Just the day, for dense tables; pair it with formatDateTime in a title. */
export function formatDate(value: Date | string | number | null | undefined, fallback = "—"): string {
  if (value === null || value === undefined) return fallback;
  return dateOnly.format(new Date(value));
}
