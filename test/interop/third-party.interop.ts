import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from "@modelcontextprotocol/client";
import { StdioClientTransport as StdioV2 } from "@modelcontextprotocol/client/stdio";
import { Client as ClientV1 } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as StdioV1 } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as TransportV1 } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBearerProxy, startExampleWithGatehouse } from "./example-server";

/*
 * Real MCP clients and suites against examples/mcp-server (SDK v2) protected by @gatehouse/mcp:
 * the SDK v1 and v2 clients, MCP Inspector v2's CLI and the official conformance suite, the
 * last two on Node 22 from INTEROP_TOOLS (scripts/interop/install-node22.sh), never the project's Node.
 */
const tools = process.env.INTEROP_TOOLS;
if (!tools) throw new Error("Set INTEROP_TOOLS to a folder made by scripts/interop/install-node22.sh");
const node22 = path.join(tools, "node_modules/.bin/node");
const bin = (name: string) => path.join(tools, "node_modules/.bin", name);
// Async: Gatehouse answers from this very process, so a synchronous child would starve it.
const run = promisify(execFile);

let env: Awaited<ReturnType<typeof startExampleWithGatehouse>>;
beforeAll(async () => {
  env = await startExampleWithGatehouse();
});
afterAll(() => env?.stop());

describe.each([
  ["v1", async (token: string) => {
    const client = new ClientV1({ name: "interop-v1", version: "1" });
    await client.connect(new TransportV1(new URL(env.resource), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    return client;
  }],
  ["v2", async (token: string) => {
    const client = new ClientV2({ name: "interop-v2", version: "2" });
    await client.connect(new TransportV2(new URL(env.resource), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    return client;
  }],
] as const)("the MCP SDK %s client", (_version, connect) => {
  it("reads with a read token, is refused a write tool with 403, and writes with a write token", async () => {
    const reader = await connect(env.read);
    expect((await reader.listTools()).tools.map((t) => t.name).sort()).toEqual(["add_note", "list_notes"]);
    await expect(reader.callTool({ name: "add_note", arguments: { text: "no" } })).rejects.toThrow(/insufficient_scope|Insufficient scope/i);
    const writer = await connect(env.write);
    expect(await writer.callTool({ name: "add_note", arguments: { text: "yes" } })).toMatchObject({ content: [{ text: expect.stringMatching(/^Added note #\d+\.$/) }] });
    await reader.close();
    await writer.close();
  });
});

describe.each([
  ["v1", async (token: string) => {
    const client = new ClientV1({ name: "interop-stdio-v1", version: "1" });
    await client.connect(new StdioV1({ command: process.execPath, args: ["--import", "tsx", "examples/mcp-stdio/server.ts"], env: stdioEnv(token), stderr: "ignore" }));
    return client;
  }],
  ["v2", async (token: string) => {
    const client = new ClientV2({ name: "interop-stdio-v2", version: "2" });
    await client.connect(new StdioV2({ command: process.execPath, args: ["--import", "tsx", "examples/mcp-stdio/server.ts"], env: stdioEnv(token), stderr: "ignore" }));
    return client;
  }],
] as const)("examples/mcp-stdio with the SDK %s stdio client and GATEHOUSE_TOKEN", (_version, connect) => {
  it("runs a read tool, refuses a write tool as a tool error that says why, and writes with a write token", async () => {
    const reader = await connect(env.read);
    expect(await reader.callTool({ name: "list_notes", arguments: {} })).toMatchObject({ content: [{ text: expect.any(String) }] });
    const refused = await reader.callTool({ name: "add_note", arguments: { text: "no" } });
    expect(refused).toMatchObject({ isError: true, content: [{ text: expect.stringContaining("this token is read-only") }] });
    const writer = await connect(env.write);
    expect(await writer.callTool({ name: "add_note", arguments: { text: "yes" } })).toMatchObject({ content: [{ text: "Added note #1." }] });
    await reader.close();
    await writer.close();
  });
});

function stdioEnv(token: string): Record<string, string> {
  return { PATH: process.env.PATH ?? "", GATEHOUSE_URL: env.gatehouseUrl, GATEHOUSE_SERVER_CREDENTIAL: env.credential, GATEHOUSE_TOKEN: token };
}

describe("MCP Inspector v2's CLI", () => {
  // Its catalog and storage go to a temporary HOME, not the machine's.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "inspector-home-"));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
  const inspect = (token: string, ...args: string[]) =>
    run(node22, [bin("mcp-inspector"), "--cli", env.resource, "--transport", "http", "--header", `Authorization: Bearer ${token}`, ...args], {
      timeout: 60_000,
      env: { ...process.env, HOME: home, MCP_CATALOG_PATH: path.join(home, "mcp.json") },
    });

  it("lists the tools and calls a read tool with --header", async () => {
    const listed = await inspect(env.read, "--method", "tools/list").catch((err: Error & { stdout: string; stderr: string }) => {
      throw new Error(`${err.message}\n${err.stdout}\n${err.stderr}`);
    });
    expect(listed.stdout).toContain("list_notes");
    expect(listed.stdout).toContain("add_note");
    const called = await inspect(env.read, "--method", "tools/call", "--tool-name", "list_notes");
    expect(called.stdout).toMatch(/No notes yet|\(interop@example\.com\)/);
  });

  it("is refused a write tool with a read token", async () => {
    const refused = await inspect(env.read, "--method", "tools/call", "--tool-name", "add_note", "--tool-arg", "text=x").catch((err: { stdout: string; stderr: string; code: number }) => err);
    expect("code" in refused && refused.code).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/insufficient_scope|Insufficient scope|403/i);
  });
});

// A write token: with a read token, the suite's calls to tools the server lacks are (rightly) refused by Gatehouse.
describe("the MCP conformance suite's server scenarios, with a valid token", () => {
  const baseline = path.join(import.meta.dirname, "conformance-expected-failures.yaml");
  it.each(["server-initialize", "tools-list", "dns-rebinding-protection", "http-header-validation", "server-stateless"])("%s passes", async (scenario) => {
    const proxy = await startBearerProxy(env.resource, env.write);
    try {
      const result = await run(node22, [bin("conformance"), "server", "--url", proxy.url, "--scenario", scenario, "--force", "--expected-failures", baseline], { timeout: 90_000 }).catch(
        (err: { stdout: string; stderr: string }) => ({ stdout: err.stdout, stderr: err.stderr, failed: true }),
      );
      if (process.env.INTEROP_DEBUG) (await import("node:fs")).writeFileSync(`test-results/conformance-${scenario}.log`, `${result.stdout}\n${result.stderr}`);
      expect("failed" in result, `${result.stdout}\n${result.stderr}`).toBe(false);
    } finally {
      proxy.close();
    }
  });
});
