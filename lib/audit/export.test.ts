import { describe, expect, it } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { parseCsv } from "@/test/csv";
import { useTempDb } from "@/test/temp-db";
import type { AuditFilters, ExportFormat } from "@/lib/validation/audit";
import { auditExport, EXPORT_COLUMNS, exportFilename } from "./export";

const INJECTION = {
  reason: 'line one\r\nseq,id,ts\n"forged",row',
  userAgent: 'agent "quoted", with commas',
  tool: '{"json":"value"}\n',
  requestId: "=HYPERLINK(\"http://evil\")",
};

async function exportText(filters: AuditFilters, format: ExportFormat): Promise<string> {
  return new Response((await auditExport(filters, format)).stream).text();
}

describe("audit export", () => {
  useTempDb();

  it("NDJSON: one event per line, every field intact, newest first", async () => {
    recordEvents([callEvent(), callEvent({ ...INJECTION, decision: "deny" }), callEvent()]);
    const lines = (await exportText({}, "ndjson")).split("\n");
    expect(lines.pop()).toBe("");
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(rows[1]).toMatchObject({ reason: INJECTION.reason, user_agent: INJECTION.userAgent, tool: INJECTION.tool, request_id: INJECTION.requestId, decision: "deny" });
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
  });

  it("CSV: quoted cells keep CR/LF, quotes and commas inside one row; formulas are defused", async () => {
    recordEvents([callEvent(), callEvent({ ...INJECTION, decision: "deny" })]);
    const [header, ...rows] = parseCsv(await exportText({}, "csv"));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({ seq: "2", reason: INJECTION.reason, user_agent: INJECTION.userAgent, tool: INJECTION.tool, decision: "deny" });
    // A leading quote keeps a spreadsheet from evaluating the cell; the rest is the stored text.
    expect(row.request_id).toBe(`'${INJECTION.requestId}`);
  });

  it("exports only the filtered rows, across many batches, without repeats", async () => {
    recordEvents(Array.from({ length: 4_500 }, (_, i) => callEvent({ decision: i % 3 === 0 ? "deny" : "allow" })));
    const lines = (await exportText({ decision: "deny" }, "ndjson")).trim().split("\n");
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toHaveLength(1_500);
    expect(new Set(seqs).size).toBe(1_500);
    expect(seqs[0]).toBeGreaterThan(seqs[1_499]!);
  });

  it("writes times as ISO 8601 UTC in both formats, and NDJSON details as an object", async () => {
    recordEvents([callEvent({ details: { note: "kept", n: 2 } })]);
    const [line] = (await exportText({}, "ndjson")).trim().split("\n");
    const row = JSON.parse(line!) as { ts: unknown; details: unknown };
    expect(row.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.details).toEqual({ note: "kept", n: 2 });
    const [header, cells] = parseCsv(await exportText({}, "csv"));
    expect(cells![header!.indexOf("ts")]).toBe(row.ts);
  });

  it("counts the rows it will send, up to the head seen when it started", async () => {
    recordEvents(Array.from({ length: 30 }, (_, i) => callEvent({ decision: i % 3 === 0 ? "deny" : "allow" })));
    const result = await auditExport({ decision: "deny" }, "ndjson");
    recordEvents([callEvent({ decision: "deny" })]);
    expect(result).toMatchObject({ rows: 10, headSeq: 30 });
    expect((await new Response(result.stream).text()).trim().split("\n")).toHaveLength(10);
  });

  it("an empty result is a header-only CSV and an empty NDJSON", async () => {
    expect(parseCsv(await exportText({ tool: "nothing" }, "csv"))).toHaveLength(1);
    expect(await exportText({ tool: "nothing" }, "ndjson")).toBe("");
  });

  it("names files after the time and whether they are filtered", () => {
    const at = new Date(Date.UTC(2026, 10, 26, 13, 40, 5));
    expect(exportFilename("csv", false, at)).toBe("gatehouse-audit-20261126-134005Z.csv");
    expect(exportFilename("ndjson", true, at)).toBe("gatehouse-audit-20261126-134005Z-filtered.ndjson");
  });
});
