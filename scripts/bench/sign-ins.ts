/**
 * Verification while people sign in (issue 16, point 7): verify p99 alone, then while 32 clients
 * sign in back to back with wrong passwords, every attempt from an address of its own (told
 * through X-Forwarded-For, the bench being their trusted proxy) and the per-account throttle
 * lifted: the worst case, a flood from many addresses, each under its limits. An attempt is
 * refused by server.ts past the overall sign-in rate (lib/http/sign-in-admission.ts), refused
 * as busy by the hashing gate (lib/auth/hash-gate.ts), or costs a scrypt hash at N=2^17.
 */
import Database from "better-sqlite3";
import { fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hashPassword } from "@/lib/auth/password";
import { newId } from "@/lib/ids";
import { runLoad, type LoadResult } from "./load";
import { seedBenchDatabase } from "./seed";
import { startGatehouse, verifyLoad } from "./server";

const SIGNERS = 32;
const PERSON = { email: "bench-person@example.com", password: "bench-person-password-not-secret" };

export type SignInBench = { alone: LoadResult; during: LoadResult; attempts: number; hashed: number; busy: number; refused: number; medianMs: number; maxMs: number };

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

    const clients = fork(fileURLToPath(new URL("./sign-in-clients.mjs", import.meta.url)), { execArgv: [], stdio: ["ignore", "ignore", "inherit", "ipc"] });
    const started = new Promise((resolve) => clients.once("message", resolve));
    clients.send({ base, clients: SIGNERS, email: PERSON.email });
    await started;
    const during = await runLoad({ ...load, name: `verify: valid, during ${SIGNERS} sign-ins` });
    const outcome = new Promise<{ times: number[]; busy: number; refused: number }>((resolve) => clients.once("message", resolve));
    clients.send("stop");
    const { times, busy, refused } = await outcome;
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
