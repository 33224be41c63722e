import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { isolatedCli } from "@/test/fixtures/cli-process";

// The CLI as an operator runs it: a separate process on a database file of its own.
const cli = isolatedCli();
const { gatehouse, json } = cli;
// What the refusal cases below must leave untouched.
let usersBeforeRefusals = "";

// As if the person had used their link: the CLI itself never sets anyone's password.
function setPassword(email: string) {
  const file = new Database(cli.dbFile());
  file.prepare("UPDATE users SET password_hash = 'scrypt$test' WHERE email = ?").run(email);
  file.close();
}

// Each case spawns up to five CLI processes (about 1.5 s each when idle, several times that under load).
describe("gatehouse users", { timeout: 120_000 }, () => {
  it("add creates a user and prints a one-time link to set a password", () => {
    const admin = json<{ email: string; role: string; inviteUrl: string }>("users", "add", "--email", "Boss@Example.com", "--name", "Boss", "--role", "admin");
    expect(admin).toMatchObject({ email: "boss@example.com", role: "admin" });
    expect(admin.inviteUrl).toMatch(/^https:\/\/gatehouse\.example\.com\/invite\/[0-9A-Za-z]{32}$/);

    const human = gatehouse("users", "add", "--email", "worker@example.com", "--name", "Worker");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Created user worker@example.com");
    expect(human.stdout).toMatch(/\/invite\/[0-9A-Za-z]{32}/);
  });

  it("list says invited for whoever has not used their link yet, as the users page does", () => {
    let users = json<{ email: string; role: string; state: string }[]>("users", "list");
    expect(users.map((u) => [u.email, u.role, u.state])).toEqual([
      ["boss@example.com", "admin", "invited"],
      ["worker@example.com", "user", "invited"],
    ]);
    setPassword("boss@example.com");
    users = json<{ email: string; role: string; state: string }[]>("users", "list");
    expect(users.map((u) => [u.email, u.state])).toEqual([
      ["boss@example.com", "active"],
      ["worker@example.com", "invited"],
    ]);
    expect(JSON.stringify(users)).not.toMatch(/password|hash/i);
    const table = gatehouse("users", "list").stdout.split("\n");
    expect(table[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+KIND\s+STATUS\s+ID$/);
    expect(table[1]).toMatch(/^boss@example\.com\s+Boss\s+admin\s+person\s+active\s+usr_/);
    expect(table[2]).toMatch(/^worker@example\.com\s+Worker\s+user\s+person\s+invited\s+usr_/);
  });

  it("disable, enable and set-role change the user", () => {
    expect(json("users", "disable", "worker@example.com")).toMatchObject({ email: "worker@example.com", status: "disabled" });
    expect(json("users", "enable", "WORKER@example.com")).toMatchObject({ status: "active" });
    expect(json("users", "set-role", "worker@example.com", "admin")).toMatchObject({ role: "admin" });
    expect(gatehouse("users", "set-role", "worker@example.com", "user").stdout).toBe("worker@example.com is now a user.\n");
    usersBeforeRefusals = gatehouse("users", "list", "--json").stdout;
  });

  it("add --service-account creates a user that cannot sign in, whose token secrets the CLI prints", () => {
    const bot = json<{ email: string; kind: string; inviteUrl?: string }>("users", "add", "--service-account", "--email", "ci@example.com", "--name", "CI");
    expect(bot).toMatchObject({ email: "ci@example.com", kind: "service" });
    expect(bot.inviteUrl).toBeUndefined();
    expect(json<{ secret?: string }>("tokens", "issue", "--user", "ci@example.com", "--scope", "read", "--reveal").secret).toMatch(/^mcpt_/);
    // A person's secret is theirs alone: the CLI may not take it.
    const refused = gatehouse("tokens", "issue", "--user", "boss@example.com", "--scope", "read", "--reveal");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Only Boss can see this token's secret");
    expect(gatehouse("users", "add", "--service-account", "--role", "admin", "--email", "x@example.com", "--name", "X").stderr).toContain("never an admin");
    usersBeforeRefusals = gatehouse("users", "list", "--json").stdout;
  });

  it.each([
    ["a taken email", ["users", "add", "--email", "boss@example.com", "--name", "Again"], "A user with the email boss@example.com already exists."],
    ["a bad email", ["users", "add", "--email", "not-an-email", "--name", "X"], "--email: Enter a valid email address"],
    ["a bad role", ["users", "add", "--email", "x@example.com", "--name", "X", "--role", "root"], "--role: Choose admin or user"],
    ["a missing option", ["users", "add", "--email", "x@example.com"], "required option '--name <name>' not specified"],
    ["an unknown user", ["users", "disable", "nobody@example.com"], "no user with the email nobody@example.com"],
    ["an unknown role", ["users", "set-role", "boss@example.com", "owner"], "Choose admin or user"],
    ["demoting the last admin who can sign in", ["users", "set-role", "boss@example.com", "user"], "This is the last admin who can sign in."],
    ["disabling the last admin who can sign in", ["users", "disable", "boss@example.com"], "This is the last admin who can sign in."],
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
    expect(run.stderr).toContain("DATABASE_URL: PostgreSQL support is under construction");
  });
});
