import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI as an operator runs it: a separate process on a database file of its own.
let dir = "";
function gatehouse(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", ...args], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "gatehouse.db")}`, AUTH_URL: "https://gatehouse.example.com" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json<T>(...args: string[]): T {
  const run = gatehouse(...args, "--json");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

// Each case spawns several CLI processes (about 1.5 s each when idle, several times that under load).
describe("gatehouse servers: edit, remove, restore", { timeout: 120_000 }, () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("edit changes only what is given, and says when the audience moves", () => {
    json("servers", "add", "--name", "Notes", "--url", "https://old.example.com/mcp");
    expect(json("servers", "edit", "notes", "--name", "Team notes")).toEqual({
      id: expect.stringMatching(/^srv_/),
      slug: "notes",
      name: "Team notes",
      url: "https://old.example.com/mcp",
      deployment: "remote",
    });
    const moved = gatehouse("servers", "edit", "notes", "--url", "https://new.example.com/mcp");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("Its audience is now https://new.example.com/mcp (was https://old.example.com/mcp)");
    const refused = gatehouse("servers", "edit", "notes", "--url", "");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("gatehouse: --url: A remote server needs its URL (a local stdio server may have none)\n");
  });

  it("remove deletes an unused server, archives a used one, and list --archived and restore find it again", () => {
    json("servers", "add", "--name", "Unused", "--url", "https://unused.example.com/mcp");
    expect(json("servers", "remove", "unused")).toEqual({ slug: "unused", removal: "delete" });

    json("users", "add", "--service-account", "--email", "bot@example.com", "--name", "Bot");
    json("tokens", "issue", "--user", "bot@example.com", "--scope", "read", "--servers", "notes", "--name", "bound");
    expect(json("servers", "remove", "notes")).toEqual({ slug: "notes", removal: "archive" });
    expect(json<{ slug: string }[]>("servers", "list")).toEqual([]);
    expect(gatehouse("servers", "list", "--archived").stdout).toMatch(/^notes\s+Team notes\s+remote\s+archived\s/m);
    expect(json("servers", "restore", "notes")).toMatchObject({ slug: "notes", status: "active", archivedAt: null });
    expect(json<{ slug: string }[]>("servers", "list").map((s) => s.slug)).toEqual(["notes"]);
  });
});
