/**
 * Property 11: values with CR/LF, quotes, commas or JSON cannot forge rows or fields — not in
 * the audit chain's canonical form (which the NDJSON export and `audit verify` rest on), not
 * in either CSV export, and formula-looking cells (ASCII or full-width) are defused in both.
 * Also: both exports refuse cross-site requests, are audited, and stream every row.
 */
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { canonicalize, type ChainedRow } from "@/lib/audit/chain";
import { keyringOf } from "@/lib/audit/key";
import { buildAuditRow } from "@/lib/audit/writer";
import { db } from "@/db/client";
import { callEvent, recordEvents } from "@/test/audit-events";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";

vi.mock("@/lib/auth/api-session", () => ({
  apiRequireAdmin: async () => ({ id: "usr_admin", email: "admin@example.com", name: "Admin", role: "admin" }),
}));
// Outside a Next request there are no request headers to read the client address from.
vi.mock("@/lib/http/request-context", () => ({ requestContext: async () => ({ clientIp: "192.0.2.1", userAgent: "vitest" }) }));
const { GET: exportTokens } = await import("@/app/(app)/tokens/export/route");
const { GET: exportAudit } = await import("@/app/api/audit/export/route");

const HOSTILE = [
  'evil"\r\nseq,forged,"row',
  "line one\nline two",
  '{"type":"call.allowed","decision":"allow"}',
  "\u2028\u2029 separators",
  "=HYPERLINK(\"http://x\")",
  "@SUM(A1)",
  "-2+3",
  'a","b',
  // Full-width forms: spreadsheets (Apple Numbers, some Excel locales) normalise them to = + - @.
  "\uFF1DHYPERLINK(\"http://x\")",
  "\uFF0B1+1",
  "\uFF0D1+1",
  "\uFF20SUM(A1)",
];
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

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
          keyringOf(["a test audit key, long enough to be one"]).current,
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
      expect(names).toContain(FORMULA_START.test(name) ? `'${name}` : name);
    }
  });
});

describe("the audit CSV export", () => {
  useTempDb();

  it("defuses the same formula-looking cells as the tokens CSV, full-width ones included", async () => {
    recordEvents(HOSTILE.map((reason) => callEvent({ decision: "deny", reason })));
    const res = await exportAudit(new Request("http://localhost/api/audit/export?format=csv&decision=deny"));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    expect(rows).toHaveLength(HOSTILE.length);
    const reasons = rows.map((r) => r[header!.indexOf("reason")]!);
    for (const reason of HOSTILE) expect(reasons).toContain(FORMULA_START.test(reason) ? `'${reason}` : reason);
  });
});

/** The newest audit event of a type, with its details parsed. */
function lastEvent(type: string): { details: Record<string, unknown>; actor_id: string } | undefined {
  const row = db().$client.prepare("SELECT details, actor_id FROM audit_events WHERE type = ? ORDER BY seq DESC LIMIT 1").get(type) as { details: string; actor_id: string } | undefined;
  return row && { actor_id: row.actor_id, details: JSON.parse(row.details) as Record<string, unknown> };
}

describe("exports and other sites", () => {
  useTempDb();

  const EXPORTS = [
    ["tokens CSV", "http://localhost/tokens/export", "tokens.exported", exportTokens],
    ["audit NDJSON", "http://localhost/api/audit/export?format=ndjson", "audit.exported", exportAudit],
  ] as const;

  it.each(EXPORTS)("%s: a request another site made (Sec-Fetch-Site: cross-site or same-site) is refused with 403 and exports nothing", async (_name, url, type, handler) => {
    for (const site of ["cross-site", "same-site"]) {
      const res = await handler(new Request(url, { headers: { "sec-fetch-site": site } }));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect(lastEvent(type)).toBeUndefined();
  });

  it.each(EXPORTS)("%s: our own page (same-origin), the address bar (none) and a non-browser client (no header) are served", async (_name, url, _type, handler) => {
    for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "none" }, {}] as Record<string, string>[]) {
      const res = await handler(new Request(url, { headers }));
      expect(res.status).toBe(200);
      await res.text();
    }
  });
});

describe("the audit export's own audit row", () => {
  useTempDb();

  it("records audit.exported with the format, the filters and the row count, before sending", async () => {
    recordEvents([callEvent(), callEvent({ decision: "deny" }), callEvent(), callEvent({ decision: "deny" }), callEvent()]);
    const res = await exportAudit(new Request("http://localhost/api/audit/export?format=ndjson&decision=deny"));
    expect(res.status).toBe(200);
    expect(lastEvent("audit.exported")).toEqual({ actor_id: "usr_admin", details: { format: "ndjson", filters: { decision: "deny" }, rows: 2, up_to_seq: 5 } });
    expect((await res.text()).trim().split("\n")).toHaveLength(2);
  });
});

describe("the tokens CSV export, in full", () => {
  useTempDb();

  it("streams every token past 10,000 rows and audits tokens.exported with its filters and row count", async () => {
    const owner = insertUser({ email: "many@example.com", name: "Many" });
    const total = 12_345;
    db()
      .$client.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO tokens (id, owner_id, name, scope, created_by, created_at, updated_at)
         SELECT 'tok_many' || printf('%06d', i), ?, 'token ' || i, 'read', ?, ? + i, ? + i FROM n`,
      )
      .run(total, owner.id, owner.id, Date.now() - total, Date.now() - total);
    const res = await exportTokens(new Request(`http://localhost/tokens/export?owner=${encodeURIComponent(owner.email)}`));
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    expect(rows).toHaveLength(total);
    const ids = rows.map((r) => r[header!.indexOf("id")]!);
    expect(new Set(ids).size).toBe(total);
    // The table's default order (newest first) holds across the stream's pages.
    expect(ids[0]).toBe(`tok_many${String(total).padStart(6, "0")}`);
    expect(ids.at(-1)).toBe("tok_many000001");
    expect(lastEvent("tokens.exported")).toEqual({
      actor_id: "usr_admin",
      details: { format: "csv", filters: { owner: owner.email }, sort: { id: "createdAt", desc: true }, rows: total },
    });
  }, 60_000);
});
