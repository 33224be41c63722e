import { describe, expect, it } from "vitest";
import { deriveTokenStatus, isUsable } from "./status";

const now = new Date("2026-01-01T12:00:00Z");
const past = new Date(now.getTime() - 1000);
const future = new Date(now.getTime() + 1000);
const current = { expiresAt: null };

describe("deriveTokenStatus", () => {
  it.each([
    ["revoked beats everything", { revokedAt: past, expiresAt: past }, [current, { expiresAt: future }], "revoked"],
    ["expired beats ready and rotating", { revokedAt: null, expiresAt: past }, [current, { expiresAt: future }], "expired"],
    ["expiry at exactly now counts as expired", { revokedAt: null, expiresAt: now }, [current], "expired"],
    ["no secret yet: ready to claim", { revokedAt: null, expiresAt: future }, [], "ready"],
    ["rotated for its owner to claim, the old secret in grace: ready", { revokedAt: null, expiresAt: future }, [{ expiresAt: future }], "ready"],
    ["rotated for its owner to claim, the old secret's grace over: ready", { revokedAt: null, expiresAt: future }, [{ expiresAt: past }], "ready"],
    ["an old secret still in grace: rotating", { revokedAt: null, expiresAt: future }, [current, { expiresAt: future }], "rotating"],
    ["an old secret whose grace ended: active", { revokedAt: null, expiresAt: future }, [current, { expiresAt: past }], "active"],
    ["a grace ending exactly now: active", { revokedAt: null, expiresAt: null }, [current, { expiresAt: now }], "active"],
    ["no expiry, one secret: active", { revokedAt: null, expiresAt: null }, [current], "active"],
  ] as const)("%s", (_name, token, secrets, expected) => {
    expect(deriveTokenStatus(token, secrets, now)).toBe(expected);
  });

  it("a disabled owner makes an active token unusable", () => {
    expect(isUsable("active", "active")).toBe(true);
    expect(isUsable("rotating", "active")).toBe(true);
    expect(isUsable("active", "disabled")).toBe(false);
    expect(isUsable("ready", "active")).toBe(false);
  });
});
