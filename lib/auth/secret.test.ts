import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// Each import after vi.resetModules() is a fresh process as far as config() and authSecret() know.
async function startAndReadSecret(): Promise<string> {
  vi.resetModules();
  const { authSecret } = await import("./secret");
  return authSecret();
}

describe("AUTH_SECRET", () => {
  let dir = "";
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-secret-"));
    vi.stubEnv("DATABASE_URL", `file:${path.join(dir, "data", "gatehouse.db")}`);
    vi.stubEnv("AUTH_SECRET", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is generated once into the data folder, readable by the owner only, and reused after a restart", async () => {
    const first = await startAndReadSecret();
    const file = path.join(dir, "data", "auth-secret");
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await startAndReadSecret()).toBe(first);
  });

  it("comes from the environment when set, and nothing is written", async () => {
    vi.stubEnv("AUTH_SECRET", "a-configured-secret-of-at-least-32-chars");
    expect(await startAndReadSecret()).toBe("a-configured-secret-of-at-least-32-chars");
    expect(fs.existsSync(path.join(dir, "data", "auth-secret"))).toBe(false);
  });
});
