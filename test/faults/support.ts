/** Shared pieces of the fault tests: starting the built server, calling verify over HTTP and reading what it answered. */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { openDatabase, setDb } from "@/db/client";
import { registerServer } from "@/lib/servers/mutations";
import { serverArgv } from "@/scripts/server-argv";

export type Answer = { requestId: string; status: number; active?: boolean; allowed?: boolean; code?: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POST /api/v1/verify with a request id; resolves with the answer, or null when the connection died first. */
export function postVerify(port: number, credential: string, token: string, requestId: string): Promise<Answer | null> {
  const body = JSON.stringify({ token, method: "tools/list", request_id: requestId });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/verify",
        method: "POST",
        agent,
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          let parsed: { active?: boolean; allowed?: boolean; error?: { code?: string } } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            // an empty or cut-off body: the status still counts
          }
          resolve({ requestId, status: res.statusCode ?? 0, active: parsed.active, allowed: parsed.allowed, code: parsed.error?.code });
        });
        res.on("error", () => resolve(null));
      },
    );
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

/**
 * Keeps `connections` verify calls in flight until stop() is called; collects every answer.
 * `pickToken(i)` chooses the token of the i-th call.
 */
export function sustainLoad(port: number, credential: string, pickToken: (i: number) => string, prefix: string, connections = 16) {
  const answers: Answer[] = [];
  let sent = 0;
  let stopped = false;
  const loops = Array.from({ length: connections }, async () => {
    while (!stopped) {
      const i = sent++;
      const answer = await postVerify(port, credential, pickToken(i), `${prefix}-${i}`);
      if (answer) answers.push(answer);
      else await new Promise((r) => setTimeout(r, 20)); // the server is down: do not spin
    }
  });
  return {
    answers,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function closeAgent(): void {
  agent.destroy();
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: p } = s.address() as net.AddressInfo;
      s.close(() => resolve(p));
    });
  });
}

/** Starts server.ts on the production build and resolves once /api/health answers; everything it prints goes to `onOutput`. */
export async function startBuiltServer(env: NodeJS.ProcessEnv, port: number, onOutput: (text: string) => void): Promise<ChildProcess> {
  let output = "";
  const child = spawn(process.execPath, serverArgv(), { env, stdio: ["ignore", "pipe", "pipe"] });
  const take = (d: Buffer) => {
    output += d.toString();
    onOutput(d.toString());
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server.ts exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`server.ts did not come up:\n${output}`);
}

/** Throws unless `npm run build` has made the production build these tests start. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` before `npm run test:faults`.");
}

/** Opens the database file, registers a remote server named `name`, runs `seed` and closes the file again, before the server starts on it. */
export function seedDatabase<T>(file: string, name: string, seed: (credential: string) => T): T {
  const conn = openDatabase(file);
  setDb(conn);
  try {
    const { credential } = registerServer({ name, url: `https://${name.toLowerCase()}.example.com`, deployment: "remote" }, { actor: "system" as const, clientIp: null, userAgent: "fault test" });
    return seed(credential);
  } finally {
    setDb(undefined);
    conn.$client.close();
  }
}
