import { describe, expect, it } from "vitest";
import { expiryPresets, expiryPreview } from "./expiry-presets";

describe("expiry presets", () => {
  it.each([
    [365, ["7d", "30d", "90d", "1y"]],
    [90, ["7d", "30d", "90d"]],
    [45, ["7d", "30d", "45d"]],
    [1, ["1d"]],
  ])("never offer more than a cap of %i days", (maxDays, values) => {
    expect(expiryPresets(maxDays).map((p) => p.value)).toEqual(values);
  });
});

describe("expiry preview", () => {
  const now = Date.UTC(2026, 11, 2, 19, 5);
  it.each([
    ["a duration: the date it comes to, UTC, 24-hour", "30d", false, "Expires 1 Jan 2027, 19:05 UTC.", false],
    ["hours", "12h", false, "Expires 3 Dec 2026, 07:05 UTC.", false],
    ["past the cap", "91d", false, "Longer than the 90 days allowed.", true],
    ["not a duration", "soon", false, "Enter a duration such as 30d or 12h.", false],
    ["no expiry", "30d", true, "Never expires.", false],
  ])("%s", (_case, text, noExpiry, said, tooLong) => {
    expect(expiryPreview(text, noExpiry, 90, now)).toEqual({ text: said, tooLong });
  });

});
