import { stringify } from "csv-stringify/sync";
import type { SearchParams } from "@/components/data-table/search-params";
import { apiRequireAdmin } from "@/lib/auth/api-session";
import { errorResponse } from "@/lib/http/api-errors";
import { listTokensForExport } from "@/lib/tokens/queries";
import { tokensTableState } from "../table-query";

export const dynamic = "force-dynamic";

const iso = (d: Date | null) => d?.toISOString() ?? "";

/** The tokens listing (same filters and order as the table, every page) as CSV. Never secrets or hints. */
export async function GET(request: Request): Promise<Response> {
  try {
    const admin = await apiRequireAdmin();
    const params: SearchParams = Object.fromEntries(new URL(request.url).searchParams);
    const { query, filters } = tokensTableState(params);
    const rows = listTokensForExport(admin, query.sort, filters);
    const csv = stringify(
      rows.map((t) => ({
        id: t.id,
        name: t.name,
        owner: t.owner.email,
        owner_status: t.owner.status,
        scope: t.scope,
        servers: t.allServers ? "all" : t.servers.map((s) => s.slug).join(" "),
        status: t.status,
        expires_at: iso(t.expiresAt),
        created_at: iso(t.createdAt),
        created_by: t.createdByName,
        last_used_at: iso(t.lastUsedAt),
        last_used_server: t.lastUsedServerName ?? "",
        revoked_at: iso(t.revokedAt),
        revoked_by: t.revokedByName ?? "",
        revoke_reason: t.revokeReason ?? "",
      })),
      // Cells starting with = + - @ are quoted with a leading ' so spreadsheets do not run them as formulas.
      { header: true, cast: { string: (v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v) } },
    );
    const stamp = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="gatehouse-tokens-${stamp}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
