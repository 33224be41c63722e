import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { closeAuditReader } from "@/db/audit-index";
import { openDatabase, setDb, type Db } from "@/db/client";

/**
 * Gives each test a fresh, migrated SQLite file in a temporary folder and makes it the
 * process's database, so the data-access layer runs exactly as in production.
 * Returns accessors for the file path and the connection.
 */
export function useTempDb() {
  let dir = "";
  let file = "";
  let conn: Db | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-test-"));
    file = path.join(dir, "gatehouse.db");
    conn = openDatabase(file);
    setDb(conn);
  });
  afterEach(() => {
    setDb(undefined);
    if (conn) closeAuditReader(conn.$client);
    conn?.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get file() {
      return file;
    },
    get db(): Db {
      if (!conn) throw new Error("useTempDb: no database outside a test");
      return conn;
    },
  };
}
