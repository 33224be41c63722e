import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { retryAfterText, SignInThrottle } from "./sign-in-throttle";

const defaults = parseConfig({}).signInThrottle;
const T0 = Date.parse("2026-12-02T12:00:00Z");

describe("SignInThrottle (defaults: 10 failures an account, 100 an address, in 15 minutes)", () => {
  it("lets 10 failures through, refuses the 11th for up to 15 minutes, and lets the account try again as the window passes", () => {
    expect(defaults).toEqual({ maxFailures: 10, maxFailuresPerAddress: 100, windowSeconds: 900 });
    const t = new SignInThrottle(defaults);
    for (let i = 0; i < 10; i++) {
      expect(t.refusal("ada@example.com", "192.0.2.1", T0)).toBeNull();
      t.recordFailure("ada@example.com", "192.0.2.1", T0);
    }
    const refused = t.refusal("ADA@example.com ", "203.0.113.5", T0);
    expect(refused).toEqual({ limit: "account", retryAfter: 90 }); // one more try after 1/10 of the window
    expect(t.refusal("ada@example.com", null, T0 + 89_000)).not.toBeNull();
    expect(t.refusal("ada@example.com", null, T0 + 90_000)).toBeNull();
    expect(t.refusal("grace@example.com", "192.0.2.1", T0)).toBeNull();
  });

  it("a success clears the account's failures but not the address's", () => {
    const t = new SignInThrottle({ maxFailures: 2, maxFailuresPerAddress: 3, windowSeconds: 900 });
    t.recordFailure("a@example.com", "192.0.2.1", T0);
    t.recordFailure("a@example.com", "192.0.2.1", T0);
    expect(t.refusal("a@example.com", "192.0.2.2", T0)?.limit).toBe("account");
    t.recordSuccess("a@example.com");
    expect(t.refusal("a@example.com", "192.0.2.2", T0)).toBeNull();
    t.recordFailure("b@example.com", "192.0.2.1", T0);
    expect(t.refusal("c@example.com", "192.0.2.1", T0)?.limit).toBe("address");
  });

  it("counts an IPv6 client by its /64", () => {
    const t = new SignInThrottle({ maxFailures: 100, maxFailuresPerAddress: 1, windowSeconds: 900 });
    t.recordFailure("x@example.com", "2001:db8:1:2::1", T0);
    expect(t.refusal("y@example.com", "2001:db8:1:2::ffff", T0)?.limit).toBe("address");
    expect(t.refusal("y@example.com", "2001:db8:1:3::1", T0)).toBeNull();
  });

  it("says when to try again in words", () => {
    expect([retryAfterText(1), retryAfterText(45), retryAfterText(61), retryAfterText(900)]).toEqual([
      "in 1 second",
      "in 45 seconds",
      "in 2 minutes",
      "in 15 minutes",
    ]);
  });
});
