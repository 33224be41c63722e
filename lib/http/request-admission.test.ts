import { describe, expect, it } from "vitest";
import { RequestAdmission } from "./request-admission";

describe("RequestAdmission", () => {
  const limits = { perAddressPerSecond: 1, overallPerSecond: 5 };

  it("lets one address burst ten requests, then one a second, and says when to come back", () => {
    const admission = new RequestAdmission(limits);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(admission.admit("203.0.113.7", t0)).toBeNull();
    expect(admission.admit("203.0.113.7", t0)).toEqual({ retryAfter: 1 });
    // Another address is not held back by this one.
    expect(admission.admit("203.0.113.8", t0)).toBeNull();
    expect(admission.admit("203.0.113.7", t0 + 1_000)).toBeNull();
    expect(admission.admit("203.0.113.7", t0 + 1_000)).toEqual({ retryAfter: 1 });
  });

  it("bounds everyone together: many addresses, each under its own limit, get 50 through at once and 5 a second after", () => {
    const admission = new RequestAdmission(limits);
    const t0 = 2_000_000;
    let admitted = 0;
    for (let i = 0; i < 500; i++) if (admission.admit(`198.51.100.${i % 250}`, t0) === null) admitted++;
    expect(admitted).toBe(50);
    let later = 0;
    for (let i = 0; i < 500; i++) if (admission.admit(`192.0.2.${i % 250}`, t0 + 2_000) === null) later++;
    expect(later).toBe(10);
  });

  it("counts an IPv6 client by its /64, so hopping addresses inside it does not help", () => {
    const admission = new RequestAdmission(limits);
    const t0 = 3_000_000;
    for (let i = 0; i < 10; i++) expect(admission.admit(`2001:db8:1:2::${(i + 1).toString(16)}`, t0)).toBeNull();
    expect(admission.admit("2001:db8:1:2::ffff", t0)).not.toBeNull();
    expect(admission.admit("2001:db8:1:3::1", t0)).toBeNull();
  });
});
