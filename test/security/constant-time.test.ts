/**
 * Property 3: secrets are compared in constant time over fixed-length digests.
 * node:crypto's timingSafeEqual is watched: every comparison of a presented secret must go
 * through it, always on two 32-byte buffers, whatever the length or content presented.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

const comparisons: [number, number][] = [];

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      comparisons.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { digestCredential, generateCredential, matchesDigest } = await import("@/lib/tokens/format");
const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
const { isSetupCodeValid, issueSetupCode } = await import("@/lib/setup/first-run");
const { useTempDb } = await import("@/test/temp-db");

beforeEach(() => {
  comparisons.length = 0;
});

describe("matchesDigest (setup codes; the one helper for a presented secret against a stored digest)", () => {
  const secret = generateCredential("mcpt_");
  const stored = digestCredential(secret);

  it.each([
    ["the secret itself", secret, true],
    ["the secret with its last character changed", secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), false],
    ["the secret with its first character changed", "X" + secret.slice(1), false],
    ["an empty string", "", false],
    ["a prefix of the secret", secret.slice(0, 10), false],
    ["a 10 KB string", "a".repeat(10_000), false],
  ])("%s → %s, compared as two 32-byte digests", (_label, presented, expected) => {
    expect(matchesDigest(presented, stored)).toBe(expected);
    expect(comparisons).toEqual([[32, 32]]);
  });

  it.each([
    ["empty", ""],
    ["not hex", "z".repeat(64)],
    ["too short", stored.slice(0, 62)],
  ])("refuses a stored digest that is %s without throwing", (_label, broken) => {
    expect(matchesDigest(secret, broken)).toBe(false);
  });
});

describe("the first-run setup code", () => {
  useTempDb();

  it.each([
    ["the code", (code: string) => code, true],
    ["the code with one character changed", (code: string) => code.slice(0, -1) + (code.endsWith("a") ? "b" : "a"), false],
    ["a short guess", () => "abc", false],
  ])("%s → %s, compared as two 32-byte digests", (_label, guess, expected) => {
    const code = issueSetupCode()!;
    expect(isSetupCodeValid(guess(code))).toBe(expected);
    expect(comparisons).toEqual([[32, 32]]);
  });
});

describe("passwords", () => {
  it("are checked by comparing two 32-byte scrypt keys in constant time, right or wrong", async () => {
    const stored = await hashPassword("canary-password-\u00e9\u00e8-long");
    expect(await verifyPassword("canary-password-\u00e9\u00e8-long", stored)).toBe(true);
    expect(await verifyPassword("x", stored)).toBe(false);
    expect(await verifyPassword("canary-password-\u00e9\u00e8-lonG", stored)).toBe(false);
    expect(comparisons).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });
});
