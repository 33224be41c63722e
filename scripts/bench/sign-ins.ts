/**
 * Verification while people sign in (issue 16, point 7): verify p99 alone, then while 32 clients
 * sign in back to back with wrong passwords, every attempt from an address of its own (told
 * through X-Forwarded-For, the bench being their trusted proxy) and the per-account throttle
 * lifted: the worst case, a flood from many addresses, each under its limits. An attempt is
 * refused by server.ts past the overall sign-in rate (lib/http/sign-in-admission.ts), refused
 * as busy by the hashing gate (lib/auth/hash-gate.ts), or costs a scrypt hash at N=2^17.
 */
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import { newId } from "@/lib/ids";
import { runLoad, type LoadResult } from "./load";
import { seedBenchDatabase } from "./seed";
import { startGatehouse, verifyLoad } from "./server";

const SIGNERS = 32;
const PERSON = { email: "bench-person@example.com", password: "bench-person-password-not-secret" };

export type SignInBench = { alone: LoadResult; during: LoadResult; attempts: number; hashed: number; busy: number; refused: number; medianMs: number; maxMs: number };

/** One wrong-password attempt through Auth.js's credentials flow, as a scripted client makes it, from `address`. */
async function attempt(base: string, i: number, address: string): Promise<"hashed" | "busy" | "refused"> {
  const from = { "x-forwarded-for": address };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: from });
  if (csrf.status === 429) {
    await csrf.text();
    return "refused";
  }
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...from, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email: PERSON.email, password: `wrong-${i}`, csrfToken, callbackUrl: `${base}/` }),
  });
  await res.text();
  if (res.status === 429) return "refused";
  // Auth.js sends a refused credentials sign-in to the error page with the refusal's code.
  return /code=busy/.test(res.headers.get("location") ?? "") ? "busy" : "hashed";
}

/** A private address of its own for every attempt. */
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

export async function benchVerifyDuringSignIns(opts: { dir: string; port: number; seconds: number; connections: number }): Promise<SignInBench> {
  const file = path.join(opts.dir, "sign-ins.db");
  fs.rmSync(file, { force: true });
  const fixture = seedBenchDatabase(file, 1_000);
  const sqlite = new Database(file);
  sqlite
    .prepare("INSERT INTO users (id, email, name, role, status, password_hash) VALUES (?, ?, 'Bench person', 'user', 'active', ?)")
    .run(newId("usr"), PERSON.email, await hashPassword(PERSON.password));
  sqlite.close();

  const { server, base } = await startGatehouse(opts.port, {
    DATABASE_URL: `file:${file}`,
    TRUST_PROXY: "127.0.0.1",
    SIGN_IN_MAX_FAILURES: "10000",
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: "100000",
  });
  try {
    const load = verifyLoad(fixture, base, opts, "sign-in-bench");
    const alone = await runLoad({ ...load, name: "verify: valid, alone" });

    let signing = true;
    const times: number[] = [];
    let busy = 0;
    let refused = 0;
    let sent = 0;
    const signer = async (i: number) => {
      for (let k = 0; signing; k++) {
        const t0 = performance.now();
        const outcome = await attempt(base, i * 1_000_000 + k, addressOf(sent++));
        if (outcome === "busy") busy++;
        else if (outcome === "refused") refused++;
        else times.push(performance.now() - t0);
      }
    };
    const signers = Array.from({ length: SIGNERS }, (_, i) => signer(i));
    const during = await runLoad({ ...load, name: `verify: valid, during ${SIGNERS} sign-ins` });
    signing = false;
    await Promise.all(signers);
    times.sort((a, b) => a - b);
    return {
      alone: alone.measured,
      during: during.measured,
      attempts: times.length + busy + refused,
      hashed: times.length,
      busy,
      refused,
      medianMs: Math.round(times[Math.floor(times.length / 2)] ?? 0),
      maxMs: Math.round(times.at(-1) ?? 0),
    };
  } finally {
    server.kill();
  }
}
