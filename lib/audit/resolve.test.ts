import { describe, expect, it } from "vitest";
import { mcpServers, tokens, tokenSecrets, users } from "@/db/schema";
import { callEvent, recordEvents } from "@/test/audit-events";
import { useTempDb } from "@/test/temp-db";
import { listAuditEvents } from "./queries";
import { describeProblem, resolveAuditFilters } from "./resolve";
import { usageByUser } from "./stats";

describe("audit filter resolution", () => {
  const t = useTempDb();

  function seed() {
    t.db.insert(users).values([
      { id: "usr_bob", email: "bob@example.com", name: "Bob Lee" },
      { id: "usr_ann", email: "ann@example.com", name: "Ann Kay" },
      { id: "usr_ann2", email: "ann.kay@example.org", name: "Ann Kay" },
    ]).run();
    t.db.insert(mcpServers).values({ id: "srv_notes", slug: "notes", name: "Notes", url: "https://notes.example" }).run();
    t.db.insert(tokens).values([
      { id: "tok_laptop", ownerId: "usr_bob", name: "Bob laptop", scope: "read", createdBy: "system" },
      { id: "tok_ci1", ownerId: "usr_bob", name: "ci", scope: "read", createdBy: "system" },
      { id: "tok_ci2", ownerId: "usr_ann", name: "CI", scope: "read", createdBy: "system" },
    ]).run();
    t.db.insert(tokenSecrets).values({ id: "sec_1", tokenId: "tok_laptop", secretHash: "h1", hint: "mcpt_AbCd…wxyz" }).run();
    recordEvents([
      callEvent({ subjectUserId: "usr_bob", tokenId: "tok_laptop", serverId: "srv_notes" }),
      callEvent({ subjectUserId: "usr_ann", tokenId: "tok_ci2", serverId: "srv_files" }),
    ]);
  }

  it.each([
    ["a user's email, any case", { user: "Bob@Example.com" }, { user: "usr_bob" }],
    ["a user's name", { user: "bob lee" }, { user: "usr_bob" }],
    ["a user's id", { user: "usr_bob" }, { user: "usr_bob" }],
    ["a server's slug", { server: "notes" }, { server: "srv_notes" }],
    ["a server's name", { server: "Notes" }, { server: "srv_notes" }],
    ["a token's name", { token: "Bob laptop" }, { token: "tok_laptop" }],
    ["a token's prefix as shown", { token: "mcpt_AbCd…wxyz" }, { token: "tok_laptop" }],
    ["a token's prefix as typed", { token: "mcpt_AbCd" }, { token: "tok_laptop" }],
    ["an id the tables no longer hold", { token: "tok_gone" }, { token: "tok_gone" }],
  ])("resolves %s to its id", (_name, filters, expected) => {
    seed();
    const r = resolveAuditFilters("system", filters);
    expect(r.problems).toEqual([]);
    expect(r.filters).toEqual(expected);
  });

  it("says a value that names nothing is not found", () => {
    seed();
    const r = resolveAuditFilters("system", { user: "carol@example.com", server: "notes" });
    expect(r.problems).toEqual([{ field: "user", value: "carol@example.com", kind: "not_found" }]);
    expect(describeProblem(r.problems[0]!)).toBe("No user matches “carol@example.com”: not found.");
  });

  it("lists the matches of an ambiguous name instead of picking one", () => {
    seed();
    const r = resolveAuditFilters("system", { user: "Ann Kay", token: "ci" });
    expect(r.problems.map((p) => [p.field, p.kind === "ambiguous" ? p.matches.map((m) => m.id).sort() : []])).toEqual([
      ["user", ["usr_ann", "usr_ann2"]],
      ["token", ["tok_ci1", "tok_ci2"]],
    ]);
    expect(describeProblem(r.problems[0]!)).toBe("“Ann Kay” matches 2 users: choose one.");
  });

  it("gives the log and the usage view the events of the person an email names", async () => {
    seed();
    const { filters } = resolveAuditFilters("system", { user: "bob@example.com" });
    expect((await listAuditEvents("system", filters)).rows.map((r) => r.subjectUserId)).toEqual(["usr_bob"]);
    expect((await usageByUser("system", filters.user!)).map((u) => u.calls)).toEqual([1]);
  });

  it("refuses anyone but an admin", () => {
    seed();
    expect(() => resolveAuditFilters({ id: "usr_bob", email: "bob@example.com", name: "Bob", role: "user" }, { user: "ann@example.com" })).toThrow();
  });
});
