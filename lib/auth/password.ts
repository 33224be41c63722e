import { randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { HashGate } from "./hash-gate";
import { HashThread } from "./hash-thread";

// scrypt at OWASP's recommendation: N=2^17, r=8, p=1 (128 MiB a hash). Stored as
// scrypt$N$r$p$salt$hash (base64), so older hashes still verify and are redone at sign-in.
export const PASSWORD_PARAMS = { N: 1 << 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

type Params = { N: number; r: number; p: number };

// The gate admits as many hashes at once as there are hashing threads, so a thread is always free for one it admits.
let hashing: { gate: HashGate; idle: HashThread[] } | undefined;
function hashingThreads(): { gate: HashGate; idle: HashThread[] } {
  const limits = config().passwordHashing;
  hashing ??= { gate: new HashGate(limits), idle: Array.from({ length: limits.concurrency }, () => new HashThread()) };
  return hashing;
}

function derive(password: string, salt: Buffer, opts: Params): Promise<Buffer> {
  const { gate, idle } = hashingThreads();
  return gate.run(async () => {
    const thread = idle.pop()!;
    try {
      // Node's default maxmem (32 MiB) refuses N=2^17; scrypt needs 128·N·r bytes, and a little more.
      return await thread.scrypt({ password: password.normalize("NFKC"), salt, keyLength: KEY_LENGTH, options: { ...opts, maxmem: 128 * opts.N * opts.r * 2 } });
    } finally {
      idle.push(thread);
    }
  });
}

export async function hashPassword(password: string, params: Params = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

// A stored hash whose parameters would exhaust memory or time is refused, not run.
function storedParams(n: string | undefined, r: string | undefined, p: string | undefined): Params | null {
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const sane = Number.isInteger(params.N) && params.N >= 2 && params.N <= 1 << 20 && params.r >= 1 && params.r <= 32 && params.p >= 1 && params.p <= 16;
  return sane ? params : null;
}

/**
 * Checks a password against a stored hash. needsRehash: the hash is right but was made with
 * weaker parameters than today's, so the caller stores a fresh one (at a successful sign-in).
 */
export async function checkPassword(password: string, stored: string | null): Promise<PasswordCheck> {
  if (!stored) {
    // Spend the same time as a real check so that unknown accounts are not told apart by timing.
    await derive(password, randomBytes(16), PASSWORD_PARAMS);
    return { ok: false, needsRehash: false };
  }
  const [kind, n, r, p, salt, hash] = stored.split("$");
  const params = storedParams(n, r, p);
  if (kind !== "scrypt" || !salt || !hash || !params) return { ok: false, needsRehash: false };
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), params);
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  const weaker = params.N < PASSWORD_PARAMS.N || params.r < PASSWORD_PARAMS.r || params.p < PASSWORD_PARAMS.p;
  return { ok, needsRehash: ok && weaker };
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  return (await checkPassword(password, stored)).ok;
}
