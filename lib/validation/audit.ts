import { z } from "zod";
import { AUDIT_DECISIONS, AUDIT_EVENT_TYPES } from "@/lib/audit/events";
import { OUTCOME_FILTERS } from "@/lib/audit/outcome";

/*
 * The audit page's URL state. Only these keys are read; each value is checked before it can
 * reach a query, and anything invalid is dropped (a hand-edited link shows the unfiltered log
 * rather than an error page).
 */

const idText = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:@+-]+$/);
const text = z.string().trim().min(1).max(200);

/** "2026-11-26", "2026-11-26 13:40" (24-hour UTC, as the filter form shows it), "2026-11-26T13:40" or a full ISO string → ms. */
export const auditTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/)
  .transform((v, ctx) => {
    const t = v.replace(" ", "T");
    const iso = /T.*(Z|[+-]\d{2}:\d{2})$/.test(t) ? t : t.includes("T") ? `${t}Z` : `${t}T00:00Z`;
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: "custom", message: "Not a date" });
      return z.NEVER;
    }
    return ms;
  });

const seqSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const auditFilterSchema = z.object({
  from: auditTimeSchema.optional(),
  to: auditTimeSchema.optional(),
  type: z.enum(AUDIT_EVENT_TYPES).optional(),
  decision: z.enum(AUDIT_DECISIONS).optional(),
  /** What happened to a call (lib/audit/outcome.ts), as the chart and the usage counts name it. */
  outcome: z.enum(OUTCOME_FILTERS).optional(),
  /** What the pages show, or an id: resolved to an id by lib/audit/resolve.ts. */
  /** A user's email, name or id: events about or by that user. */
  user: text.optional(),
  /** A token's name, prefix (mcpt_…) or id. */
  token: text.optional(),
  /** A server's slug, name or id. */
  server: text.optional(),
  tool: text.optional(),
  ip: idText.optional(),
  request: text.optional(),
  q: text.optional(),
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;
export const AUDIT_FILTER_KEYS = Object.keys(auditFilterSchema.shape) as (keyof AuditFilters)[];

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;

/** Keyset cursor: "older than seq X" or "newer than seq Y", never an offset. */
export const auditCursorSchema = z.object({
  before: seqSchema.optional(),
  after: seqSchema.optional(),
  size: z.coerce.number().pipe(z.union(AUDIT_PAGE_SIZES.map((n) => z.literal(n)))).optional(),
});
export type AuditCursor = z.infer<typeof auditCursorSchema>;

export type AuditSearchParams = Record<string, string | string[] | undefined>;

function firstValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** Parses filters field by field, so one bad value drops only itself. */
export function parseAuditFilters(params: AuditSearchParams): AuditFilters {
  const out: Record<string, unknown> = {};
  for (const key of AUDIT_FILTER_KEYS) {
    const raw = firstValue(params[key]);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = auditFilterSchema.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as AuditFilters;
}

export type AuditRangeErrors = Partial<Record<"from" | "to", string>>;

/**
 * What is wrong with the time range as typed: a value that is not a time (parseAuditFilters
 * drops it, so it must not pass unnoticed), or From not before To (a range with nothing in it).
 */
export function auditRangeErrors(params: AuditSearchParams, filters: AuditFilters): AuditRangeErrors {
  const errors: AuditRangeErrors = {};
  for (const key of ["from", "to"] as const) {
    const raw = firstValue(params[key]);
    if (raw !== undefined && raw.trim() !== "" && filters[key] === undefined) errors[key] = "Not a time: use YYYY-MM-DD or YYYY-MM-DD HH:MM (24-hour, UTC).";
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to) errors.to = "To must be later than From.";
  return errors;
}

export function parseAuditCursor(params: AuditSearchParams): AuditCursor {
  const out: Record<string, unknown> = {};
  for (const key of ["before", "after", "size"] as const) {
    const raw = firstValue(params[key]);
    if (raw === undefined) continue;
    const parsed = auditCursorSchema.shape[key].safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
  }
  // Both directions at once is not a page; "older than" wins.
  if (out.before !== undefined) delete out.after;
  return out as AuditCursor;
}

/** `event=<seq>`: the event whose details open over the page (links from a server's recent calls). */
export function parseOpenEvent(params: AuditSearchParams): number | undefined {
  const parsed = seqSchema.safeParse(firstValue(params.event));
  return parsed.success ? parsed.data : undefined;
}

export const exportFormatSchema = z.enum(["csv", "ndjson"]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

/** Back to URL form (times as ISO), for links that keep the current filters. */
export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_FILTER_KEYS) {
    const v = filters[key];
    if (v === undefined) continue;
    params.set(key, typeof v === "number" ? new Date(v).toISOString() : v);
  }
  return params;
}

export const usageQuerySchema = z.union([z.object({ user: text }), z.object({ token: text })]);

/** The audit log's address showing the events `filters` select. */
export function auditHref(filters: AuditFilters): string {
  const q = auditFiltersToParams(filters).toString();
  return q ? `/audit?${q}` : "/audit";
}
