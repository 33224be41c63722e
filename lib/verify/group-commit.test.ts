import { describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/writer";
import { registerServer } from "@/lib/servers/mutations";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { apiPost, auditCount, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { submitToGroup } from "./group-commit";
import { handleVerify, type ApiResult } from "./http";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };

describe("group commit", () => {
  const t = useTempDb();

  it("answers the whole group 503, and records none of it, when SQLite rolls the group's transaction back mid-way", async () => {
    const { credential } = registerServer({ name: "Group", url: "https://group.example.com", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "write" });
    const before = auditCount(t.db.$client);
    let calls = 0;
    // The second call hits what SQLite answers to SQLITE_FULL or SQLITE_IOERR: it rolls back
    // the whole transaction by itself, then the statement fails.
    const { deps } = testDeps({
      audit: (tx, input) => {
        if (++calls === 2) {
          t.db.$client.exec("ROLLBACK");
          throw new Error("database or disk is full");
        }
        return recordAudit(tx, input);
      },
    });
    const answers = await Promise.all(
      [1, 2, 3, 4].map(
        (i) =>
          new Promise<ApiResult>((resolve) =>
            submitToGroup(() => handleVerify(apiPost({ token: token.secret, request_id: `g${i}` }, { auth: `Bearer ${credential}` }), deps), resolve),
          ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    // Calls after the rollback must not commit on their own: the log would show allows nobody got.
    expect(auditCount(t.db.$client)).toBe(before);
  });

  it("commits the rest of the group when one call's audit row fails, and keeps none of that call's writes", async () => {
    const { credential } = registerServer({ name: "Partial", url: "https://partial.example.com", deployment: "remote" }, ctx);
    const owner = insertUser().id;
    const tokens = [1, 2, 3].map(() => insertToken({ ownerId: owner, scope: "write" }));
    const before = auditCount(t.db.$client);
    // The second call is a first use, so it has last-used writes due before its audit row fails.
    const { deps } = testDeps({
      audit: (tx, input) => {
        if (input.tokenId === tokens[1]!.tokenId) throw new Error("constraint failed");
        return recordAudit(tx, input);
      },
    });
    const answers = await Promise.all(
      tokens.map(
        (token) =>
          new Promise<ApiResult>((resolve) =>
            submitToGroup(() => handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${credential}` }), deps), resolve),
          ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 503, 200]);
    expect(auditCount(t.db.$client)).toBe(before + 2);
    const lastUsed = t.db.$client.prepare("SELECT last_used_at FROM tokens WHERE id = ?").pluck();
    expect(tokens.map((token) => lastUsed.get(token.tokenId) !== null)).toEqual([true, false, true]);
  });

  it("commits the rest of the group when a call with nothing but its audit row to write fails", async () => {
    const { credential } = registerServer({ name: "Warm", url: "https://warm.example.com", deployment: "remote" }, ctx);
    const owner = insertUser().id;
    const tokens = [1, 2, 3].map(() => insertToken({ ownerId: owner, scope: "write" }));
    const group = (deps: ReturnType<typeof testDeps>["deps"]) =>
      Promise.all(
        tokens.map(
          (token) =>
            new Promise<ApiResult>((resolve) =>
              submitToGroup(() => handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${credential}` }), deps), resolve),
            ),
        ),
      );
    const { deps, clock } = testDeps();
    // A first round writes every last-used time; a second within the minute has none due.
    expect((await group(deps)).map((a) => a.status)).toEqual([200, 200, 200]);
    const before = auditCount(t.db.$client);
    clock.now += 1000;
    const failing = testDeps({
      now: () => clock.now,
      audit: (tx, input) => {
        if (input.tokenId === tokens[1]!.tokenId) throw new Error("constraint failed");
        return recordAudit(tx, input);
      },
    }).deps;
    expect((await group(failing)).map((a) => a.status)).toEqual([200, 503, 200]);
    expect(auditCount(t.db.$client)).toBe(before + 2);
  });
});
