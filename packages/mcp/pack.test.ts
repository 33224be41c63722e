import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The package as people would install it: `npm pack`, the tarball unpacked into a fresh project
 * next to the SDK (this repository's node_modules, found by Node's usual upward lookup), and
 * imported by plain `node` — no tsx, no bundler, no TypeScript.
 */
const root = path.resolve(import.meta.dirname, "../..");
const project = path.join(root, "test-results", `mcp-pack-${process.pid}`);
const installed = path.join(project, "node_modules", "@gatehouse", "mcp");

// A fake Gatehouse and an SDK server protected by the installed package, then one request each way.
const SCRIPT = String.raw`
import http from "node:http";
import { gatehouseAuth } from "@gatehouse/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const listen = (s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r("http://127.0.0.1:" + s.address().port)));
let resource;
const gatehouse = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c)).on("end", () => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/api/v1/resource-metadata") return res.end(JSON.stringify({ resource, scopes_supported: ["tools:read", "tools:write"] }));
    const { token } = JSON.parse(body);
    if (token !== "mcpt_good") return res.end(JSON.stringify({ active: false, reason: "unknown" }));
    res.end(JSON.stringify({ active: true, allowed: true, token_id: "tok", scopes: ["tools:read"], expires_at: 2e9, user: { id: "u", email: "a@b.c", name: "A" } }));
  });
});
const gatehouseUrl = await listen(gatehouse);
const auth = gatehouseAuth({ url: gatehouseUrl, serverCredential: "mcps_x" });
const mcp = http.createServer((req, res) => auth(req, res, async () => {
  const server = new McpServer({ name: "packed", version: "1" });
  server.registerTool("whoami", { annotations: { readOnlyHint: true } }, async (extra) => ({ content: [{ type: "text", text: extra.authInfo.extra.email }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
}));
resource = (await listen(mcp)) + "/mcp";
const client = new Client({ name: "packed-client", version: "1" });
await client.connect(new StreamableHTTPClientTransport(new URL(resource), { requestInit: { headers: { authorization: "Bearer mcpt_good" } } }));
const whoami = (await client.callTool({ name: "whoami", arguments: {} })).content[0].text;
const refused = await fetch(resource, { method: "POST", headers: { authorization: "Bearer mcpt_bad", "content-type": "application/json" }, body: "{}" });
console.log(JSON.stringify({ whoami, refusedStatus: refused.status }));
await client.close();
mcp.close();
gatehouse.close();
`;

const runPlainNode = () => JSON.parse(execFileSync(process.execPath, ["main.mjs"], { cwd: project, encoding: "utf8", timeout: 30_000 }).trim());

describe("@gatehouse/mcp, packed", () => {
  let files: string[] = [];
  beforeAll(() => {
    fs.rmSync(project, { recursive: true, force: true });
    fs.mkdirSync(installed, { recursive: true });
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", project], { cwd: path.join(root, "packages/mcp"), encoding: "utf8" });
    const [packed] = JSON.parse(out.slice(out.indexOf("["))) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path).sort();
    execFileSync("tar", ["-xzf", path.join(project, packed!.filename), "-C", installed, "--strip-components=1"]);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "fresh", private: true, type: "module" }));
    fs.writeFileSync(path.join(project, "main.mjs"), SCRIPT);
  }, 60_000);
  afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

  it("holds compiled ESM with declarations and its README, nothing of the app", () => {
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files).toContain("README.md");
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.includes("test"))).toEqual([]);
  });

  it("is imported by plain node and protects an SDK server", () => {
    expect(runPlainNode()).toEqual({ whoami: "a@b.c", refusedStatus: 401 });
  });

  it("still refuses an invalid token with 401, not 500, when a second copy of the SDK sits inside the package", () => {
    const nested = path.join(installed, "node_modules", "@modelcontextprotocol", "sdk");
    fs.mkdirSync(path.dirname(nested), { recursive: true });
    fs.cpSync(path.join(root, "node_modules", "@modelcontextprotocol", "sdk"), nested, { recursive: true });
    expect(runPlainNode()).toEqual({ whoami: "a@b.c", refusedStatus: 401 });
  });
});
