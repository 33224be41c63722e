import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/tokens/duration";
import { tokenPolicySchema } from "@/lib/validation/tokens";
import { DEFAULT_TOKEN_POLICY, policyRefusal, regeneratedLifetime, rotationRefusal, type TokenPolicy } from "./token-policy";

const policy = (overrides: Partial<TokenPolicy> = {}): TokenPolicy => ({ ...DEFAULT_TOKEN_POLICY, ...overrides });
const admin = (scope: "read" | "write", days: number | null) => ({ selfService: false, scope, lifetimeMs: days === null ? null : days * DAY_MS });
const user = (scope: "read" | "write", days: number | null) => ({ ...admin(scope, days), selfService: true });

describe("token policy", () => {
  it("defaults: 90 days, at most 365, no 'no expiry', users may issue read tokens for 90 days", () => {
    expect(DEFAULT_TOKEN_POLICY).toEqual({
      defaultLifetimeDays: 90,
      maxLifetimeDays: 365,
      allowNoExpiry: false,
      usersMayIssue: true,
      userMaxScope: "read",
      userMaxLifetimeDays: 90,
    });
  });

  it.each([
    ["admin, write, the maximum", policy(), admin("write", 365)],
    ["admin, no expiry when allowed", policy({ allowNoExpiry: true }), admin("read", null)],
    ["user, read, their longest", policy(), user("read", 90)],
    ["user, write when allowed", policy({ userMaxScope: "write" }), user("write", 30)],
  ])("allows %s", (_name, p, req) => {
    expect(policyRefusal(p, req)).toBeNull();
  });

  it.each([
    ["admin over the maximum", policy(), admin("read", 366), /at most 365 days/],
    ["admin under a lowered maximum", policy({ maxLifetimeDays: 30, defaultLifetimeDays: 30, userMaxLifetimeDays: 30 }), admin("read", 31), /at most 30 days/],
    ["no expiry by default", policy(), admin("read", null), /must expire/],
    ["user: no expiry even when admins may", policy({ allowNoExpiry: true }), user("read", null), /must expire/],
    ["user over their longest", policy(), user("read", 91), /at most 90 days/],
    ["user: their longest capped by the maximum", policy({ maxLifetimeDays: 60, defaultLifetimeDays: 60, userMaxLifetimeDays: 60 }), user("read", 61), /at most 60 days/],
    ["user above their highest scope", policy(), user("write", 30), /only issue read tokens/],
    ["user when users may not issue", policy({ usersMayIssue: false }), user("read", 30), /Only administrators/],
    ["a lifetime of zero", policy(), admin("read", 0), /future/],
  ])("refuses %s", (_name, p, req, message) => {
    expect(policyRefusal(p, req)).toMatch(message);
  });

  it("refuses to rotate a token without expiry once the policy forbids that", () => {
    expect(rotationRefusal(policy(), { expiresAt: null })).toMatch(/no longer allows/);
    expect(rotationRefusal(policy({ allowNoExpiry: true }), { expiresAt: null })).toBeNull();
    expect(rotationRefusal(policy(), { expiresAt: new Date() })).toBeNull();
  });

  it.each([
    ["a default longer than the maximum", { defaultLifetimeDays: 400 }, "defaultLifetimeDays"],
    ["a user maximum longer than the maximum", { userMaxLifetimeDays: 400 }, "userMaxLifetimeDays"],
    ["zero days", { maxLifetimeDays: 0 }, "maxLifetimeDays"],
    ["fractional days", { defaultLifetimeDays: 1.5 }, "defaultLifetimeDays"],
  ])("the settings form refuses %s", (_name, overrides, field) => {
    const result = tokenPolicySchema.safeParse({ ...DEFAULT_TOKEN_POLICY, ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });
});

describe("a regenerated token's lifetime", () => {
  it.each([
    ["keeps the old length when allowed", policy(), false, 30, { lifetimeMs: 30 * DAY_MS }],
    ["cuts a user's to their longest", policy(), true, 200, { lifetimeMs: 90 * DAY_MS, cappedFromMs: 200 * DAY_MS }],
    ["cuts an admin's to a lowered maximum", policy({ maxLifetimeDays: 100, userMaxLifetimeDays: 90 }), false, 200, { lifetimeMs: 100 * DAY_MS, cappedFromMs: 200 * DAY_MS }],
    ["keeps 'no expiry' for an admin while the policy allows it", policy({ allowNoExpiry: true }), false, null, { lifetimeMs: null }],
    ["gives 'no expiry' the longest lifetime once it is not allowed", policy(), false, null, { lifetimeMs: 365 * DAY_MS, cappedFromMs: null }],
    ["never gives a user 'no expiry'", policy({ allowNoExpiry: true }), true, null, { lifetimeMs: 90 * DAY_MS, cappedFromMs: null }],
  ])("%s", (_name, p, selfService, days, expected) => {
    expect(regeneratedLifetime(p, selfService, days === null ? null : days * DAY_MS)).toEqual(expected);
  });
});
