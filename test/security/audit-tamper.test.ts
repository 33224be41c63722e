/**
 * Property 10: UPDATE and DELETE on the audit table are refused; editing the database file
 * underneath (with the triggers dropped, or byte by byte) is detected by the chain.
 * The `gatehouse audit verify` command (feat/audit) runs the same verifyChain over the rows.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { setDb } from "@/db/client";
import { transact } from "@/db/transaction";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { recordAudit } from "@/lib/audit/writer";
import { verifyFileChain as verifyFile } from "@/test/fixtures/audit-chain";
import { useTempDb } from "@/test/temp-db";

function writeEvents(n: number) {
  for (let i = 1; i <= n; i++) {
    transact((tx) => recordAudit(tx, { type: "policy.updated", actor: SYSTEM_ACTOR, decision: "success", reason: `reason-${String(i).padStart(4, "0")}` }));
  }
}

describe("the audit log", () => {
  const t = useTempDb();

  it.each([
    ["UPDATE of one field", "UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 2"],
    ["UPDATE of every row", "UPDATE audit_events SET decision = 'success'"],
    ["DELETE of one row", "DELETE FROM audit_events WHERE seq = 2"],
    ["DELETE of all rows", "DELETE FROM audit_events"],
  ])("refuses %s, and the chain still verifies", (_label, sql) => {
    writeEvents(3);
    expect(() => t.db.$client.prepare(sql).run()).toThrow(/append-only/);
    expect(verifyFile(t.file)).toMatchObject({ ok: true, count: 3 });
  });

  /** Closes Gatehouse's connection, lets `edit` change the file with a plain connection, and reports what the chain says. */
  function tamper(edit: (sqlite: Database.Database) => void) {
    writeEvents(5);
    expect(verifyFile(t.file)).toMatchObject({ ok: true, count: 5 });
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    setDb(undefined);
    const raw = new Database(t.file);
    raw.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    edit(raw);
    raw.close();
    return verifyFile(t.file);
  }

  it.each([
    ["a field edited", (s: Database.Database) => s.prepare("UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 3").run(), 3],
    // A deleted row is named by its own (now missing) sequence number.
    ["a row deleted", (s: Database.Database) => s.prepare("DELETE FROM audit_events WHERE seq = 3").run(), 3],
    [
      "a row re-hashed after the edit",
      (s: Database.Database) => s.prepare("UPDATE audit_events SET reason = 'x', hash = lower(hex(randomblob(32))) WHERE seq = 3").run(),
      3,
    ],
    [
      "two rows swapped",
      (s: Database.Database) => {
        s.prepare("UPDATE audit_events SET seq = -1 WHERE seq = 2").run();
        s.prepare("UPDATE audit_events SET seq = 2 WHERE seq = 4").run();
        s.prepare("UPDATE audit_events SET seq = 4 WHERE seq = -1").run();
      },
      2,
    ],
    [
      "a forged row inserted",
      (s: Database.Database) => {
        s.prepare("UPDATE audit_events SET seq = 6 WHERE seq = 5").run();
        s.prepare(`INSERT INTO audit_events SELECT 5, 'evt_forged', ts, type, actor_type, actor_id, actor_name, subject_user_id, token_id,
          server_id, method, tool, tool_class, decision, 'forged', request_id, client_ip, user_agent, details, prev_hash, hash
          FROM audit_events WHERE seq = 6`).run();
      },
      5,
    ],
  ])("detects %s at the first row that no longer follows", (_label, edit, badSeq) => {
    expect(tamper(edit)).toMatchObject({ ok: false, badSeq });
  });

  it("detects bytes changed in the database file itself", () => {
    writeEvents(5);
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    setDb(undefined);
    t.db.$client.close();
    const bytes = fs.readFileSync(t.file);
    const at = bytes.indexOf(Buffer.from("reason-0004"));
    expect(at).toBeGreaterThan(0);
    bytes.write("reason-9999", at);
    fs.writeFileSync(t.file, bytes);
    expect(verifyFile(t.file)).toMatchObject({ ok: false, badSeq: 4, problem: "contents do not match the stored hash" });
  });
});
