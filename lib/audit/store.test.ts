import { describe, expect, it } from "vitest";
import { transact } from "@/db/transaction";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { SYSTEM_ACTOR } from "./events";
import { chainHead } from "./queries";
import { chainHash, GENESIS_HASH } from "./chain";
import { keyringOf } from "./key";
import { verifyStoredChain } from "./verify";
import { buildAuditRow, insertAuditRow, recordAudit } from "./writer";


describe("stored audit chain", () => {
  const t = useTempDb();
  const sql = (text: string, ...params: unknown[]) => t.db.$client.prepare(text).run(...params);
  const dropTriggers = () => t.db.$client.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");

  it("links each event to the one before, from genesis", async () => {
    recordEvents([callEvent(), callEvent({ decision: "deny" }), callEvent()]);
    const check = await verifyStoredChain();
    expect(check).toMatchObject({ ok: true, count: 3, start: { seq: 0, hash: GENESIS_HASH } });
    expect(chainHead().head).toEqual(check.ok ? check.head : null);
  });

  it("the database refuses UPDATE and DELETE", () => {
    recordEvents([callEvent()]);
    expect(() => sql("UPDATE audit_events SET reason = 'x'")).toThrow(/append-only/);
    expect(() => sql("DELETE FROM audit_events")).toThrow(/append-only/);
  });

  it.each([
    ["an edited field", () => sql("UPDATE audit_events SET decision = 'allow' WHERE seq = 2"), 2],
    ["a deleted event", () => sql("DELETE FROM audit_events WHERE seq = 2"), 2],
    ["two swapped events", () => {
      sql("UPDATE audit_events SET seq = -1 WHERE seq = 2");
      sql("UPDATE audit_events SET seq = 2 WHERE seq = 3");
      sql("UPDATE audit_events SET seq = 3 WHERE seq = -1");
    }, 2],
    ["an inserted event", () => {
      sql("UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3");
      sql("UPDATE audit_events SET seq = seq - 99 WHERE seq >= 100");
      sql("INSERT INTO audit_events SELECT 3, 'evt_forged', ts, type, actor_type, actor_id, actor_name, subject_user_id, token_id, server_id, method, tool, tool_class, decision, reason, request_id, client_ip, user_agent, details, prev_hash, hash, key_id FROM audit_events WHERE seq = 2");
    }, 3],
  ])("finds %s once the triggers are dropped (as an attacker would)", async (_name, tamper, badSeq) => {
    recordEvents([callEvent(), callEvent({ decision: "deny" }), callEvent(), callEvent()]);
    dropTriggers();
    tamper();
    expect(await verifyStoredChain()).toMatchObject({ ok: false, badSeq });
  });

  it("a checkpoint catches a tail rewritten with fresh hashes and a deleted newest event", async () => {
    recordEvents([callEvent(), callEvent(), callEvent()]);
    const checkpoint = chainHead().head;
    dropTriggers();
    sql("DELETE FROM audit_events WHERE seq = 3");
    expect((await verifyStoredChain()).ok).toBe(true);
    expect(await verifyStoredChain([checkpoint])).toMatchObject({ ok: false, badSeq: 3 });
  });

  it("secrets shaped like credentials never reach the log", () => {
    const secret = "mcpt_" + "A1b2C3d4".repeat(4);
    recordEvents([callEvent({ reason: `bad token ${secret}`, details: { header: `Bearer ${secret}` } })]);
    const row = t.db.$client.prepare("SELECT reason, details FROM audit_events").get() as { reason: string; details: string };
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.reason).toBe("bad token [redacted]");
  });

  it("refuses to write outside a transaction, or an event type not in the enum", () => {
    expect(() => recordAudit({} as never, callEvent())).toThrow(/inside transact/);
    expect(() => transact((tx) => recordAudit(tx, { ...callEvent(), type: "call.forged" as never }))).toThrow(/unknown audit event type/);
    expect(chainHead().stored).toBe(0);
  });

  it("keeps time non-decreasing along the chain even if the clock steps back", () => {
    recordEvents([callEvent()]);
    const future = Date.now() + 60_000;
    t.db.$client.exec("DROP TRIGGER audit_events_no_update");
    sql("UPDATE audit_events SET ts = ?", future);
    transact((tx) => recordAudit(tx, { type: "user.updated", actor: SYSTEM_ACTOR, decision: "success" }));
    const ts = t.db.$client.prepare("SELECT ts FROM audit_events ORDER BY seq").pluck().all() as number[];
    expect(ts[1]).toBeGreaterThanOrEqual(future);
  });

  it("rows from before the audit key verify unkeyed up to the switch, and the verdict says where it is", async () => {
    // Two rows as an older Gatehouse wrote them: SHA-256, no key id.
    let head = { seq: 0, hash: GENESIS_HASH };
    for (let i = 0; i < 2; i++) {
      const row = buildAuditRow(callEvent(), head, keyringOf(["unused here, only the fields matter!!"]).current);
      Object.assign(row, { keyId: null, hash: chainHash(head.hash, row) });
      insertAuditRow(t.db.$client, row);
      head = row;
    }
    recordEvents([callEvent(), callEvent()]);
    expect(await verifyStoredChain()).toMatchObject({ ok: true, count: 4, unkeyedThrough: 2 });
    expect(t.db.$client.prepare("SELECT key_id IS NOT NULL FROM audit_events ORDER BY seq").pluck().all()).toEqual([0, 0, 1, 1]);
  });
});
