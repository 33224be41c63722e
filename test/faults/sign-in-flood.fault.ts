/**
 * Claim 10c, against the real server.ts on the production build: sign-in requests past their
 * rate, per address and overall, are answered 429 by server.ts itself (plain text, Retry-After,
 * nothing run for them), while verification and other addresses are still served.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { closeAgent, freePort, postVerify, requireBuild, seedDatabase, sleep, startBuiltServer } from "./support";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-sign-in-flood-"));
const file = path.join(dir, "gatehouse.db");
const PER_ADDRESS = 1;
const OVERALL = 4;
let port = 0;
let server: ChildProcess | undefined;
let fixture: { credential: string; token: string };

beforeAll(async () => {
  requireBuild();
  port = await freePort();
  fixture = seedDatabase(file, "Flood", (credential) => ({ credential, token: insertToken({ ownerId: insertUser().id, scope: "read" }).secret }));
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("OIDC_") && !k.startsWith("SIGN_IN_") && k !== "AUTH_SECRET"));
  server = await startBuiltServer(
    {
      ...clean,
      NODE_ENV: "production",
      DATABASE_URL: `file:${file}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_URL: `http://127.0.0.1:${port}`,
      // The test plays many clients from loopback: it is their proxy, and says who they are.
      TRUST_PROXY: "127.0.0.1",
      SIGN_IN_REQUESTS_PER_SECOND_PER_ADDRESS: String(PER_ADDRESS),
      SIGN_IN_REQUESTS_PER_SECOND: String(OVERALL),
    },
    port,
    () => {},
  );
});

afterAll(() => {
  closeAgent();
  server?.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});

type Answer = { status: number; type: string | null; retryAfter: string | null; body: string };

async function send(from: string, pathname: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { redirect: "manual", ...init, headers: { "x-forwarded-for": from, ...init.headers } });
  return { status: res.status, type: res.headers.get("content-type"), retryAfter: res.headers.get("retry-after"), body: await res.text() };
}

const callback = (from: string) =>
  send(from, "/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "someone@example.com", password: "wrong" }).toString(),
  });

describe("a flood of sign-in requests", () => {
  it("from one address: a burst gets through, the rest are refused by server.ts with when to come back; verify and another address are served", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await callback("203.0.113.10"));
    const refused = answers.filter((a) => a.status === 429);
    // Ten reach Auth.js (which redirects them: no CSRF token); a slow machine may refill one more.
    expect(answers.length - refused.length).toBeGreaterThanOrEqual(10);
    expect(answers.length - refused.length).toBeLessThanOrEqual(12);
    expect(answers.slice(0, 10).every((a) => a.status === 302)).toBe(true);
    for (const a of refused) {
      expect(a.type).toBe("text/plain");
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(a.body).toMatch(/^Too many sign-in attempts right now\. Try again in \d+ seconds?\.$/);
    }
    // The CSRF endpoint counts too, so a scripted client cannot warm up for free.
    expect((await send("203.0.113.10", "/api/auth/csrf")).status).toBe(429);

    const verify = await postVerify(port, fixture.credential, fixture.token, "during-sign-in-flood");
    expect(verify).toMatchObject({ status: 200, active: true, allowed: true });
    expect((await callback("203.0.113.11")).status).toBe(302);
    expect((await send("203.0.113.10", "/api/health")).status).toBe(200);

    await sleep(2_100);
    expect((await callback("203.0.113.10")).status).toBe(302);
  });

  it("the sign-in form's server action is refused the same way, with a message Next's client shows as is", async () => {
    const action = () => send("198.51.100.20", "/login", { method: "POST", headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }, body: "[]" });
    const answers: Answer[] = [];
    for (let i = 0; i < 15; i++) answers.push(await action());
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]).toMatchObject({ type: "text/plain", body: expect.stringMatching(/^Too many sign-in attempts right now/) });
  });

  it("from many addresses, each under its own limit: everyone together gets the overall burst and rate, no more", async () => {
    await sleep(10_000 / OVERALL + 500); // let the overall bucket fill again after the tests above
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => callback(`10.${i >> 8}.${i & 255}.1`)));
    const seconds = (Date.now() - started) / 1000;
    const admitted = answers.filter((a) => a.status !== 429).length;
    expect(admitted).toBeGreaterThanOrEqual(10 * OVERALL);
    expect(admitted).toBeLessThanOrEqual(10 * OVERALL + Math.ceil(seconds * OVERALL) + 1);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(100);
    const verify = await postVerify(port, fixture.credential, fixture.token, "after-distributed-flood");
    expect(verify).toMatchObject({ status: 200, allowed: true });
  });
});
