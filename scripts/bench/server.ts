/** Starting the servers a bench scenario measures. */
import { spawn, type ChildProcess } from "node:child_process";
import { serverArgv } from "../server-argv";
import type { BenchFixture } from "./seed";

/** Resolves once `url` answers 2xx; throws after `timeoutMs`. */
export async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/** server.ts on the production build, on 127.0.0.1:`port` with `env` on top of this process's; resolves once it is healthy. */
export async function startGatehouse(port: number, env: Record<string, string>): Promise<{ server: ChildProcess; base: string }> {
  const server = spawn(process.execPath, serverArgv(), {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/api/health`);
  } catch (err) {
    server.kill();
    throw err;
  }
  return { server, base };
}

/**
 * The verification load the side-by-side scenarios measure: valid tokens of the fixture's first
 * server, each call with a request id that starts with `tag`.
 */
export function verifyLoad(fixture: BenchFixture, base: string, opts: { connections: number; seconds: number }, tag: string) {
  const first = fixture.servers[0]!;
  const tokens = fixture.valid.filter((v) => v.serverIndexes.includes(0));
  let n = 0;
  const request = {
    method: "POST" as const,
    path: "/api/v1/verify",
    headers: { authorization: `Bearer ${first.credential}`, "content-type": "application/json" },
    body: () => JSON.stringify({ token: tokens[n++ % tokens.length]!.token, method: "tools/call", tool: "list_notes", request_id: `${tag}-${n}` }),
  };
  return { connections: opts.connections, seconds: opts.seconds, warmupSeconds: 2, url: base, request };
}
