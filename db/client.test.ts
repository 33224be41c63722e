import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { attachAuditIndex, auditReader, closeAuditReader } from "./audit-index";
import { indexAllAuditEvents } from "@/lib/audit/search-index";
import { callEvent, recordEvents } from "@/test/audit-events";
import { openDatabase, setDb } from "./client";

const mode = (f: string) => fs.statSync(f).mode & 0o777;

describe("the data folder's file modes", () => {
  let root = "";
  afterEach(() => {
    setDb(undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  function filesOf(dir: string) {
    return fs.readdirSync(dir).map((f) => path.join(dir, f));
  }

  it("creates the folder 0700 and the database, WAL, SHM and index files 0600, even under umask 022", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-modes-"));
    const dir = path.join(root, "data");
    const file = path.join(dir, "gatehouse.db");
    const umask = process.umask(0o022);
    try {
      const conn = openDatabase(file);
      setDb(conn);
      recordEvents([callEvent()]);
      // The indexer's own connection, as in the worker thread.
      const indexer = new Database(file);
      attachAuditIndex(indexer);
      indexAllAuditEvents(indexer);
      auditReader(conn.$client).prepare("SELECT count(*) FROM audit_index.audit_search").get();
      const names = fs.readdirSync(dir);
      expect(names).toEqual(expect.arrayContaining(["gatehouse.db", "gatehouse.db-wal", "gatehouse.db-shm", "gatehouse.db.audit-index", "gatehouse.db.audit-index-wal", "gatehouse.db.audit-index-shm"]));
      expect(mode(dir)).toBe(0o700);
      for (const f of filesOf(dir)) expect([f, mode(f)]).toEqual([f, 0o600]);
      indexer.close();
      closeAuditReader(conn.$client);
      conn.$client.close();
    } finally {
      process.umask(umask);
    }
  });

  it("tightens a folder and files an older version left 0755 and 0644", () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-modes-"));
    const dir = path.join(root, "data");
    const file = path.join(dir, "gatehouse.db");
    openDatabase(file).$client.close();
    fs.chmodSync(dir, 0o755);
    for (const f of filesOf(dir)) fs.chmodSync(f, 0o644);
    const conn = openDatabase(file);
    expect(mode(dir)).toBe(0o700);
    for (const f of filesOf(dir)) expect([f, mode(f)]).toEqual([f, 0o600]);
    conn.$client.close();
  });
});
