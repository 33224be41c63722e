/**
 * Property 9: values with CR/LF, quotes, commas or JSON cannot forge rows or fields — not in
 * the audit chain's canonical form (which the NDJSON export and `audit verify` rest on), not
 * in the tokens CSV export. (The audit log's own CSV/NDJSON export lives on feat/audit.)
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { canonicalize, type ChainedRow } from "@/lib/audit/chain";
import { buildAuditRow } from "@/lib/audit/writer";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";

vi.mock("@/lib/auth/api-session", () => ({
  apiRequireAdmin: async () => ({ id: "usr_admin", email: "admin@example.com", name: "Admin", role: "admin" }),
}));
const { GET: exportTokens } = await import("@/app/(app)/tokens/export/route");

const HOSTILE = [
  'evil"\r\nseq,forged,"row',
  "line one\nline two",
  '{"type":"call.allowed","decision":"allow"}',
  "\u2028\u2029 separators",
  "=HYPERLINK(\"http://x\")",
  "@SUM(A1)",
  "-2+3",
  'a","b',
];

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ",") {
      endField();
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += c;
    }
  }
  if (field || record.length) endRecord();
  return records;
}

describe("the audit chain's canonical form", () => {
  it("gives back exactly the fields that went in, on one line, whatever they contain", () => {
    const text = fc.oneof(fc.constantFrom(...HOSTILE), fc.string(), fc.string({ unit: "binary" }));
    fc.assert(
      fc.property(fc.record({ actorName: text, reason: text, tool: text, userAgent: text, requestId: text }), (fields) => {
        const row = buildAuditRow(
          { type: "call.denied", actor: { type: "anonymous", name: fields.actorName }, decision: "deny", ...fields, details: { note: fields.reason } },
          { seq: 0, hash: "0".repeat(64) },
        ) as ChainedRow;
        const line = canonicalize(row);
        expect(line).not.toMatch(/[\r\n]/);
        const back = JSON.parse(line) as unknown[];
        expect(back).toHaveLength(19);
        expect(back[14]).toBe(row.reason);
        expect(back[6]).toBe(row.actorName);
        expect(back[11]).toBe(row.tool);
        expect(back[13]).toBe("deny");
        expect(back[18]).toBe(row.details);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the tokens CSV export", () => {
  useTempDb();

  it("keeps hostile token names and revoke reasons inside their own cell, and defuses formulas", async () => {
    const owner = insertUser({ email: "csv@example.com", name: "CSV" });
    for (const name of HOSTILE) insertToken({ ownerId: owner.id, scope: "read", name });
    const res = await exportTokens(new Request("http://localhost/tokens/export"));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header![0]).toBe("id");
    expect(rows).toHaveLength(HOSTILE.length);
    for (const row of rows) expect(row).toHaveLength(header!.length);
    const names = rows.map((r) => r[header!.indexOf("name")]!);
    for (const name of HOSTILE) {
      // Formula-looking cells get a leading ' so a spreadsheet shows them instead of running them.
      expect(names).toContain(/^[=+\-@]/.test(name) ? `'${name}` : name);
    }
  });
});
