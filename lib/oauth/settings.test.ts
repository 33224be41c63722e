import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ForbiddenError } from "@/lib/auth/actor";
import { saveTokenPolicy } from "@/lib/policy/store";
import { DEFAULT_TOKEN_POLICY } from "@/lib/policy/token-policy";
import { DAY_MS } from "@/lib/tokens/duration";
import { body, consentCode, ctx, exchangeCode, form, refreshWith, setUp, type FlowSetUp } from "@/test/fixtures/oauth-flow";
import { useTempDb } from "@/test/temp-db";
import { startAuthorization } from "./authorize";
import { loadConsent } from "./consent";
import { createOAuthLimits, handleToken } from "./endpoints";
import { oauthLifetimes } from "./lifetimes";
import { readOAuthSettings, saveOAuthSettings } from "./settings";

const system = { actor: "system" as const, clientIp: null, userAgent: "vitest" };
const DEFAULTS = { writeApproval: "admins", accessTokenMinutes: 60, refreshIdleDays: 30, refreshAbsoluteDays: 90 } as const;

describe("OAuth settings: who may allow write, and the lifetimes", () => {
  const t = useTempDb();
  const policyEvents = () =>
    (t.db.$client.prepare("SELECT details FROM audit_events WHERE type = 'policy.updated' ORDER BY seq").pluck().all() as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);

  it("starts from the defaults, saves a change audited as policy.updated with what changed, and is admins' and the CLI's alone", () => {
    expect(readOAuthSettings()).toEqual(DEFAULTS);
    expect(oauthLifetimes()).toEqual({ accessTokenMs: 3_600_000, refreshIdleMs: 30 * DAY_MS, refreshAbsoluteMs: 90 * DAY_MS });
    const user = { id: "usr_0000000000000001", email: "u@example.com", name: "U", role: "user" as const };
    expect(() => saveOAuthSettings({ ...DEFAULTS, writeApproval: "everyone" }, { ...system, actor: user })).toThrow(ForbiddenError);
    saveOAuthSettings({ ...DEFAULTS, accessTokenMinutes: "15", refreshIdleDays: 7 }, system);
    expect(readOAuthSettings()).toEqual({ ...DEFAULTS, accessTokenMinutes: 15, refreshIdleDays: 7 });
    expect(oauthLifetimes().accessTokenMs).toBe(15 * 60_000);
    expect(policyEvents()).toEqual([
      { setting: "oauth_settings", changed: ["accessTokenMinutes", "refreshIdleDays"], before: DEFAULTS, after: { ...DEFAULTS, accessTokenMinutes: 15, refreshIdleDays: 7 } },
    ]);
  });

  it.each([
    ["an access token under 5 minutes", { accessTokenMinutes: 4 }, "accessTokenMinutes", "Access token lifetime: at least 5 minutes"],
    ["an access token over 24 hours", { accessTokenMinutes: 1441 }, "accessTokenMinutes", "Access token lifetime: at most 1440 minutes"],
    ["a fraction", { accessTokenMinutes: "7.5" }, "accessTokenMinutes", "Access token lifetime: whole minutes only"],
    ["not a number", { refreshIdleDays: "soon" }, "refreshIdleDays", "Refresh token idle lifetime: enter a number of days"],
    ["an idle lifetime longer than the absolute one", { refreshIdleDays: 60, refreshAbsoluteDays: 30 }, "refreshIdleDays", "Refresh token idle lifetime: cannot be longer than the absolute lifetime"],
    ["an absolute lifetime over a year", { refreshAbsoluteDays: 366 }, "refreshAbsoluteDays", "Refresh token absolute lifetime: at most 365 days"],
    ["an unknown approver", { writeApproval: "nobody" }, "writeApproval", "Choose who may allow apps to write"],
  ])("refuses %s, naming the field, and changes nothing", (_label, change, field, message) => {
    let error: unknown;
    try {
      saveOAuthSettings({ ...DEFAULTS, ...change }, system);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]).toMatchObject({ path: [field], message });
    expect(readOAuthSettings()).toEqual(DEFAULTS);
    expect(policyEvents()).toEqual([]);
  });

  it("sees a save made by another process (the CLI) at the next read: the cache is keyed on the stored value", () => {
    expect(oauthLifetimes().accessTokenMs).toBe(3_600_000);
    t.db.$client.prepare("INSERT INTO settings (key, value) VALUES ('oauth_settings', ?)").run(JSON.stringify({ ...DEFAULTS, accessTokenMinutes: 30 }));
    expect(oauthLifetimes().accessTokenMs).toBe(30 * 60_000);
    // A value that no longer parses falls back to the defaults rather than failing the token endpoint.
    t.db.$client.prepare("UPDATE settings SET value = '{\"accessTokenMinutes\":1}' WHERE key = 'oauth_settings'").run();
    expect(oauthLifetimes().accessTokenMs).toBe(3_600_000);
  });

  it("follows the token policy's highest scope for users until saved, as OAuth did before it had a setting", () => {
    saveTokenPolicy({ ...DEFAULT_TOKEN_POLICY, userMaxScope: "write" }, { id: "usr_admin", email: "a@example.com", name: "A", role: "admin" }, ctx);
    expect(readOAuthSettings().writeApproval).toBe("everyone");
    saveOAuthSettings({ ...DEFAULTS, writeApproval: "admins" }, system);
    expect(readOAuthSettings().writeApproval).toBe("admins");
  });

  async function askWrite(s: FlowSetUp) {
    const outcome = await startAuthorization(
      new URLSearchParams({ response_type: "code", client_id: s.client.client_id, redirect_uri: "http://127.0.0.1:8123/callback", code_challenge: "c".repeat(43), code_challenge_method: "S256", resource: "https://notes.example.com/mcp", scope: "tools:write" }),
    );
    if (outcome.kind !== "consent") throw new Error("expected consent");
    return loadConsent(outcome.requestId, s.actor)!;
  }

  it("lets a non-admin allow write only when the setting says everyone may; the consent page is told what they may grant", async () => {
    const s = setUp();
    expect(await askWrite(s)).toMatchObject({ requested: "write", grantable: "read" });
    expect(body(await exchangeCode(s, (await consentCode(s, { scope: "tools:write" })).searchParams.get("code")!)).scope).toBe("tools:read");
    saveOAuthSettings({ ...DEFAULTS, writeApproval: "everyone" }, system);
    expect(await askWrite(s)).toMatchObject({ requested: "write", grantable: "write" });
    expect(body(await exchangeCode(s, (await consentCode(s, { scope: "tools:write" })).searchParams.get("code")!)).scope).toBe("tools:read tools:write");
  });

  it("gives tokens the access lifetime in force when they are issued", async () => {
    const s = setUp();
    saveOAuthSettings({ ...DEFAULTS, accessTokenMinutes: 5 }, system);
    const issued = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    expect(issued.expires_in).toBe(300);
    const row = t.db.$client.prepare("SELECT expires_at - created_at FROM tokens").pluck().get();
    expect(row).toBe(300_000);
  });

  // Requests "in the future" get limiters of their own: a refusal then must not slow the present down.
  it("ends a refresh token unused for the idle lifetime it was issued with; a later change does not move it", async () => {
    const s = setUp();
    saveOAuthSettings({ ...DEFAULTS, refreshIdleDays: 2 }, system);
    const first = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    // Lengthening the setting afterwards leaves this token's end where it was.
    saveOAuthSettings({ ...DEFAULTS, refreshIdleDays: 30 }, system);
    const late = await handleToken(form({ grant_type: "refresh_token", refresh_token: String(first.refresh_token), client_id: s.client.client_id }), createOAuthLimits(), Date.now() + 2 * DAY_MS + 1000);
    expect(body(late)).toMatchObject({ error: "invalid_grant", error_description: "This refresh token has expired from disuse: sign in again." });
    // One issued now gets the new 30 days.
    const second = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    const inTime = await handleToken(form({ grant_type: "refresh_token", refresh_token: String(second.refresh_token), client_id: s.client.client_id }), createOAuthLimits(), Date.now() + 3 * DAY_MS);
    expect(body(inTime)).toMatchObject({ token_type: "Bearer" });
  });

  it("ends a grant at the absolute lifetime in force at consent, however often it was refreshed", async () => {
    const s = setUp();
    saveOAuthSettings({ ...DEFAULTS, refreshIdleDays: 1, refreshAbsoluteDays: 1 }, system);
    const issued = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    saveOAuthSettings(DEFAULTS, system);
    const rotated = body(await refreshWith(s, String(issued.refresh_token)));
    expect(typeof rotated.refresh_token).toBe("string");
    const after = await handleToken(form({ grant_type: "refresh_token", refresh_token: String(rotated.refresh_token), client_id: s.client.client_id }), createOAuthLimits(), Date.now() + DAY_MS + 1000);
    expect(body(after)).toMatchObject({ error: "invalid_grant", error_description: "This grant has expired: sign in again." });
  });
});
