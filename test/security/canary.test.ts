/**
 * Property 1: a canary token's plaintext and a canary password appear nowhere in the data folder
 * (the SQLite file, its WAL, the audit search index), the console output, or any answer after the one reveal — taken through the
 * whole life of both: invite, password set, sign-in (right and wrong), issue with reveal,
 * verify (allowed, denied, with the token stuffed into every free-text field), introspect,
 * rotate, self-revoke, listing and detail reads.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import { attachAuditIndex, auditIndexPath } from "@/db/audit-index";
import { indexAllAuditEvents } from "@/lib/audit/search-index";
import { registerServer } from "@/lib/servers/mutations";
import { reportTools } from "@/lib/servers/tools";
import { issueToken } from "@/lib/tokens/issue";
import { rotateToken } from "@/lib/tokens/lifecycle";
import { findTokenDetail, listOwnTokens, listTokensForExport } from "@/lib/tokens/queries";
import { acceptInvite, inviteUser } from "@/lib/users/mutations";
import { authenticateWithPassword } from "@/lib/users/sign-in";
import { handleIntrospect, handleRevoke, handleVerify } from "@/lib/verify/http";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";

const net = { clientIp: "203.0.113.1", userAgent: "vitest" };
const CANARY_PASSWORD = "canary-PASSWORD-7f3a9c-do-not-store";
const WRONG_CANARY_PASSWORD = "canary-WRONG-password-51be0d-do-not-store";

describe("canary secrets", () => {
  const t = useTempDb();
  let printed: string[] = [];

  beforeEach(() => {
    printed = [];
    for (const m of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    }
  });
  afterEach(() => vi.restoreAllMocks());

  /** Every place a secret could rest or travel, as text. */
  function everywhere(answers: string[]) {
    // The audit search index is a side file the server's indexer thread fills: fill it here too.
    const indexer = new Database(t.file);
    attachAuditIndex(indexer);
    expect(indexAllAuditEvents(indexer)).toBeGreaterThan(0);
    indexer.close();
    t.db.$client.pragma("wal_checkpoint(PASSIVE)");
    // Every file in the data folder: the database, its WAL and SHM, the audit index and its WAL.
    const folder = path.dirname(t.file);
    const files = fs.readdirSync(folder).map((name) => path.join(folder, name)).map((f) => ({ where: f, bytes: fs.readFileSync(f) }));
    expect(files.map((f) => path.basename(f.where))).toContain(path.basename(auditIndexPath(t.file)));
    return [...files, { where: "console", bytes: Buffer.from(printed.join("\n")) }, { where: "answers", bytes: Buffer.from(answers.join("\n")) }];
  }

  // Three scrypt hashes at N=2^17 and more: slow on a loaded machine.
  it("the token is seen once, the password never, anywhere", { timeout: 120_000 }, async () => {
    const { user, inviteSecret } = inviteUser({ email: "canary@example.com", name: "Canary", role: "admin" }, { actor: "system" as const, ...net });
    await acceptInvite(inviteSecret, CANARY_PASSWORD, net);
    expect(await authenticateWithPassword("canary@example.com", CANARY_PASSWORD, net)).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await authenticateWithPassword("canary@example.com", WRONG_CANARY_PASSWORD, net)).toEqual({ ok: false, reason: "wrong_credentials" });
    expect(await authenticateWithPassword("nobody@example.com", WRONG_CANARY_PASSWORD, net)).toEqual({ ok: false, reason: "wrong_credentials" });
    const admin = { id: user.id, email: user.email, name: user.name, role: "admin" as const };

    const { server, credential } = registerServer({ name: "Canary", url: "https://canary.example.com/mcp", deployment: "remote" }, { actor: "system" as const, ...net });
    reportTools(server, [{ name: "read_it", annotations: { readOnlyHint: true } }, { name: "write_it" }], { clientIp: null, userAgent: null });

    // The one reveal.
    const issued = issueToken(
      { ownerId: user.id, name: "canary", scope: "read", audience: { allServers: true }, lifetimeMs: 86_400_000, revealTo: "creator" },
      { actor: admin, ...net },
    );
    const canary = issued.secret!;
    expect(canary).toMatch(/^mcpt_/);

    const { deps } = testDeps();
    const auth = `Bearer ${credential}`;
    const answers: string[] = [];
    const answer = (r: { status: number; body: string }) => (answers.push(r.body), r);
    expect(answer(handleVerify(apiPost({ token: canary, method: "tools/call", tool: "read_it" }, { auth }), deps)).status).toBe(200);
    expect(answer(handleVerify(apiPost({ token: canary, method: "tools/call", tool: "write_it" }, { auth }), deps)).status).toBe(200);
    // A careless MCP server that copies the token into every free-text field.
    const stuffed = { token: canary, method: "tools/call", tool: canary, request_id: canary, user_agent: `agent ${canary}` };
    answer(handleVerify(apiPost(stuffed, { auth, userAgent: canary }), deps));
    answer(handleVerify(apiPost({ token: canary }, { auth: `Bearer ${canary}` }), deps));
    answer(handleIntrospect(apiPost(`token=${canary}`, { auth, contentType: "application/x-www-form-urlencoded" }), deps));
    const rotated = rotateToken(issued.token.id, 3_600_000, { actor: admin, ...net });
    expect(rotated.secret).not.toBe(canary);
    answer(handleVerify(apiPost({ token: canary }, { auth }), deps));
    answers.push(JSON.stringify(listOwnTokens(admin)), JSON.stringify(findTokenDetail(admin, issued.token.id)));
    answers.push(JSON.stringify(listTokensForExport(admin, { id: "createdAt", desc: true }, {})));
    expect(answer(handleRevoke(apiPost(`token=${canary}`, { auth, contentType: "application/x-www-form-urlencoded" }), deps)).status).toBe(200);
    expect(JSON.parse(answer(handleVerify(apiPost({ token: canary }, { auth }), deps)).body)).toEqual({ active: false, reason: "revoked" });

    for (const { where, bytes } of everywhere(answers)) {
      for (const secret of [canary, canary.slice(5, 35), CANARY_PASSWORD, WRONG_CANARY_PASSWORD, inviteSecret, credential]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret.slice(0, 12)}… in ${where}`).toBe(false);
      }
    }
    // The stuffed fields were kept, with the token cut out.
    const stored = t.db.$client.prepare("SELECT tool, request_id, user_agent FROM audit_events WHERE tool LIKE '%redacted%'").get();
    expect(stored).toEqual({ tool: "[redacted]", request_id: "[redacted]", user_agent: "agent [redacted]" });
  });
});
