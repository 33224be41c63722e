import { transact } from "@/db/transaction";
import { auditExport, EXPORT_CONTENT_TYPES, exportFilename } from "@/lib/audit/export";
import { describeProblem, resolveAuditFilters } from "@/lib/audit/resolve";
import { recordAudit } from "@/lib/audit/writer";
import { apiRequireAdmin } from "@/lib/auth/api-session";
import { ApiError, errorResponse } from "@/lib/http/api-errors";
import { refuseCrossSite } from "@/lib/http/fetch-site";
import { requestContext } from "@/lib/http/request-context";
import { auditFiltersToParams, auditRangeErrors, exportFormatSchema, parseAuditFilters } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/export?format=csv|ndjson&<audit filters>: the filtered log, streamed (admins
 * only, from Gatehouse's own pages). The export itself is audited, with its filters and row
 * count, before the first row leaves: reading the whole log is worth a line in it.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    refuseCrossSite(request);
    const admin = await apiRequireAdmin();
    const url = new URL(request.url);
    const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "csv");
    if (!format.success) throw new ApiError("invalid_request", "format must be csv or ndjson.");
    const params = Object.fromEntries(url.searchParams);
    const filters = parseAuditFilters(params);
    const range = auditRangeErrors(params, filters);
    if (range.from || range.to) throw new ApiError("invalid_request", [range.from, range.to].filter(Boolean).join(" "));
    const filterParams = Object.fromEntries(auditFiltersToParams(filters));
    // The page's filters mean the same here: a value that names nothing is an error, not the whole log.
    const resolved = resolveAuditFilters(admin, filters);
    if (resolved.problems.length > 0) throw new ApiError("not_found", resolved.problems.map(describeProblem).join(" "));
    const ctx = await requestContext();
    const result = await auditExport(resolved.filters, format.data);
    transact((tx) =>
      recordAudit(tx, {
        type: "audit.exported",
        actor: { type: "user", id: admin.id, name: admin.name },
        decision: "success",
        details: { format: format.data, filters: filterParams, rows: result.rows, up_to_seq: result.headSeq },
        ...ctx,
      }),
    );
    const filename = exportFilename(format.data, Object.keys(filterParams).length > 0);
    return new Response(result.stream, {
      headers: {
        "content-type": EXPORT_CONTENT_TYPES[format.data],
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
