import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it("forbid framing and sniffing, and ask for HSTS only when people reach Gatehouse over https", () => {
    const plain = new Map(securityHeaders("http://localhost:3000"));
    expect(plain.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(plain.get("x-frame-options")).toBe("DENY");
    expect(plain.has("strict-transport-security")).toBe(false);
    expect(new Map(securityHeaders(undefined)).has("strict-transport-security")).toBe(false);
    expect(new Map(securityHeaders("https://gatehouse.example.com")).get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });
});
