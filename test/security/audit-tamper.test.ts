/**
 * Property 10: UPDATE and DELETE on the audit table are refused; someone who can write the
 * database file (triggers dropped, rows edited, re-hashed, forged, deleted, the anchor moved,
 * the search index edited) is found by `gatehouse audit verify` — the CLI's own function.
 * They do not hold the audit key (AUDIT_KEY or the key file), so any hash they compute is
 * either unkeyed or under a key of their own.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auditVerify, type AuditVerifyOptions } from "@/cli/audit";
import { attachAuditIndex, closeAuditReader } from "@/db/audit-index";
import { openDatabase, setDb } from "@/db/client";
import { transact } from "@/db/transaction";
import { chainHash, keyedChainHash, type ChainBreakKind, type ChainCheck, type StoredChainRow } from "@/lib/audit/chain";
import { startCheckpointSink } from "@/lib/audit/checkpoint-file";
import { SYSTEM_ACTOR } from "@/lib/audit/events";
import { AUDIT_COLUMNS_SQL } from "@/lib/audit/filter-sql";
import { keyringOf } from "@/lib/audit/key";
import { listAuditEvents } from "@/lib/audit/queries";
import { indexAllAuditEvents } from "@/lib/audit/search-index";
import { recordAudit } from "@/lib/audit/writer";
import { useTempDb } from "@/test/temp-db";

// The attacker's guess at a key: any key that is not the real one.
const GUESSED = keyringOf(["the attacker's own key, 32 characters or more"]).current;

function writeEvents(n: number) {
  for (let i = 1; i <= n; i++) {
    transact((tx) => recordAudit(tx, { type: "policy.updated", actor: SYSTEM_ACTOR, decision: "success", reason: `reason-${String(i).padStart(4, "0")}` }));
  }
}

const kinds = (check: ChainCheck) => (check.ok ? [] : check.breaks.map((b) => [b.seq, b.kind] as [number, ChainBreakKind]));

describe("the audit log", () => {
  const t = useTempDb();
  const verify = async (opts: AuditVerifyOptions = {}) => (await auditVerify(opts)).check;

  it.each([
    ["UPDATE of one field", "UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 2"],
    ["UPDATE of every row", "UPDATE audit_events SET decision = 'success'"],
    ["DELETE of one row", "DELETE FROM audit_events WHERE seq = 2"],
    ["DELETE of all rows", "DELETE FROM audit_events"],
  ])("refuses %s, and the chain still verifies", async (_label, sql) => {
    writeEvents(3);
    expect(() => t.db.$client.prepare(sql).run()).toThrow(/append-only/);
    expect(await verify()).toMatchObject({ ok: true, count: 3 });
  });

  /** Edits the file with a plain connection of its own (triggers dropped), as someone with the file would. */
  function tamper(edit: (sqlite: Database.Database) => void) {
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const raw = new Database(t.file);
    raw.exec("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;");
    edit(raw);
    raw.close();
  }

  const rowAt = (s: Database.Database, seq: number) => s.prepare(`SELECT ${AUDIT_COLUMNS_SQL} FROM audit_events e WHERE e.seq = ?`).get(seq) as StoredChainRow;

  /** Re-hashes every row from `from` on, in order, each linked to the one before: the best anyone without the key can do. */
  function rehashForward(s: Database.Database, from: number, sign: (prev: string, row: StoredChainRow) => { hash: string; keyId: string | null }) {
    let prev = from === 1 ? "0".repeat(64) : rowAt(s, from - 1).hash;
    const last = s.prepare("SELECT max(seq) FROM audit_events").pluck().get() as number;
    for (let seq = from; seq <= last; seq++) {
      const row = { ...rowAt(s, seq), prevHash: prev };
      const { hash, keyId } = sign(prev, row);
      s.prepare("UPDATE audit_events SET prev_hash = ?, hash = ?, key_id = ? WHERE seq = ?").run(prev, hash, keyId, seq);
      prev = hash;
    }
  }
  const unkeyed = (prev: string, row: StoredChainRow) => ({ hash: chainHash(prev, row), keyId: null });
  const guessedKey = (prev: string, row: StoredChainRow) => ({ hash: keyedChainHash(GUESSED, prev, row), keyId: row.keyId ?? null });

  it.each([
    ["a field edited", (s: Database.Database) => s.prepare("UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 3").run(), [[3, "edited"]]],
    ["a row deleted", (s: Database.Database) => s.prepare("DELETE FROM audit_events WHERE seq = 3").run(), [[3, "missing"]]],
    [
      "two rows swapped",
      (s: Database.Database) => {
        s.prepare("UPDATE audit_events SET seq = -1 WHERE seq = 2").run();
        s.prepare("UPDATE audit_events SET seq = 2 WHERE seq = 4").run();
        s.prepare("UPDATE audit_events SET seq = 4 WHERE seq = -1").run();
      },
      [[2, "bad-link"], [2, "edited"], [3, "bad-link"], [4, "bad-link"], [4, "edited"], [5, "bad-link"]],
    ],
  ])("finds %s, and every break after it", async (_label, edit, expected) => {
    writeEvents(5);
    tamper(edit);
    expect(kinds(await verify())).toEqual(expected);
  });

  it.each([
    ["unkeyed", unkeyed, "unkeyed"],
    ["under a guessed key", guessedKey, "edited"],
  ])("finds an edit with every later hash recomputed %s, with no checkpoint", async (_label, sign, kind) => {
    writeEvents(5);
    tamper((s) => {
      s.prepare("UPDATE audit_events SET reason = 'nothing happened' WHERE seq = 3").run();
      rehashForward(s, 3, sign);
    });
    // Links are intact (the walk was redone forward); each re-signed row fails on its own.
    expect(kinds(await verify())).toEqual([[3, kind], [4, kind], [5, kind]]);
  });

  it.each([
    ["unkeyed", unkeyed, "unkeyed"],
    ["under a guessed key", guessedKey, "edited"],
  ])("finds a forged event appended at the tail %s", async (_label, sign, kind) => {
    writeEvents(5);
    tamper((s) => {
      s.prepare(`INSERT INTO audit_events SELECT 6, 'evt_forged', ts, type, actor_type, actor_id, actor_name, subject_user_id, token_id,
        server_id, method, tool, tool_class, decision, 'forged', request_id, client_ip, user_agent, details, hash, hash, key_id
        FROM audit_events WHERE seq = 5`).run();
      rehashForward(s, 6, sign);
    });
    expect(kinds(await verify())).toEqual([[6, kind]]);
  });

  it.each([
    ["without a checkpoint", false],
    ["with an earlier checkpoint", true],
  ])("finds the oldest events deleted and a matching anchor written, %s", async (_label, early) => {
    writeEvents(5);
    const checkpoint = early ? `1:${rowAt(t.db.$client, 1).hash}` : undefined;
    tamper((s) => {
      const through = rowAt(s, 3);
      s.prepare("DELETE FROM audit_events WHERE seq <= 3").run();
      s.prepare("INSERT INTO audit_anchor (id, seq, hash, archived_at) VALUES (1, 3, ?, 0)").run(through.hash);
    });
    const check = await verify({ checkpoint });
    expect(kinds(check)).toEqual([[3, "bad-anchor"]]);
  });

  it("finds entries deleted from the search index, and the page's filters show the events again", async () => {
    writeEvents(5);
    const indexer = new Database(t.file);
    try {
      attachAuditIndex(indexer);
      indexAllAuditEvents(indexer);
    } finally {
      indexer.close();
    }
    const filtered = async () => (await listAuditEvents("system", { type: "policy.updated" })).rows.map((r) => r.seq);
    expect(await filtered()).toEqual([5, 4, 3, 2, 1]);
    const index = new Database(`${t.file}.audit-index`);
    index.prepare("DELETE FROM audit_search WHERE seq IN (2, 4)").run();
    index.close();
    expect(await filtered()).toEqual([5, 3, 1]);

    expect(kinds(await verify())).toEqual([[2, "index"], [4, "index"]]);
    // verify emptied the index: the page answers from the log until the indexer has rebuilt it.
    expect(await filtered()).toEqual([5, 4, 3, 2, 1]);
  });

  it("finds the tail truncated, against the checkpoint file the server appends to", async () => {
    const file = path.join(path.dirname(t.file), "checkpoints.log");
    writeEvents(3);
    const stopFirst = startCheckpointSink(t.db.$client, file, 60_000);
    stopFirst();
    writeEvents(2);
    startCheckpointSink(t.db.$client, file, 60_000)();
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
    expect(await verify({ checkpointFile: file })).toMatchObject({ ok: true, count: 5 });

    tamper((s) => s.prepare("DELETE FROM audit_events WHERE seq >= 4").run());
    expect((await verify()).ok).toBe(true); // without the file, a cut tail looks like a shorter log
    expect(kinds(await verify({ checkpointFile: file }))).toEqual([[4, "truncated"]]);
  });

  it("finds bytes changed in the database file itself", async () => {
    writeEvents(5);
    t.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    closeAuditReader(t.db.$client);
    t.db.$client.close();
    const bytes = fs.readFileSync(t.file);
    const at = bytes.indexOf(Buffer.from("reason-0004"));
    expect(at).toBeGreaterThan(0);
    bytes.write("reason-9999", at);
    fs.writeFileSync(t.file, bytes);
    const reopened = openDatabase(t.file);
    setDb(reopened);
    try {
      expect(kinds(await verify())).toEqual([[4, "edited"]]);
    } finally {
      setDb(undefined);
      closeAuditReader(reopened.$client);
      reopened.$client.close();
    }
  });
});
