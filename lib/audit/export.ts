import "server-only";
import { csvLines } from "@/lib/export/csv";
import type { AuditFilters, ExportFormat } from "@/lib/validation/audit";
import { auditWhere, type AuditWhere, type SqlPart } from "./filter-sql";
import { auditRows, auditSeqs } from "./search";
import { searchAll, searchOne } from "./search-thread";

/** Exported columns, in order: the database's own column names (CSV header, NDJSON keys). */
export const EXPORT_COLUMNS = [
  "seq", "id", "ts", "type", "actor_type", "actor_id", "actor_name", "subject_user_id", "token_id", "server_id",
  "method", "tool", "tool_class", "decision", "reason", "request_id", "client_ip", "user_agent", "details",
  "prev_hash", "hash",
] as const;
const SELECTED = EXPORT_COLUMNS.map((c) => `e.${c}`).join(", ");
const TS = EXPORT_COLUMNS.indexOf("ts");
const DETAILS = EXPORT_COLUMNS.indexOf("details");

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

/** One row as exported: times in ISO 8601 UTC, as in every export. */
function exported(row: unknown[]): unknown[] {
  const out = [...row];
  out[TS] = new Date(row[TS] as number).toISOString();
  return out;
}

/** Stored details as an object; text that is not JSON (a hand-edited file) stays text. */
function detailsObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function serialize(rows: unknown[][], format: ExportFormat, first: boolean): string {
  if (format === "csv") return csvLines(rows.map(exported), EXPORT_COLUMNS, first);
  // JSON.stringify escapes CR, LF and quotes: one event is always exactly one line. `details`
  // is stored as JSON text; here it is the object itself, not a string to parse again.
  let out = "";
  for (const row of rows) {
    const values = exported(row);
    if (typeof values[DETAILS] === "string") values[DETAILS] = detailsObject(values[DETAILS]);
    out += JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, values[i]]))) + "\n";
  }
  return out;
}

/** The next batch, newest first, strictly below `below`, found through the search index where it can. */
function batchQuery(where: AuditWhere, below: number): SqlPart {
  const seqs = auditSeqs(where, { order: "DESC", limit: BATCH, before: below });
  return { clause: `SELECT ${SELECTED} FROM main.audit_events e WHERE e.seq IN (${seqs.clause}) ORDER BY e.seq DESC`, params: seqs.params };
}

export type AuditExport = { rows: number; headSeq: number; stream: ReadableStream<Uint8Array> };

/**
 * The filtered log, newest first, as a byte stream, up to the head seen when it started (rows
 * written meanwhile do not leak in), with how many rows it holds (counted first, so the export
 * can be audited before anything leaves). Batches are read on the search thread, on demand
 * (pull): memory stays flat for a million rows, a slow client slows the reads, and a filter
 * that scans never holds up the event loop.
 */
export async function auditExport(filters: AuditFilters, format: ExportFormat): Promise<AuditExport> {
  const where = auditWhere(filters);
  const headSeq = (await searchOne<number>({ clause: "SELECT coalesce(MAX(seq), 0) FROM main.audit_events", params: [] }, "pluck")) ?? 0;
  const counted = auditRows(where, "e.seq");
  const rows =
    (await searchOne<number>({ clause: `SELECT count(*) FROM (${counted.clause}) e WHERE e.seq <= ?`, params: [...counted.params, headSeq] }, "pluck")) ?? 0;
  const encoder = new TextEncoder();
  let cursor = headSeq + 1;
  let first = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const batch = await searchAll<unknown[]>(batchQuery(where, cursor), "raw");
        if (batch.length > 0 || first) controller.enqueue(encoder.encode(serialize(batch, format, first)));
        first = false;
        if (batch.length < BATCH) controller.close();
        else cursor = batch[batch.length - 1]![0] as number;
      },
    },
    { highWaterMark: 1 },
  );
  return { rows, headSeq, stream };
}
