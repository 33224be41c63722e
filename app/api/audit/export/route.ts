import { transact } from "@/db/transaction";
import { auditExportStream, EXPORT_CONTENT_TYPES, exportFilename } from "@/lib/audit/export";
import { recordAudit } from "@/lib/audit/writer";
import { apiRequireAdmin } from "@/lib/auth/api-session";
import { ApiError, errorResponse } from "@/lib/http/api-errors";
import { requestContext } from "@/lib/http/request-context";
import { auditFiltersToParams, exportFormatSchema, parseAuditFilters } from "@/lib/validation/audit";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/export?format=csv|ndjson&<audit filters>: the filtered log, streamed (admins only).
 * The export itself is audited: reading the whole log is worth a line in it.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const admin = await apiRequireAdmin();
    const url = new URL(request.url);
    const format = exportFormatSchema.safeParse(url.searchParams.get("format") ?? "csv");
    if (!format.success) throw new ApiError("invalid_request", "format must be csv or ndjson.");
    const filters = parseAuditFilters(Object.fromEntries(url.searchParams));
    const filterParams = Object.fromEntries(auditFiltersToParams(filters));
    const ctx = await requestContext();
    transact((tx) =>
      recordAudit(tx, {
        type: "audit.exported",
        actor: { type: "user", id: admin.id, name: admin.name },
        decision: "success",
        details: { format: format.data, filters: filterParams },
        ...ctx,
      }),
    );
    const filename = exportFilename(format.data, Object.keys(filterParams).length > 0);
    return new Response(auditExportStream(filters, format.data), {
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
