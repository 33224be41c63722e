import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { VERIFY_EPOCH_UNWATCHED } from "@/db/verify-epoch";
import { registerServer } from "@/lib/servers/mutations";
import { reportTools } from "@/lib/servers/tools";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleVerify } from "./http";
import { LookupCache } from "./lookup-cache";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

describe("verify_epoch triggers", () => {
  const t = useTempDb();

  it.each(Object.keys(VERIFY_EPOCH_UNWATCHED))("%s: every insert, delete and update of a column other than last-used moves the counter", (table) => {
    const sqlite = t.db.$client;
    const triggers = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE '%verify_epoch%'").pluck().all(table) as string[];
    expect(triggers.some((s) => / AFTER INSERT ON /.test(s))).toBe(true);
    expect(triggers.some((s) => / AFTER DELETE ON /.test(s))).toBe(true);
    const update = triggers.find((s) => / AFTER UPDATE OF /.test(s));
    const listed = new Set(/UPDATE OF (.*?) ON /.exec(update ?? "")?.[1]?.split(/,\s*/) ?? []);
    const columns = sqlite.prepare("SELECT name FROM pragma_table_info(?)").pluck().all(table) as string[];
    // A new column is covered unless it is deliberately listed as a last-used column.
    expect(columns.filter((c) => !listed.has(c) && !VERIFY_EPOCH_UNWATCHED[table]!.includes(c))).toEqual([]);
  });

  it("moves on a revocation and stays put when only last-used times change", () => {
    const user = insertUser({ email: "eve@example.com", name: "Eve" });
    const token = insertToken({ ownerId: user.id, scope: "read" });
    const sqlite = t.db.$client;
    const epoch = () => sqlite.prepare("SELECT n FROM verify_epoch").pluck().get() as number;
    const before = epoch();
    sqlite.prepare("UPDATE tokens SET last_used_at = 1, last_used_server_id = NULL WHERE id = ?").run(token.tokenId);
    expect(epoch()).toBe(before);
    sqlite.prepare("UPDATE tokens SET revoked_at = 1 WHERE id = ?").run(token.tokenId);
    expect(epoch()).toBe(before + 1);
  });
});

describe("LookupCache", () => {
  it("keeps values while the counter stands still and forgets them all when it moves", () => {
    let n = 1;
    const cache = new LookupCache(() => n);
    let loads = 0;
    const load = () => ++loads;
    cache.sync();
    expect([cache.get("token", "a", load), cache.get("token", "a", load)]).toEqual([1, 1]);
    n = 2;
    cache.sync();
    expect(cache.get("token", "a", load)).toBe(2);
  });

  it("does not remember an absence reported as undefined (an unknown token)", () => {
    const cache = new LookupCache(() => 1);
    cache.sync();
    let loads = 0;
    const missing = () => (loads++, undefined);
    cache.get("token", "x", missing);
    cache.get("token", "x", missing);
    expect(loads).toBe(2);
  });
});

describe("decisions with the cache, changed by another process", () => {
  const t = useTempDb();

  function setup() {
    const a = registerServer({ name: "Notes", url: "https://notes.example.com/mcp", deployment: "remote" }, ctx);
    reportTools(a.server, [{ name: "list_notes", annotations: { readOnlyHint: true } }], { clientIp: null, userAgent: null });
    const user = insertUser({ email: "cai@example.com", name: "Cai" });
    const token = insertToken({ ownerId: user.id, scope: "read" });
    const { deps } = testDeps();
    const call = () => JSON.parse(handleVerify(apiPost({ token: token.secret, method: "tools/call", tool: "list_notes" }, { auth: `Bearer ${a.credential}` }), deps).body);
    // A second connection, as the CLI in another process would have.
    const other = new Database(t.file);
    return { a, user, token, call, other };
  }

  it.each<[string, (s: ReturnType<typeof setup>) => void, Record<string, unknown>]>([
    ["a token revoked", (s) => s.other.prepare("UPDATE tokens SET revoked_at = ? WHERE id = ?").run(Date.now() - 1, s.token.tokenId), { active: false, reason: "revoked" }],
    ["its owner disabled", (s) => s.other.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").run(s.user.id), { active: false, reason: "user_disabled" }],
    ["its audience narrowed", (s) => {
      s.other.prepare("UPDATE tokens SET all_servers = 0 WHERE id = ?").run(s.token.tokenId);
    }, { active: false, reason: "wrong_audience" }],
    // An archived server's credential is refused: the call is not judged at all (401).
    ["its server archived", (s) => s.other.prepare("UPDATE mcp_servers SET archived_at = ? WHERE id = ?").run(Date.now(), s.a.server.id), { error: { code: "unauthenticated" } }],
    ["the tool reclassified as write", (s) => s.other.prepare("UPDATE tools SET access_class = 'write' WHERE name = 'list_notes'").run(), { active: true, allowed: false }],
  ])("%s: the very next call sees it", (_name, change, expected) => {
    const s = setup();
    expect(s.call()).toMatchObject({ active: true, allowed: true });
    expect(s.call()).toMatchObject({ active: true, allowed: true });
    change(s);
    expect(s.call()).toMatchObject(expected);
    s.other.close();
  });
});
