import "server-only";
import { stringify } from "csv-stringify/sync";
import type { AuditFilters, ExportFormat } from "@/lib/validation/audit";
import { auditWhere, prepared } from "./filter-sql";

/** Exported columns, in order: the database's own column names (CSV header, NDJSON keys). */
export const EXPORT_COLUMNS = [
  "seq", "id", "ts", "type", "actor_type", "actor_id", "actor_name", "subject_user_id", "token_id", "server_id",
  "method", "tool", "tool_class", "decision", "reason", "request_id", "client_ip", "user_agent", "details",
  "prev_hash", "hash",
] as const;
const SELECTED = EXPORT_COLUMNS.map((c) => `e.${c}`).join(", ");

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

function serialize(rows: unknown[], format: ExportFormat, first: boolean): string {
  if (format === "ndjson") {
    // JSON.stringify escapes CR, LF and quotes: one event is always exactly one line.
    let out = "";
    for (const row of rows) out += JSON.stringify(row) + "\n";
    return out;
  }
  // RFC 4180 quoting keeps CR/LF/quotes/commas inside their cell; escape_formulas stops a value
  // such as "=HYPERLINK(…)" from running as a formula when the file is opened in a spreadsheet.
  // Rows arrive as arrays in EXPORT_COLUMNS order (cheaper for csv-stringify than objects).
  return stringify(rows as unknown[][], { header: first, columns: [...EXPORT_COLUMNS], escape_formulas: true });
}

function seqOf(row: unknown): number {
  return Array.isArray(row) ? (row[0] as number) : (row as { seq: number }).seq;
}

/**
 * The filtered log, newest first, as a byte stream. Rows are read in keyset batches on demand
 * (pull), so memory stays flat for a million rows and a slow client slows the reads, not the
 * heap. Each batch runs to completion: the shared connection is never left mid-query. The
 * export stops at the head seen when it started, so rows written meanwhile do not leak in.
 */
export function auditExportStream(filters: AuditFilters, format: ExportFormat): ReadableStream<Uint8Array> {
  const where = auditWhere(filters);
  const sql = `SELECT ${SELECTED} FROM audit_events e WHERE ${where.clause} AND e.seq < ? ORDER BY e.seq DESC LIMIT ?`;
  // CSV reads raw arrays; statements are per connection, so a raw one gets its own cache key.
  const stmt = format === "csv" ? prepared(`${sql} -- raw`).raw(true) : prepared(sql);
  const headSeq = (prepared("SELECT MAX(seq) FROM audit_events").pluck().get() as number | null) ?? 0;
  const encoder = new TextEncoder();
  let cursor = headSeq + 1;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const rows: unknown[] = [];
        for (const row of stmt.iterate(...where.params, cursor, BATCH)) rows.push(row);
        if (rows.length > 0 || first) controller.enqueue(encoder.encode(serialize(rows, format, first)));
        first = false;
        if (rows.length < BATCH) controller.close();
        else cursor = seqOf(rows[rows.length - 1]);
      },
    },
    { highWaterMark: 1 },
  );
}
