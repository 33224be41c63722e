/**
 * The OAuth token endpoint (issue 19): refresh throughput, and verify beside it. Each of
 * `chains` clients holds one grant and refreshes back to back, always with the refresh token
 * it was last given (rotation: every answer carries the next one), as a busy client would.
 * Verify p99 is measured alone and while the refreshes run.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDatabase, setDb } from "@/db/client";
import { users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { startAuthorization } from "@/lib/oauth/authorize";
import { answerConsent } from "@/lib/oauth/consent";
import { createOAuthLimits, handleRegister, handleToken } from "@/lib/oauth/endpoints";
import { runLoad, type LoadResult } from "./load";
import { seedBenchDatabase } from "./seed";
import { startGatehouse, verifyLoad } from "./server";

const CHAINS = 16;
const REDIRECT = "http://127.0.0.1:8123/callback";
const VERIFIER = "bench-verifier-".padEnd(64, "x");

export type RefreshBench = { alone: RefreshFigures; during: RefreshFigures; verifyAlone: LoadResult; verifyDuring: LoadResult; bounded: RefreshFigures; verifyBounded: LoadResult };

/** A client with its grant, at an address of its own (told through X-Forwarded-For, the bench being the trusted proxy). */
type Chain = { clientId: string; refreshToken: string; address: string };

function request(body: Record<string, string>) {
  return { method: "POST", body: new URLSearchParams(body).toString(), header: (n: string) => (n === "content-type" ? "application/x-www-form-urlencoded" : null), remoteAddress: "127.0.0.1" };
}

