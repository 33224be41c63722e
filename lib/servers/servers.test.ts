import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import type { ActorCtx } from "@/lib/auth/actor";
import { verifyChain } from "@/lib/audit/chain";
import { auditKeyring } from "@/lib/audit/key";
import { insertToken, insertUser, revokeFixtureToken } from "@/test/fixtures/tokens";
import { apiPost, testDeps } from "@/test/fixtures/verify-request";
import { useTempDb } from "@/test/temp-db";
import { handleVerify } from "@/lib/verify/http";
import { authReview } from "./auth-review";
import { registerServer, rotateServerCredential, ServerChangeError } from "./mutations";
import { credentialsOf, findServerById, toolCatalogue } from "./queries";
import { overrideToolClass, reportTools } from "./tools";

const ctx: ActorCtx = { actor: "system", clientIp: null, userAgent: "vitest" };
const noCtx = { clientIp: null, userAgent: null };

describe("MCP servers", () => {
  const t = useTempDb();

  it("registers a server with a slug from its name and a credential stored only as a digest", () => {
    const { server, credential } = registerServer({ name: "Notes & Docs!", url: "https://n.example.com/mcp", deployment: "local-multi" }, ctx);
    expect(server.slug).toBe("notes-docs");
    expect(credential).toMatch(/^mcps_/);
    const dump = JSON.stringify(t.db.$client.prepare("SELECT * FROM server_credentials").all()) + JSON.stringify(t.db.$client.prepare("SELECT * FROM audit_events").all());
    expect(dump).not.toContain(credential);
    expect(() => registerServer({ name: "Notes Docs", url: "https://x.example.com", deployment: "remote" }, ctx)).toThrow(ServerChangeError);
  });

  it("refuses to register a URL a server in service already has, under the URL field; an archived server's URL is free", () => {
    const { server } = registerServer({ name: "Live", url: "https://live.example.com/mcp", deployment: "remote" }, ctx);
    const again = () => registerServer({ name: "Copy", url: "https://live.example.com/mcp", deployment: "remote" }, ctx);
    expect(again).toThrow(expect.objectContaining({ field: "url", message: `The server "${server.slug}" already has this URL.` }));
    expect(t.db.$client.prepare("SELECT count(*) FROM mcp_servers WHERE url = ?").pluck().get("https://live.example.com/mcp")).toBe(1);
    // Two local servers without a URL are not a clash.
    registerServer({ name: "Local one", deployment: "local-multi" }, ctx);
    registerServer({ name: "Local two", deployment: "local-multi" }, ctx);
    t.db.$client.prepare("UPDATE mcp_servers SET archived_at = ? WHERE id = ?").run(Date.now(), server.id);
    expect(registerServer({ name: "Successor", url: "https://live.example.com/mcp", deployment: "remote" }, ctx).server.slug).toBe("successor");
  });

  it("rotates with a grace period: the old credential is in grace, the new one current, both audited", () => {
    const { server } = registerServer({ name: "R", url: "https://r.example.com", deployment: "remote" }, ctx);
    const { graceEndsAt } = rotateServerCredential(server.id, 3_600_000, ctx);
    expect(credentialsOf("system", server.id).map((c) => c.state).sort()).toEqual(["current", "grace"]);
    expect(credentialsOf("system", server.id).find((c) => c.state === "grace")?.expiresAt?.getTime()).toBe(graceEndsAt.getTime());
    const types = t.db.$client.prepare("SELECT type FROM audit_events ORDER BY seq").pluck().all();
    expect(types).toEqual(["server.registered", "server.credential_rotated"]);
  });

  it("classes reported tools by readOnlyHint, keeps an admin override across re-reports, and drops vanished tools", () => {
    const { server } = registerServer({ name: "T", url: "https://t.example.com", deployment: "remote" }, ctx);
    reportTools(server, [
      { name: "read_it", annotations: { readOnlyHint: true } },
      { name: "write_it", annotations: { readOnlyHint: false } },
      { name: "vague" },
    ], noCtx);
    const classes = () => Object.fromEntries(toolCatalogue("system", server.id).map((x) => [x.name, `${x.accessClass}/${x.source}`]));
    expect(classes()).toEqual({ read_it: "read/annotation", vague: "write/annotation", write_it: "write/annotation" });

    overrideToolClass(server.id, "write_it", "read", ctx);
    reportTools(server, [{ name: "read_it", annotations: { readOnlyHint: true } }, { name: "write_it" }], noCtx);
    expect(classes()).toEqual({ read_it: "read/annotation", write_it: "read/admin" });

    overrideToolClass(server.id, "write_it", "reported", ctx);
    expect(classes()).toEqual({ read_it: "read/annotation", write_it: "write/annotation" });
    const types = t.db.$client.prepare("SELECT type FROM audit_events WHERE type LIKE 'tool.%' ORDER BY seq").pluck().all();
    expect(types).toEqual(["tool.reported", "tool.class_overridden", "tool.reported", "tool.class_overridden"]);
    expect(verifyChain(t.db.select().from(auditEvents).orderBy(auditEvents.seq).all(), undefined, undefined, auditKeyring(t.db.$client)).ok).toBe(true);
  });

  it("shows tools that were called but never reported as unclassified, and lets an admin classify them", () => {
    const { server, credential } = registerServer({ name: "U", url: "https://u.example.com", deployment: "remote" }, ctx);
    const token = insertToken({ ownerId: insertUser().id, scope: "write" });
    handleVerify(apiPost({ token: token.secret, method: "tools/call", tool: "mystery" }, { auth: `Bearer ${credential}` }), testDeps().deps);
    expect(toolCatalogue("system", server.id)).toEqual([expect.objectContaining({ name: "mystery", accessClass: "unclassified", source: "never reported" })]);
    overrideToolClass(server.id, "mystery", "read", ctx);
    expect(toolCatalogue("system", server.id)).toEqual([expect.objectContaining({ name: "mystery", accessClass: "read", source: "admin" })]);
  });

  it("turns the auth review into live checks", () => {
    const { server, credential } = registerServer({ name: "A", url: "https://a.example.com", deployment: "remote" }, ctx);
    const user = insertUser();
    const status = () => Object.fromEntries(authReview("system", findServerById("system", server.id)!).map((c) => [c.id, c.status]));
    // Registered seconds ago, never called, no tokens: nothing to judge yet, and the review says so.
    expect(status()).toEqual({ strategy: "none", transport: "pass", expiry: "none", revocation: "none", audit: "none" });

    insertToken({ ownerId: user.id, scope: "read", expiresAt: null });
    const token = insertToken({ ownerId: user.id, scope: "read" });
    handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${credential}` }), testDeps().deps);
    revokeFixtureToken(token.tokenId);
    handleVerify(apiPost({ token: token.secret }, { auth: `Bearer ${credential}` }), testDeps().deps);
    expect(status()).toEqual({ strategy: "pass", transport: "pass", expiry: "fail", revocation: "pass", audit: "pass" });
    expect(authReview("system", findServerById("system", server.id)!).find((c) => c.id === "revocation")?.detail).toContain("1 such call was refused");
  });
});
