import { describe, expect, it } from "vitest";
import { formatExact, formatRelative } from "./format";

const NOW = Date.parse("2026-12-02T12:00:00Z");
const MIN = 60_000;

describe("relative times", () => {
  it.each([
    [NOW - 10_000, "just now"],
    [NOW + 10_000, "in a few seconds"],
    [NOW + 2 * MIN, "in 2 minutes"],
    [NOW - 1 * MIN, "1 minute ago"],
    [NOW - 3 * 60 * MIN, "3 hours ago"],
    [NOW - 90 * MIN, "2 hours ago"],
    [NOW - 59 * MIN, "59 minutes ago"],
    [NOW + 24 * 60 * MIN, "tomorrow"],
    [NOW - 3 * 24 * 60 * MIN, "3 days ago"],
    [NOW + 89 * 24 * 60 * MIN, "in 3 months"],
    [NOW - 400 * 24 * 60 * MIN, "last year"],
  ])("%s reads as %s", (at, text) => {
    expect(formatRelative(at, NOW)).toBe(text);
  });

  it("gives the exact UTC time for the hover", () => {
    expect(formatExact(NOW + 5_000)).toBe("2026-12-02 12:00:05 UTC");
  });
});
