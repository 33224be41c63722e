import { describe, expect, it } from "vitest";
import { ForbiddenError } from "@/lib/auth/actor";
import { registerServer } from "@/lib/servers/mutations";
import { insertToken, insertUser } from "@/test/fixtures/tokens";
import { useTempDb } from "@/test/temp-db";
import { dismissGettingStarted, gettingStarted } from "./getting-started";

const ctx = { actor: "system" as const, clientIp: null, userAgent: "vitest" };
const done = (steps: ReturnType<typeof gettingStarted>) => steps?.filter((s) => s.done).map((s) => s.id);

describe("the getting-started checklist", () => {
  const t = useTempDb();

  it("ticks off each step as the database shows it done, and goes away when all are", () => {
    const admin = insertUser({ email: "first@example.com" });
    const me = { id: admin.id, email: admin.email, name: "First", role: "admin" as const };
    expect(done(gettingStarted(me))).toEqual([]);
    registerServer({ name: "Notes", deployment: "local-multi" }, ctx);
    expect(done(gettingStarted(me))).toEqual(["server"]);
    const person = insertUser({ email: "second@example.com" });
    expect(done(gettingStarted(me))).toEqual(["server", "people"]);
    const token = insertToken({ ownerId: person.id, scope: "read" });
    expect(done(gettingStarted(me))).toEqual(["server", "people", "token"]);
    t.db.$client.prepare("UPDATE tokens SET last_used_at = 1 WHERE id = ?").run(token.tokenId);
    expect(gettingStarted(me)).toBeNull();
  });

  it("is hidden for the admin who dismissed it, not for other admins; and is for admins only", () => {
    const a = insertUser({ email: "a@example.com" });
    const b = insertUser({ email: "b@example.com" });
    const asActor = (u: { id: string; email: string }) => ({ id: u.id, email: u.email, name: u.email, role: "admin" as const });
    dismissGettingStarted(asActor(a));
    expect(gettingStarted(asActor(a))).toBeNull();
    expect(gettingStarted(asActor(b))).not.toBeNull();
    expect(() => gettingStarted({ ...asActor(b), role: "user" })).toThrow(ForbiddenError);
  });
});
