import { z } from "zod";
import { AUDIT_DECISIONS, AUDIT_EVENT_TYPES } from "@/lib/audit/events";

/*
 * The audit page's URL state. Only these keys are read; each value is checked before it can
 * reach a query, and anything invalid is dropped (a hand-edited link shows the unfiltered log
 * rather than an error page).
 */

const idText = z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_.:@+-]+$/);
const text = z.string().trim().min(1).max(200);

/** "2026-11-26", "2026-11-26T13:40" (UTC, from a datetime-local input) or a full ISO string → ms. */
export const auditTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/)
  .transform((v, ctx) => {
    const iso = /T.*(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : v.includes("T") ? `${v}Z` : `${v}T00:00Z`;
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
  /** A user id or email: events about or by that user. */
  user: idText.optional(),
  token: idText.optional(),
  server: idText.optional(),
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

export const usageQuerySchema = z.union([z.object({ user: idText }), z.object({ token: idText })]);
