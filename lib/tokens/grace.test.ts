import { describe, expect, it } from "vitest";
import { graceSchema } from "@/lib/validation/tokens";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./duration";
import { DEFAULT_GRACE_MS, graceEndsAt, MAX_GRACE_MS, replacedNote } from "./grace";

const now = new Date("2026-01-01T12:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("graceEndsAt", () => {
  it.each([
    ["grace 0 ends the old secret at once", 0, null, at(0)],
    ["the default grace is 24 hours", DEFAULT_GRACE_MS, null, at(24 * HOUR_MS)],
    ["the longest grace is 7 days", MAX_GRACE_MS, null, at(7 * DAY_MS)],
    ["never past the token's expiry", 24 * HOUR_MS, at(2 * HOUR_MS), at(2 * HOUR_MS)],
    ["a token expiring later than the grace does not shorten it", 24 * HOUR_MS, at(30 * DAY_MS), at(24 * HOUR_MS)],
    ["grace exactly up to expiry", 24 * HOUR_MS, at(24 * HOUR_MS), at(24 * HOUR_MS)],
  ])("%s", (_name, grace, expiresAt, expected) => {
    expect(graceEndsAt(now, grace, expiresAt)).toEqual(expected);
  });
});

describe("grace input", () => {
  it.each([
    ["0", 0],
    ["1m", MINUTE_MS],
    ["24h", 24 * HOUR_MS],
    ["7d", 7 * DAY_MS],
    ["1w", 7 * DAY_MS],
  ])("accepts %j", (text, ms) => {
    expect(graceSchema.parse(text)).toBe(ms);
  });

  it("defaults to 24 hours", () => {
    expect(graceSchema.parse(undefined)).toBe(24 * HOUR_MS);
  });

  it.each(["169h", "8d", "2w", "1y", "-1h", "soon"])("refuses %j (over 7 days or not a duration)", (text) => {
    expect(graceSchema.safeParse(text).success).toBe(false);
  });
});

describe("replacedNote", () => {
  const iso = (at: Date) => at.toISOString();
  it.each([
    ["no grace: stopped, never 'keeps working'", 0, "2026-12-02T10:00:00.000Z", "The old secret stopped working at once."],
    ["a grace: keeps working until its end", HOUR_MS, "2026-12-02T11:00:00.000Z", "The old secret keeps working until 2026-12-02T11:00:00.000Z."],
    ["no old secret: nothing to say", HOUR_MS, null, null],
  ])("%s", (_case, graceMs, endsAt, note) => {
    expect(replacedNote("secret", graceMs, endsAt, iso)).toBe(note);
  });
});
