/**
 * What the audit writer hashes is exactly what SQLite stores and gives back, whatever text a
 * caller sends: lone UTF-16 surrogates, NUL, control characters, astral characters.
 */
import fc from "fast-check";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditVerify } from "@/cli/audit";
import { closeAuditReader } from "@/db/audit-index";
import { db, openDatabase, setDb } from "@/db/client";
import { transact } from "@/db/transaction";
import type { AuditInput } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { handleFastPath } from "@/lib/verify/node";
import { verifyFileChain } from "@/test/fixtures/audit-chain";
import { useTempDb } from "@/test/temp-db";

// Any UTF-16 code unit on its own (so lone surrogates are common), plus whole code points.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\ud800", "\udfff", "a\ud83d", "\ude00b", "nul\u0000byte", "\u0000", "\ufeff\u2028\u2029", "😀"),
);
const maybe = fc.option(text, { nil: null });

const event = fc.record({
  actorId: maybe, actorName: maybe, subjectUserId: maybe, tokenId: maybe, serverId: maybe, method: maybe, tool: maybe,
  toolClass: maybe, reason: maybe, requestId: maybe, clientIp: maybe, userAgent: maybe, note: text, key: text,
});

function inputOf(e: Record<string, string | null>): AuditInput {
  return {
    type: "call.denied",
    decision: "deny",
    actor: { type: "anonymous", id: e.actorId, name: e.actorName },
    subjectUserId: e.subjectUserId, tokenId: e.tokenId, serverId: e.serverId, method: e.method, tool: e.tool, toolClass: e.toolClass,
    reason: e.reason, requestId: e.requestId, clientIp: e.clientIp, userAgent: e.userAgent,
    details: { note: e.note, [e.key ?? ""]: [e.note] },
  } as AuditInput;
}

describe("audit rows with any text", () => {
  /** A fresh database file per run, so a counterexample is shrunk on its own. */
  function withFreshDb<T>(run: () => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-unicode-"));
    const conn = openDatabase(path.join(dir, "gatehouse.db"));
    setDb(conn);
    return run().finally(() => {
      setDb(undefined);
      closeAuditReader(conn.$client);
      conn.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }

  it("verify after being written through the writer to a database file and read back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 4 }), (events) =>
        withFreshDb(async () => {
          for (const e of events) transact((tx) => recordAudit(tx, inputOf(e)));
          // Read back from the file through another connection: nothing kept in memory helps.
          expect(verifyFileChain(db().$client.name)).toMatchObject({ ok: true, count: events.length });
          // And through the real `audit verify`.
          expect((await auditVerify({})).check).toMatchObject({ ok: true, count: events.length });
        }),
      ),
      { numRuns: 40 },
    );
  });
});

describe("POST /api/v1/verify with a lone surrogate", () => {
  const t = useTempDb();

  it('does not break the chain: {"token":"x","user_agent":"\\ud800"} with no credential', async () => {
    const server = http.createServer((req, res) => {
      if (!handleFastPath(req, res, req.socket.remoteAddress ?? null)) res.end("next");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      // The escape travels as JSON text, exactly as an attacker would send it.
      const body = String.raw`{"token":"x","user_agent":"\ud800"}`;
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request({ port, path: "/api/v1/verify", method: "POST", headers: { "content-type": "application/json" } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
      });
      expect(status).toBe(401);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    expect(t.db.$client.prepare("SELECT count(*) FROM audit_events").pluck().get()).toBeGreaterThan(0);
    const { check } = await auditVerify({});
    expect(check).toMatchObject({ ok: true });
  });
});
