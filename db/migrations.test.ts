/**
 * Upgrading keeps every row: a database created by an earlier release, with servers, their
 * credentials and tokens bound to them, comes through the migrations that rebuild a table
 * (0009 makes a server's URL optional) with all of them, and with foreign keys enforced again.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, setDb } from "./client";

const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

/** A copy of the migrations folder that stops after `lastTag` (the state of an older release). */
function migrationsUpTo(dir: string, lastTag: string): string {
  const folder = path.join(dir, "migrations-old");
  fs.cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(end).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, end + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

describe("migrations", () => {
  let dir = "";
  afterEach(() => {
    setDb(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rebuild the servers table without losing its credentials, tools or token bindings", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrate-"));
    const file = path.join(dir, "gatehouse.db");
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.pragma("foreign_keys = ON");
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo(dir, "0008_users_kind_verify_epoch") });
    old.exec(`
      INSERT INTO users (id, email, name, role, status) VALUES ('usr_0000000000000001', 'a@example.com', 'A', 'admin', 'active');
      INSERT INTO mcp_servers (id, slug, name, url, deployment) VALUES ('srv_0000000000000001', 'notes', 'Notes', 'https://notes.example.com/mcp', 'remote');
      INSERT INTO server_credentials (id, server_id, secret_hash, hint) VALUES ('crd_0000000000000001', 'srv_0000000000000001', 'h1', 'mcps_…x');
      INSERT INTO tools (id, server_id, name, access_class, class_source) VALUES ('tool_000000000000001', 'srv_0000000000000001', 'list_notes', 'read', 'annotations');
      INSERT INTO tokens (id, owner_id, name, scope, all_servers, created_by) VALUES ('tok_0000000000000001', 'usr_0000000000000001', 't', 'read', 0, 'usr_0000000000000001');
      INSERT INTO token_servers (token_id, server_id) VALUES ('tok_0000000000000001', 'srv_0000000000000001');
    `);
    old.close();

    const upgraded = openDatabase(file).$client;
    const count = (table: string) => upgraded.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count("mcp_servers"), count("server_credentials"), count("tools"), count("token_servers")]).toEqual([1, 1, 1, 1]);
    expect(upgraded.prepare("SELECT url FROM mcp_servers").pluck().get()).toBe("https://notes.example.com/mcp");
    // A stdio server can now be stored without a URL, and foreign keys hold again after the upgrade.
    upgraded.exec("INSERT INTO mcp_servers (id, slug, name, url, deployment) VALUES ('srv_0000000000000002', 'local', 'Local', NULL, 'local-single')");
    expect(upgraded.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() => upgraded.exec("INSERT INTO token_servers (token_id, server_id) VALUES ('tok_0000000000000001', 'srv_missing')")).toThrow(/FOREIGN KEY/);
    // The rebuilt table still moves the verification cache's epoch.
    const epoch = () => upgraded.prepare("SELECT n FROM verify_epoch").pluck().get() as number;
    const before = epoch();
    upgraded.exec("UPDATE mcp_servers SET status = 'disabled' WHERE slug = 'notes'");
    expect(epoch()).toBe(before + 1);
  });

  it("keep remote servers accepting OAuth, and give existing grants and refresh tokens the ends the old constants gave them", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrate-"));
    const file = path.join(dir, "gatehouse.db");
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo(dir, "0013_oauth_client_metadata") });
    old.exec(`
      INSERT INTO users (id, email, name, role, status) VALUES ('usr_0000000000000001', 'a@example.com', 'A', 'admin', 'active');
      INSERT INTO mcp_servers (id, slug, name, url, deployment) VALUES ('srv_0000000000000001', 'notes', 'Notes', 'https://notes.example.com/mcp', 'remote');
      INSERT INTO mcp_servers (id, slug, name, url, deployment) VALUES ('srv_0000000000000002', 'laptop', 'Laptop', 'http://localhost:7000/mcp', 'local-multi');
      INSERT INTO oauth_clients (id, kind, name, redirect_uris, token_endpoint_auth_method, metadata) VALUES ('ocl_1', 'registration', 'C', '[]', 'none', '{}');
      INSERT INTO oauth_grants (id, user_id, client_id, server_id, scope, created_at) VALUES ('ogr_1', 'usr_0000000000000001', 'ocl_1', 'srv_0000000000000001', 'read', 1000);
      INSERT INTO oauth_refresh_tokens (id, grant_id, secret_hash, hint, state, created_at) VALUES ('ort_1', 'ogr_1', 'h', 'mcpr_…x', 'current', 2000);
    `);
    old.close();

    const upgraded = openDatabase(file).$client;
    expect(upgraded.prepare("SELECT slug, accepts_oauth FROM mcp_servers ORDER BY slug").all()).toEqual([
      { slug: "laptop", accepts_oauth: 0 },
      { slug: "notes", accepts_oauth: 1 },
    ]);
    expect(upgraded.prepare("SELECT expires_at FROM oauth_grants").pluck().get()).toBe(1000 + 90 * 86_400_000);
    expect(upgraded.prepare("SELECT expires_at FROM oauth_refresh_tokens").pluck().get()).toBe(2000 + 30 * 86_400_000);
    const epoch = () => upgraded.prepare("SELECT n FROM verify_epoch").pluck().get() as number;
    const before = epoch();
    upgraded.exec("UPDATE mcp_servers SET accepts_oauth = 0 WHERE slug = 'notes'");
    expect(epoch()).toBe(before + 1);
  });
});
