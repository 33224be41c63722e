import { afterEach, describe, expect, it, vi } from "vitest";
import { registerServer } from "@/lib/servers/mutations";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleVerify } from "./http";
import { TOUCH_GRANULARITY_MS, verifyStatements } from "./statements";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

describe("last-used bookkeeping on verify", () => {
  const t = useTempDb();
  afterEach(() => vi.restoreAllMocks());

  function setup() {
    const a = registerServer({ name: "Alpha", url: "https://alpha.example.com/mcp", deployment: "remote" }, ctx);
    const b = registerServer({ name: "Beta", url: "https://beta.example.com/mcp", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "write" });
    const { deps, clock } = testDeps();
    const s = verifyStatements(t.db.$client);
    const updates = [vi.spyOn(s.touchToken, "run"), vi.spyOn(s.touchCredential, "run"), vi.spyOn(s.touchServer, "run")];
    const call = (server: { credential: string }) => {
      const res = handleVerify(apiPost({ token: token.secret, method: "tools/list" }, { auth: `Bearer ${server.credential}` }), deps);
      expect(res.status).toBe(200);
    };
    const updatesRun = () => updates.reduce((n, spy) => n + spy.mock.calls.length, 0);
    const tokenRow = () => t.db.$client.prepare("SELECT last_used_at, last_used_server_id FROM tokens WHERE id = ?").get(token.tokenId);
    const stamps = (serverId: string) =>
      t.db.$client
        .prepare("SELECT c.last_used_at AS credential, s.last_call_at AS server FROM server_credentials c JOIN mcp_servers s ON s.id = c.server_id WHERE s.id = ?")
        .get(serverId);
    return { a, b, deps, clock, call, updatesRun, tokenRow, stamps };
  }

  it("writes the first use at once, then runs no UPDATE at all for calls within the window", () => {
    const { a, clock, call, updatesRun, tokenRow, stamps } = setup();
    const first = clock.now;
    call(a);
    expect(tokenRow()).toEqual({ last_used_at: first, last_used_server_id: a.server.id });
    expect(stamps(a.server.id)).toEqual({ credential: first, server: first });
    const afterFirst = updatesRun();
    expect(afterFirst).toBe(3);

    clock.now = first + TOUCH_GRANULARITY_MS - 1;
    call(a);
    expect(updatesRun()).toBe(afterFirst);
    expect(tokenRow()).toEqual({ last_used_at: first, last_used_server_id: a.server.id });

    clock.now = first + TOUCH_GRANULARITY_MS + 1;
    call(a);
    expect(tokenRow()).toEqual({ last_used_at: clock.now, last_used_server_id: a.server.id });
    expect(stamps(a.server.id)).toEqual({ credential: clock.now, server: clock.now });
  });

  it("records a use on another server at once, even within the window", () => {
    const { a, b, clock, call, tokenRow, stamps } = setup();
    call(a);
    clock.now += 1000;
    call(b);
    expect(tokenRow()).toEqual({ last_used_at: clock.now, last_used_server_id: b.server.id });
    expect(stamps(b.server.id)).toEqual({ credential: clock.now, server: clock.now });
    clock.now += 1000;
    call(a);
    expect(tokenRow()).toEqual({ last_used_at: clock.now, last_used_server_id: a.server.id });
  });

  it("writes again within the minute after another process changed the value, at the latest", () => {
    const { a, clock, call, tokenRow } = setup();
    call(a);
    // Another process (or an admin tool) cleared it. The rows verification caches do not move
    // with last-used writes (they would empty the cache on every call), so this process learns
    // of it when its own minute is up.
    t.db.$client.prepare("UPDATE tokens SET last_used_at = NULL, last_used_server_id = NULL").run();
    clock.now += TOUCH_GRANULARITY_MS + 1;
    call(a);
    expect(tokenRow()).toEqual({ last_used_at: clock.now, last_used_server_id: a.server.id });
  });

  it("touches the server and its credential, not the token, when the token does not work", () => {
    const { a, deps, clock, stamps } = setup();
    const res = handleVerify(apiPost({ token: "mcpt_not-a-real-token" }, { auth: `Bearer ${a.credential}` }), deps);
    expect(JSON.parse(res.body)).toEqual({ active: false, reason: "malformed" });
    expect(stamps(a.server.id)).toEqual({ credential: clock.now, server: clock.now });
  });
});
