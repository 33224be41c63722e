import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { serverArgv } from "@/scripts/server-argv";
import { ConfigError, parseConfig } from "./config";

const OIDC = { OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "gatehouse", OIDC_CLIENT_SECRET: "s3cret" };

function errorOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("the configuration was accepted");
}

describe("configuration", () => {
  it("starts with no configuration at all", () => {
    const cfg = parseConfig({});
    expect(cfg.databasePath).toBe(path.resolve("data/gatehouse.db"));
    expect(cfg.dataDir).toBe(path.resolve("data"));
    expect(cfg).toMatchObject({ port: 3000, hostname: "0.0.0.0", authSecret: undefined, oidc: undefined });
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "", AUTH_SECRET: "", OIDC_ISSUER: "" })).toMatchObject({ port: 3000, oidc: undefined });
  });

  it("reads single sign-on settings", () => {
    expect(parseConfig({ ...OIDC, OIDC_CREATE_USERS: "true", OIDC_DISPLAY_NAME: "Acme SSO" }).oidc).toEqual({
      issuer: "https://idp.example.com",
      clientId: "gatehouse",
      clientSecret: "s3cret",
      displayName: "Acme SSO",
      createUsers: true,
    });
    expect(parseConfig(OIDC).oidc).toMatchObject({ displayName: "Single sign-on", createUsers: false });
  });

  it.each([
    ["DATABASE_URL", { DATABASE_URL: "postgres://db.example.com/gatehouse" }, "PostgreSQL support is under construction: Gatehouse cannot run on it yet"],
    ["DATABASE_URL", { DATABASE_URL: "postgresql://db.example.com/gatehouse" }, "PostgreSQL support is under construction"],
    ["DATABASE_URL", { DATABASE_URL: "mysql://db.example.com/gatehouse" }, "must be a file: URL"],
    ["DATABASE_URL", { DATABASE_URL: "file:" }, "must be a file: URL"],
    ["DATABASE_URL", { DATABASE_URL: "./data/gatehouse.db" }, "must be a file: URL"],
    ["AUTH_SECRET", { AUTH_SECRET: "too-short" }, "at least 32 characters"],
    ["AUTH_URL", { AUTH_URL: "gatehouse.example.com" }, "absolute URL"],
    ["AUDIT_KEY", { AUDIT_KEY: "too-short" }, "at least 32 characters"],
    ["AUDIT_KEY", { AUDIT_KEY: `${"k".repeat(32)},short` }, "at least 32 characters"],
    ["OIDC_ISSUER", { ...OIDC, OIDC_ISSUER: "not a url" }, "issuer URL"],
    ["OIDC_CLIENT_SECRET", { OIDC_ISSUER: OIDC.OIDC_ISSUER, OIDC_CLIENT_ID: "gatehouse" }, "required when single sign-on"],
    ["OIDC_ISSUER", { OIDC_CLIENT_ID: "gatehouse", OIDC_CLIENT_SECRET: "x" }, "required when single sign-on"],
    ["OIDC_CREATE_USERS", { ...OIDC, OIDC_CREATE_USERS: "maybe" }, "must be true or false"],
    ["OIDC_DISPLAY_NAME", { ...OIDC, OIDC_DISPLAY_NAME: "x".repeat(61) }, ""],
    ["PORT", { PORT: "eighty" }, ""],
    ["PORT", { PORT: "70000" }, ""],
    ["PORT", { PORT: "0" }, ""],
    ["PORT", { PORT: "80.5" }, ""],
    ["TRUST_PROXY", { TRUST_PROXY: "10.0.0.0/8, proxy.internal" }, '"proxy.internal" is not an IP address or CIDR'],
    ["TRUST_PROXY", { TRUST_PROXY: "10.0.0.0/40" }, "is not an IP address or CIDR"],
  ])("refuses a bad %s (%j)", (variable, env, message) => {
    const text = errorOf(env);
    expect(text).toMatch(new RegExp(`^\\s+${variable}: `, "m"));
    expect(text).toContain(message);
  });

  it("reads TRUST_PROXY as addresses and CIDRs, IPv4 and IPv6; unset trusts no proxy", () => {
    const proxies = parseConfig({ TRUST_PROXY: "10.0.0.0/8, 192.0.2.1,fd00::/8" }).trustProxy!;
    expect([proxies.check("10.9.9.9", "ipv4"), proxies.check("192.0.2.1", "ipv4"), proxies.check("fd00::7", "ipv6"), proxies.check("192.0.2.2", "ipv4")]).toEqual([true, true, true, false]);
    expect(parseConfig({}).trustProxy).toBeNull();
  });

  it("reads the audit keys newest first and resolves the checkpoint file", () => {
    const cfg = parseConfig({ AUDIT_KEY: ` ${"n".repeat(32)} , ${"o".repeat(40)} `, AUDIT_CHECKPOINT_FILE: "cp.log" });
    expect(cfg.auditKeys).toEqual(["n".repeat(32), "o".repeat(40)]);
    expect(cfg.auditCheckpointFile).toBe(path.resolve("cp.log"));
  });

  it("takes OAUTH_METADATA_ALLOW_LOOPBACK for tests, and refuses it in production", () => {
    expect(parseConfig({}).oauthMetadataAllowLoopback).toBe(false);
    expect(parseConfig({ OAUTH_METADATA_ALLOW_LOOPBACK: "1", NODE_ENV: "test" }).oauthMetadataAllowLoopback).toBe(true);
    expect(errorOf({ OAUTH_METADATA_ALLOW_LOOPBACK: "1", NODE_ENV: "production" })).toContain("OAUTH_METADATA_ALLOW_LOOPBACK: is for tests only and refused in production");
  });

  it("names every bad variable at once", () => {
    const text = errorOf({ PORT: "x", AUTH_SECRET: "short" });
    expect(text).toContain("PORT:");
    expect(text).toContain("AUTH_SECRET:");
  });

  it("a bad value stops the server before it listens, with the message on stderr", async () => {
    const run = promisify(execFile)(process.execPath, serverArgv(), {
      env: { ...process.env, DATABASE_URL: "postgres://db.example.com/gatehouse", PORT: "1" },
      timeout: 20_000,
    });
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("DATABASE_URL: PostgreSQL support is under construction: Gatehouse cannot run on it yet"),
    });
  });
});
