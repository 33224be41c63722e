import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CLI as an operator runs it: a separate process on a database file of its own.
let dir = "";
// What the refusal cases below must leave untouched.
let usersBeforeRefusals = "";
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

describe("gatehouse users", () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-cli-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("add creates a user and prints a one-time link to set a password", () => {
    const admin = json<{ email: string; role: string; inviteUrl: string }>("users", "add", "--email", "Boss@Example.com", "--name", "Boss", "--role", "admin");
    expect(admin).toMatchObject({ email: "boss@example.com", role: "admin" });
    expect(admin.inviteUrl).toMatch(/^https:\/\/gatehouse\.example\.com\/invite\/[0-9A-Za-z]{32}$/);

    const human = gatehouse("users", "add", "--email", "worker@example.com", "--name", "Worker");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Created user worker@example.com");
    expect(human.stdout).toMatch(/\/invite\/[0-9A-Za-z]{32}/);
  });

  it("list shows everyone, as JSON or as a table", () => {
    const users = json<{ email: string; role: string; status: string }[]>("users", "list");
    expect(users.map((u) => [u.email, u.role, u.status])).toEqual([
      ["boss@example.com", "admin", "active"],
      ["worker@example.com", "user", "active"],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/password|hash/i);
    const table = gatehouse("users", "list").stdout.split("\n");
    expect(table[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+ID$/);
    expect(table[1]).toMatch(/^boss@example\.com\s+Boss\s+admin\s+active\s+usr_/);
  });

  it("disable, enable and set-role change the user", () => {
    expect(json("users", "disable", "worker@example.com")).toMatchObject({ email: "worker@example.com", status: "disabled" });
    expect(json("users", "enable", "WORKER@example.com")).toMatchObject({ status: "active" });
    expect(json("users", "set-role", "worker@example.com", "admin")).toMatchObject({ role: "admin" });
    expect(gatehouse("users", "set-role", "worker@example.com", "user").stdout).toBe("worker@example.com is now a user.\n");
    usersBeforeRefusals = gatehouse("users", "list", "--json").stdout;
  });

  it.each([
    ["a taken email", ["users", "add", "--email", "boss@example.com", "--name", "Again"], "A user with the email boss@example.com already exists."],
    ["a bad email", ["users", "add", "--email", "not-an-email", "--name", "X"], "--email: Enter a valid email address"],
    ["a bad role", ["users", "add", "--email", "x@example.com", "--name", "X", "--role", "root"], "--role: Choose admin or user"],
    ["a missing option", ["users", "add", "--email", "x@example.com"], "required option '--name <name>' not specified"],
    ["an unknown user", ["users", "disable", "nobody@example.com"], "no user with the email nobody@example.com"],
    ["an unknown role", ["users", "set-role", "boss@example.com", "owner"], "Choose admin or user"],
    ["demoting the last admin", ["users", "set-role", "boss@example.com", "user"], "This is the last active admin."],
    ["disabling the last admin", ["users", "disable", "boss@example.com"], "This is the last active admin."],
    ["an unknown command", ["users", "delete", "boss@example.com"], "unknown command 'delete'"],
  ])("refuses %s: exit 1, one line on stderr", (_case, args, message) => {
    for (const run of [gatehouse(...args), gatehouse(...args, "--json")]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(message);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    }
  });

  it("the refused commands changed nothing", () => {
    expect(usersBeforeRefusals).not.toBe("");
    expect(gatehouse("users", "list", "--json").stdout).toBe(usersBeforeRefusals);
  });

  it("a bad configuration stops it with a message naming the variable", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "cli/index.ts", "users", "list"], {
      env: { ...process.env, DATABASE_URL: "postgres://db.example.com/gatehouse" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("DATABASE_URL: PostgreSQL is not supported yet");
  });
});
