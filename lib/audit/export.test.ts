import { describe, expect, it } from "vitest";
import { callEvent, recordEvents } from "@/test/audit-events";
import { parseCsv } from "@/test/csv";
import { useTempDb } from "@/test/temp-db";
import { auditExportStream, EXPORT_COLUMNS, exportFilename } from "./export";

const INJECTION = {
  reason: 'line one\r\nseq,id,ts\n"forged",row',
  userAgent: 'agent "quoted", with commas',
  tool: '{"json":"value"}\n',
  requestId: "=HYPERLINK(\"http://evil\")",
};

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("audit export", () => {
  useTempDb();

  it("NDJSON: one event per line, every field intact, newest first", async () => {
    recordEvents([callEvent(), callEvent({ ...INJECTION, decision: "deny" }), callEvent()]);
    const lines = (await text(auditExportStream({}, "ndjson"))).split("\n");
    expect(lines.pop()).toBe("");
    const rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(rows[1]).toMatchObject({ reason: INJECTION.reason, user_agent: INJECTION.userAgent, tool: INJECTION.tool, request_id: INJECTION.requestId, decision: "deny" });
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS]);
  });

  it("CSV: quoted cells keep CR/LF, quotes and commas inside one row; formulas are defused", async () => {
    recordEvents([callEvent(), callEvent({ ...INJECTION, decision: "deny" })]);
    const [header, ...rows] = parseCsv(await text(auditExportStream({}, "csv")));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({ seq: "2", reason: INJECTION.reason, user_agent: INJECTION.userAgent, tool: INJECTION.tool, decision: "deny" });
    // A leading quote keeps a spreadsheet from evaluating the cell; the rest is the stored text.
    expect(row.request_id).toBe(`'${INJECTION.requestId}`);
  });

  it("exports only the filtered rows, across many batches, without repeats", async () => {
    recordEvents(Array.from({ length: 4_500 }, (_, i) => callEvent({ decision: i % 3 === 0 ? "deny" : "allow" })));
    const lines = (await text(auditExportStream({ decision: "deny" }, "ndjson"))).trim().split("\n");
    const seqs = lines.map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toHaveLength(1_500);
    expect(new Set(seqs).size).toBe(1_500);
    expect(seqs[0]).toBeGreaterThan(seqs[1_499]!);
  });

  it("an empty result is a header-only CSV and an empty NDJSON", async () => {
    expect(parseCsv(await text(auditExportStream({ tool: "nothing" }, "csv")))).toHaveLength(1);
    expect(await text(auditExportStream({ tool: "nothing" }, "ndjson"))).toBe("");
  });

  it("names files after the time and whether they are filtered", () => {
    const at = new Date(Date.UTC(2026, 10, 26, 13, 40, 5));
    expect(exportFilename("csv", false, at)).toBe("gatehouse-audit-20261126-134005Z.csv");
    expect(exportFilename("ndjson", true, at)).toBe("gatehouse-audit-20261126-134005Z-filtered.ndjson");
  });
});
