import type { SearchParams } from "@/components/data-table/search-params";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { apiRequireAdmin } from "@/lib/auth/api-session";
import { csvLines } from "@/lib/export/csv";
import { errorResponse } from "@/lib/http/api-errors";
import { refuseCrossSite } from "@/lib/http/fetch-site";
import { requestContext } from "@/lib/http/request-context";
import { countTokensForExport, listTokensForExport, type TokenRow } from "@/lib/tokens/queries";
import { tokensTableState } from "../table-query";

export const dynamic = "force-dynamic";

const COLUMNS = [
  "id", "name", "owner", "owner_status", "scope", "servers", "status", "expires_at", "created_at", "created_by",
  "last_used_at", "last_used_server", "revoked_at", "revoked_by", "revoke_reason",
] as const;

const PAGE = 1_000;

const iso = (d: Date | null) => d?.toISOString() ?? "";

function cells(t: TokenRow): string[] {
  return [
    t.id, t.name, t.owner.email, t.owner.status, t.scope, t.allServers ? "all" : t.servers.map((s) => s.slug).join(" "), t.status,
    iso(t.expiresAt), iso(t.createdAt), t.createdByName, iso(t.lastUsedAt), t.lastUsedServerName ?? "", iso(t.revokedAt),
    t.revokedByName ?? "", t.revokeReason ?? "",
  ];
}

/**
 * The tokens listing (same filters and order as the table, every row) as CSV, streamed page by
 * page. Never secrets or hints. Audited, with its filters and row count, before it is sent.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    refuseCrossSite(request);
    const admin = await apiRequireAdmin();
    const url = new URL(request.url);
    const params: SearchParams = Object.fromEntries(url.searchParams);
    const { query, filters } = tokensTableState(params);
    // One `now` for every page, so a token's status (and its place in the order) holds still.
    const now = Date.now();
    const rows = countTokensForExport(admin, filters, now);
    const ctx = await requestContext();
    transact((tx) =>
      recordAudit(tx, {
        type: "tokens.exported",
        actor: { type: "user", id: admin.id, name: admin.name },
        decision: "success",
        details: { format: "csv", filters, sort: query.sort, rows },
        ...ctx,
      }),
    );
    const encoder = new TextEncoder();
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const page = listTokensForExport(admin, query.sort, filters, { offset, limit: PAGE, now });
          controller.enqueue(encoder.encode(csvLines(page.map(cells), COLUMNS, offset === 0)));
          offset += page.length;
          if (page.length < PAGE) controller.close();
        },
      },
      { highWaterMark: 1 },
    );
    const stamp = new Date(now).toISOString().slice(0, 10);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="gatehouse-tokens-${stamp}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
