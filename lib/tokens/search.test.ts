import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { listUsersForAdmin } from "@/lib/users/queries";
import { tokenFiltersSchema } from "@/lib/validation/tokens";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { listTokens } from "./queries";

const page = { page: 1, pageSize: 50, sort: { id: "createdAt" as const, desc: true } };

describe("search on the tokens and users pages", () => {
  useTempDb();

  function world() {
    const bob = insertUser({ email: "bob@example.com", name: "Bob Builder" });
    const ann = insertUser({ email: "ann@example.com", name: "Ann Analyst" });
    const laptop = insertToken({ ownerId: bob.id, scope: "read", name: "Laptop – Claude Desktop" });
    const ci = insertToken({ ownerId: ann.id, scope: "write", name: "CI deploy 100%" });
    const admin: SessionUser = { ...insertUser({ email: "root@example.com", name: "Root" }), name: "Root", role: "admin" };
    const names = (q: string) => listTokens(admin, page, tokenFiltersSchema.parse({ q })).rows.map((r) => r.name);
    return { bob, ann, laptop, ci, admin, names };
  }

  it.each([
    ["a token name, any case", "laptop", ["Laptop – Claude Desktop"]],
    ["an owner's email", "ann@", ["CI deploy 100%"]],
    ["an owner's name", "builder", ["Laptop – Claude Desktop"]],
    ["a literal % (no wildcard)", "100%", ["CI deploy 100%"]],
    ["a lone % matches no name that lacks one", "%", ["CI deploy 100%"]],
    ["nothing that matches", "nobody", []],
  ])("finds tokens by %s", (_case, q, expected) => {
    expect(world().names(q)).toEqual(expected);
  });

  it("finds a token by its id and by the start of its secret, as the page displays them", () => {
    const w = world();
    expect(w.names(w.laptop.tokenId)).toEqual(["Laptop – Claude Desktop"]);
    expect(w.names(w.ci.secret.slice(5, 9))).toContain("CI deploy 100%");
  });

  it("an empty search is no filter", () => {
    expect(tokenFiltersSchema.parse({ q: "   " }).q).toBeUndefined();
    expect(world().names("")).toHaveLength(2);
  });

  it("finds users by name, email or id", () => {
    const w = world();
    expect(listUsersForAdmin(w.admin, "analyst").map((u) => u.email)).toEqual(["ann@example.com"]);
    expect(listUsersForAdmin(w.admin, "BOB@").map((u) => u.email)).toEqual(["bob@example.com"]);
    expect(listUsersForAdmin(w.admin, w.bob.id).map((u) => u.email)).toEqual(["bob@example.com"]);
    expect(listUsersForAdmin(w.admin)).toHaveLength(3);
  });
});
