import { describe, expect, it } from "vitest";
import { DAY_MS, describeDuration, formatDuration, HOUR_MS, MINUTE_MS, parseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["30d", 30 * DAY_MS],
    ["24h", 24 * HOUR_MS],
    ["90m", 90 * MINUTE_MS],
    ["2w", 14 * DAY_MS],
    ["1y", 365 * DAY_MS],
    [" 7D ", 7 * DAY_MS],
    ["0", 0],
    ["0h", 0],
  ])("%j → %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "d", "30", "-1d", "1.5d", "3mo", "1 day", "9999999d", "30s"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0"],
    [DAY_MS, "1d"],
    [7 * DAY_MS, "1w"],
    [90 * DAY_MS, "90d"],
    [365 * DAY_MS, "1y"],
    [36 * HOUR_MS, "36h"],
    [90 * MINUTE_MS, "90m"],
  ])("%d ms → %s, which parses back", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });

  it("describes days and hours in words", () => {
    expect(describeDuration(DAY_MS)).toBe("1 day");
    expect(describeDuration(30 * DAY_MS)).toBe("30 days");
    expect(describeDuration(5 * HOUR_MS)).toBe("5 hours");
  });
});
