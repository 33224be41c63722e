import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { closeAuditReader } from "@/db/audit-index";
import { openDatabase, setDb } from "@/db/client";
import { registerServer } from "@/lib/servers/mutations";
import { listen, startGatehouseApi } from "@/test/fixtures/gatehouse-http";
import { insertToken, insertUser } from "@/test/fixtures/tokens";

async function freePort(): Promise<number> {
  const probe = http.createServer();
  const url = await listen(probe);
  probe.close();
  return Number(new URL(url).port);
}

/**
 * Gatehouse's server API on a temporary database, and examples/mcp-server (SDK v2) started as
 * an author would start it, registered with its URL, with a read and a write token.
 */
export async function startExampleWithGatehouse() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-interop-"));
  const conn = openDatabase(path.join(dir, "gatehouse.db"));
  setDb(conn);
  const api = await startGatehouseApi();
  const port = await freePort();
  const resource = `http://127.0.0.1:${port}/mcp`;
  const { server, credential } = registerServer({ name: "Notes", url: resource, deployment: "remote" }, { actor: "system", clientIp: null, userAgent: "interop" });
  const user = insertUser({ email: "interop@example.com" });
  const read = insertToken({ ownerId: user.id, scope: "read", serverIds: [server.id] }).secret;
  const write = insertToken({ ownerId: user.id, scope: "write" }).secret;

  const example: ChildProcess = spawn(process.execPath, ["--import", "tsx", "examples/mcp-server/server.ts"], {
    env: { ...process.env, GATEHOUSE_URL: api.url, GATEHOUSE_SERVER_CREDENTIAL: credential, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  example.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  example.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("Notes MCP server on")) {
    if (Date.now() > deadline || example.exitCode !== null) throw new Error(`the example did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    gatehouseUrl: api.url,
    credential,
    resource,
    read,
    write,
    output: () => output,
    stop() {
      example.kill("SIGTERM");
      api.close();
      setDb(undefined);
      closeAuditReader(conn.$client);
      conn.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A client-side proxy that adds `Authorization: Bearer <token>` to every request, for test
 * suites that have no option for a header; everything else (Host included) passes unchanged.
 */
export async function startBearerProxy(target: string, token: string) {
  const to = new URL(target);
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, authorization: `Bearer ${token}` } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const url = await listen(proxy);
  return { url: `${url}${to.pathname}`, close: () => proxy.close() };
}
