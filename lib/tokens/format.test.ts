import { describe, expect, it } from "vitest";
import { BASE62 } from "./base62";
import { CREDENTIAL_LENGTH, credentialHint, digestCredential, generateCredential, isWellFormed } from "./format";

describe("credential format", () => {
  it("generates mcpt_ tokens of the documented shape that pass their checksum", () => {
    const token = generateCredential("mcpt_");
    expect(token).toMatch(/^mcpt_[0-9A-Za-z]{36}$/);
    expect(token).toHaveLength(CREDENTIAL_LENGTH);
    expect(isWellFormed(token, "mcpt_")).toBe(true);
  });

  it("never repeats and uses the whole alphabet", () => {
    const seen = new Set<string>();
    const chars = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const t = generateCredential("mcpt_");
      seen.add(t);
      for (const c of t.slice(5, 35)) chars.add(c);
    }
    expect(seen.size).toBe(2000);
    expect(chars.size).toBe(62);
  });

  it("rejects every single-character change to a valid token", () => {
    const token = generateCredential("mcpt_");
    let variants = 0;
    for (let i = 5; i < token.length; i++) {
      for (const c of BASE62) {
        if (c === token[i]) continue;
        const changed = token.slice(0, i) + c + token.slice(i + 1);
        expect(isWellFormed(changed, "mcpt_"), changed).toBe(false);
        variants++;
      }
    }
    expect(variants).toBe(36 * 61);
  });

  it("keeps the kinds apart: a server credential is not a user token", () => {
    const cred = generateCredential("mcps_");
    expect(isWellFormed(cred, "mcps_")).toBe(true);
    expect(isWellFormed(cred, "mcpt_")).toBe(false);
  });

  it.each([["", "empty"], ["mcpt_short", "short"], ["x".repeat(41), "no prefix"], [" mcpt_" + "a".repeat(35), "space"]])(
    "rejects %j (%s)",
    (value) => expect(isWellFormed(value, "mcpt_")).toBe(false),
  );

  it("stores a digest and a hint that do not contain the secret part", () => {
    const token = generateCredential("mcpt_");
    const digest = digestCredential(token);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(token.slice(5, 35));
    const hint = credentialHint(token);
    expect(hint).toBe(`${token.slice(0, 9)}…${token.slice(-4)}`);
  });
});