/** One registered public client and one consented grant per chain, through the same core the endpoints run, before the server starts. */
async function seedGrants(file: string, resource: string): Promise<Chain[]> {
  const conn = openDatabase(file);
  setDb(conn);
  try {
    const userId = newId("usr");
    conn.insert(users).values({ id: userId, email: "bench-oauth@example.com", name: "Bench OAuth user", role: "user" }).run();
    const actor = { id: userId, email: "bench-oauth@example.com", name: "Bench OAuth user", role: "user" as const };
    const limits = createOAuthLimits();
    const ctx = { clientIp: "127.0.0.1", userAgent: "bench" };
    const challenge = createHash("sha256").update(VERIFIER).digest("base64url");
    const chains: Chain[] = [];
    for (let i = 0; i < CHAINS; i++) {
      const reg = handleRegister({ ...request({}), body: JSON.stringify({ client_name: `Bench client ${i}`, redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" }), header: (n) => (n === "content-type" ? "application/json" : null) }, limits);
      const clientId = (JSON.parse(reg.body) as { client_id: string }).client_id;
      const outcome = await startAuthorization(new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: "S256", resource, scope: "tools:read" }));
      if (outcome.kind !== "consent") throw new Error(`authorize: ${JSON.stringify(outcome)}`);
      const code = new URL(answerConsent(outcome.requestId, true, { actor, ...ctx })!).searchParams.get("code")!;
      const tokens = await handleToken(request({ grant_type: "authorization_code", code, code_verifier: VERIFIER, redirect_uri: REDIRECT, client_id: clientId, resource }), limits);
      if (tokens.status !== 200) throw new Error(`token: ${tokens.body}`);
      chains.push({ clientId, refreshToken: (JSON.parse(tokens.body) as { refresh_token: string }).refresh_token, address: `10.0.0.${i + 1}` });
    }
    return chains;
  } finally {
    setDb(undefined);
    conn.$client.close();
  }
}

/**
 * Every chain refreshes back to back until `until`; resolves with each refresh's time in ms, the
 * failures, and the 429s, after which a chain waits the Retry-After it was given, as a client would.
 */
async function refreshUntil(base: string, chains: Chain[], until: number): Promise<{ times: number[]; failed: number; limited: number }> {
  const times: number[] = [];
  let failed = 0;
  let limited = 0;
  await Promise.all(
    chains.map(async (chain) => {
      while (Date.now() < until) {
        const start = performance.now();
        const res = await fetch(`${base}/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": chain.address },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: chain.refreshToken, client_id: chain.clientId }),
        });
        const answer = (await res.json()) as { refresh_token?: string };
        if (res.status === 429) {
          limited++;
          await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
          continue;
        }
        times.push(performance.now() - start);
        if (res.status !== 200 || !answer.refresh_token) {
          failed++;
          console.error(`refresh failed: ${res.status} ${JSON.stringify(answer)}`);
          return; // the chain is broken (its grant revoked): it stops rather than hammering errors
        }
        chain.refreshToken = answer.refresh_token;
      }
    }),
  );
  return { times, failed, limited };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

type RefreshFigures = { refreshes: number; failed: number; limited: number; perSecond: number; p50Ms: number; p99Ms: number };

async function refreshFor(base: string, chains: Chain[], seconds: number): Promise<RefreshFigures> {
  const started = Date.now();
  const r = await refreshUntil(base, chains, started + seconds * 1000);
  const sorted = r.times.sort((a, b) => a - b);
  return { refreshes: sorted.length, failed: r.failed, limited: r.limited, perSecond: Math.round(sorted.length / ((Date.now() - started) / 1000)), p50Ms: Math.round(percentile(sorted, 50)), p99Ms: Math.round(percentile(sorted, 99)) };
}

export async function benchRefreshes(opts: { dir: string; port: number; seconds: number; connections: number }): Promise<RefreshBench> {
  const file = path.join(opts.dir, "refreshes.db");
  fs.rmSync(file, { force: true });
  const fixture = seedBenchDatabase(file, 1_000);
  // The first bench server's registered URL is the resource the grants are for (scripts/bench/seed.ts).
  const chains = await seedGrants(file, "http://127.0.0.1:9000/mcp");

  // The endpoint's own throughput: token admission (lib/http/token-admission.ts) lifted.
  const unbounded = await startGatehouse(opts.port, { DATABASE_URL: `file:${file}`, TRUST_PROXY: "127.0.0.1", OAUTH_TOKEN_REQUESTS_PER_SECOND: "10000", OAUTH_TOKEN_REQUESTS_PER_SECOND_PER_ADDRESS: "10000" });
  let figures: Omit<RefreshBench, "bounded" | "verifyBounded">;
  try {
    const { base } = unbounded;
    await refreshFor(base, chains, 2); // warm-up
    const alone = await refreshFor(base, chains, opts.seconds);
    const load = verifyLoad(fixture, base, opts, "refresh-bench");
    const verifyAlone = await runLoad({ ...load, name: "verify: valid, alone" });
    const [verifyDuring, during] = await Promise.all([runLoad({ ...load, name: `verify: valid, during ${CHAINS} refresh chains, no token admission` }), refreshFor(base, chains, opts.seconds + 2)]);
    figures = { alone, during, verifyAlone: verifyAlone.measured, verifyDuring: verifyDuring.measured };
  } finally {
    unbounded.server.kill();
    await new Promise((r) => unbounded.server.once("exit", r));
  }
  // The same chains against the default admission: what a refresh flood from 16 addresses costs
  // verification as shipped (16 × the per-address rate is past the overall one, which governs).
  const { server, base } = await startGatehouse(opts.port, { DATABASE_URL: `file:${file}`, TRUST_PROXY: "127.0.0.1" });
  try {
    const load = verifyLoad(fixture, base, opts, "refresh-bench-bounded");
    const [verifyBounded, bounded] = await Promise.all([runLoad({ ...load, name: `verify: valid, during ${CHAINS} refresh chains, default admission` }), refreshFor(base, chains, opts.seconds + 2)]);
    return { ...figures, bounded, verifyBounded: verifyBounded.measured };
  } finally {
    server.kill();
  }
}
