import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { isSignInRequest } from "./sign-in-admission";

const request = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as unknown as IncomingMessage;

describe("isSignInRequest", () => {
  it.each([
    ["GET", "/api/auth/csrf"],
    ["POST", "/api/auth/callback/credentials"],
    ["POST", "/api/auth/callback/credentials?x=1"],
    ["POST", "/api/auth/signin/oidc"],
  ])("%s %s starts a sign-in", (method, url) => {
    expect(isSignInRequest(request(method, url))).toBe(true);
  });

  it("counts the sign-in form's server action, and nothing else posted to /login", () => {
    expect(isSignInRequest(request("POST", "/login", { "next-action": "7f00" }))).toBe(true);
    expect(isSignInRequest(request("POST", "/login"))).toBe(false);
    expect(isSignInRequest(request("GET", "/login"))).toBe(false);
  });

  it.each([
    ["GET", "/api/auth/session"],
    ["POST", "/api/auth/signout"],
    ["POST", "/api/v1/verify"],
    ["POST", "/tokens", { "next-action": "7f00" }],
    ["GET", "/api/auth/callback/oidc"],
  ] as const)("%s %s is not a sign-in", (method, url, headers: Record<string, string> = {}) => {
    expect(isSignInRequest(request(method, url, headers))).toBe(false);
  });
});
