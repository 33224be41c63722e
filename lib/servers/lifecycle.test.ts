import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { ActorCtx } from "@/lib/auth/actor";
import { handleLocalCall, handleVerify } from "@/lib/verify/http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { authReview } from "./auth-review";
import { removeServer, restoreServer, updateServer } from "./lifecycle";
import { registerServer, ServerChangeError } from "./mutations";
import { findServerById, listServers } from "./queries";
import { serverTies } from "./ties";

const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "vitest" };

describe("editing, removing, archiving and restoring a server", () => {
  const t = useTempDb();
  const events = (type: string) =>
    (t.db.$client.prepare("SELECT details FROM audit_events WHERE type = ? ORDER BY seq").pluck().all(type) as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);

  it("audits an edit with each changed field before and after, and the audience when the URL moves", () => {
    const { server } = registerServer({ name: "Notes", url: "https://old.example.com/mcp", deployment: "remote" }, ctx);
    const updated = updateServer({ serverId: server.id, name: "Team notes", url: "https://new.example.com/mcp", deployment: "local-multi" }, ctx);
    expect(updated).toMatchObject({ name: "Team notes", url: "https://new.example.com/mcp", deployment: "local-multi", slug: server.slug });
    expect(events("server.updated")).toEqual([
      {
        // A local server is not offered OAuth: it stops accepting it with the move.
        changed: ["name", "url", "deployment", "acceptsOAuth"],
        before: { name: "Notes", url: "https://old.example.com/mcp", deployment: "remote", acceptsOAuth: true },
        after: { name: "Team notes", url: "https://new.example.com/mcp", deployment: "local-multi", acceptsOAuth: false },
        audience: { before: "https://old.example.com/mcp", after: "https://new.example.com/mcp" },
      },
    ]);
    // Saving without a change writes nothing.
    updateServer({ serverId: server.id, name: "Team notes", url: "https://new.example.com/mcp", deployment: "local-multi" }, ctx);
    expect(events("server.updated")).toHaveLength(1);
  });

  it("refuses a URL another server has, under the URL field", () => {
    registerServer({ name: "A", url: "https://a.example.com/mcp", deployment: "remote" }, ctx);
    const { server } = registerServer({ name: "B", url: "https://b.example.com/mcp", deployment: "remote" }, ctx);
    const attempt = () => updateServer({ serverId: server.id, name: "B", url: "https://a.example.com/mcp", deployment: "remote" }, ctx);
    expect(attempt).toThrow(expect.objectContaining({ field: "url", message: 'The server "a" already has this URL.' }));
  });

  it("deletes a server nothing refers to, with its credentials, and records the removal", () => {
    const { server } = registerServer({ name: "Unused", url: "https://unused.example.com/mcp", deployment: "remote" }, ctx);
    expect(removeServer(server.id, "delete", ctx)).toBe("delete");
    expect(findServerById("system", server.id)).toBeUndefined();
    expect(t.db.$client.prepare("SELECT count(*) FROM server_credentials").pluck().get()).toBe(0);
    expect(events("server.removed")).toEqual([{ name: "Unused", slug: "unused", url: "https://unused.example.com/mcp", deployment: "remote" }]);
  });

  it("archives a server that tokens are bound to; its credential is refused on the very next call; restore brings it back", () => {
    const { server, credential } = registerServer({ name: "Used", url: "https://used.example.com/mcp", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "read", serverIds: [server.id] });
    const { deps } = testDeps();
    const verify = () => handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${credential}` }), deps);
    expect(verify().status).toBe(200);
    expect(verify().status).toBe(200);
    expect(serverTies("system", server.id)).toMatchObject({ boundTokens: 1, liveBoundTokens: 1, hasHistory: true });

    // The dialog promised a deletion; the server is in use, so nothing happens.
    expect(() => removeServer(server.id, "delete", ctx)).toThrow(ServerChangeError);
    expect(findServerById("system", server.id)?.archivedAt).toBeNull();

    // Archived from another process, as the CLI would: the cached lookup must not outlive it.
    const other = new Database(t.file);
    other.prepare("UPDATE mcp_servers SET archived_at = ? WHERE id = ?").run(Date.now(), server.id);
    expect(verify().status).toBe(401);
    other.prepare("UPDATE mcp_servers SET archived_at = NULL WHERE id = ?").run(server.id);
    other.close();
    expect(verify().status).toBe(200);

    expect(removeServer(server.id, "archive", ctx)).toBe("archive");
    expect(verify().status).toBe(401);
    expect(listServers("system").map((s) => s.slug)).toEqual([]);
    expect(listServers("system", { archived: true }).map((s) => s.slug)).toEqual(["used"]);
    expect(() => updateServer({ serverId: server.id, name: "X", url: "https://used.example.com/mcp", deployment: "remote" }, ctx)).toThrow("Restore it before you edit it");

    restoreServer(server.id, ctx);
    expect(verify().status).toBe(200);
    const types = t.db.$client.prepare("SELECT type FROM audit_events WHERE type LIKE 'server.%' ORDER BY seq").pluck().all();
    expect(types).toEqual(["server.registered", "server.archived", "server.restored"]);
    expect(events("server.archived")[0]).toMatchObject({ slug: "used", boundTokens: 1, oauthGrants: 0, hasHistory: true });
  });

  it("a 'local, one user' server called for four different OS users fails the single-user check", () => {
    const { server, credential } = registerServer({ name: "Laptop", deployment: "local-single" }, ctx);
    const { deps } = testDeps();
    for (const who of ["ada", "bob", "cai", "dee", "ada"]) handleLocalCall(apiPost({ local_user: who }, { auth: `Bearer ${credential}` }), deps);
    const check = authReview("system", findServerById("system", server.id)!).find((c) => c.id === "single-user");
    expect(check).toMatchObject({ status: "fail" });
    expect(check?.detail).toContain("4 different people");
  });
});
