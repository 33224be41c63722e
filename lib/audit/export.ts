import "server-only";
import { stringify } from "csv-stringify/sync";
import type { AuditEvent } from "@/db/schema";
import type { AuditFilters, ExportFormat } from "@/lib/validation/audit";
import { AUDIT_COLUMNS_SQL, auditWhere, prepared } from "./filter-sql";

/** Exported columns, in order (CSV header names are the database column names). */
export const EXPORT_COLUMNS: { key: keyof AuditEvent; header: string }[] = [
  { key: "seq", header: "seq" },
  { key: "id", header: "id" },
  { key: "ts", header: "ts" },
  { key: "type", header: "type" },
  { key: "actorType", header: "actor_type" },
  { key: "actorId", header: "actor_id" },
  { key: "actorName", header: "actor_name" },
  { key: "subjectUserId", header: "subject_user_id" },
  { key: "tokenId", header: "token_id" },
  { key: "serverId", header: "server_id" },
  { key: "method", header: "method" },
  { key: "tool", header: "tool" },
  { key: "toolClass", header: "tool_class" },
  { key: "decision", header: "decision" },
  { key: "reason", header: "reason" },
  { key: "requestId", header: "request_id" },
  { key: "clientIp", header: "client_ip" },
  { key: "userAgent", header: "user_agent" },
  { key: "details", header: "details" },
  { key: "prevHash", header: "prev_hash" },
  { key: "hash", header: "hash" },
];

const BATCH = 2_000;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

/** "gatehouse-audit-20261126-134000Z.csv", with "-filtered" when filters apply. */
export function exportFilename(format: ExportFormat, filtered: boolean, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `gatehouse-audit-${stamp}Z${filtered ? "-filtered" : ""}.${format}`;
}

function serialize(rows: AuditEvent[], format: ExportFormat, first: boolean): string {
  if (format === "ndjson") {
    // JSON.stringify escapes CR, LF and quotes: one event is always exactly one line.
    let out = "";
    for (const row of rows) out += JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c) => [c.header, row[c.key]]))) + "\n";
    return out;
  }
  // RFC 4180 quoting keeps CR/LF/quotes/commas inside their cell; escape_formulas stops a value
  // such as "=HYPERLINK(…)" from running as a formula when the file is opened in a spreadsheet.
  return stringify(rows, {
    header: first,
    columns: EXPORT_COLUMNS.map((c) => ({ key: c.key, header: c.header })),
    escape_formulas: true,
  });
}

/**
 * The filtered log, newest first, as a byte stream. Rows are read in keyset batches on demand
 * (pull), so memory stays flat for a million rows and a slow client slows the reads, not the
 * heap. Each batch runs to completion: the shared connection is never left mid-query. The
 * export stops at the head seen when it started, so rows written meanwhile do not leak in.
 */
export function auditExportStream(filters: AuditFilters, format: ExportFormat): ReadableStream<Uint8Array> {
  const where = auditWhere(filters);
  const stmt = prepared(`SELECT ${AUDIT_COLUMNS_SQL} FROM audit_events e WHERE ${where.clause} AND e.seq < ? ORDER BY e.seq DESC LIMIT ?`);
  const headSeq = (prepared("SELECT MAX(seq) FROM audit_events").pluck().get() as number | null) ?? 0;
  const encoder = new TextEncoder();
  let cursor = headSeq + 1;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const rows: AuditEvent[] = [];
        for (const row of stmt.iterate(...where.params, cursor, BATCH)) rows.push(row as AuditEvent);
        if (rows.length > 0 || first) controller.enqueue(encoder.encode(serialize(rows, format, first)));
        first = false;
        if (rows.length < BATCH) controller.close();
        else cursor = rows[rows.length - 1]!.seq;
      },
    },
    { highWaterMark: 1 },
  );
}
