import { describe, expect, it } from "vitest";
import { isolatedCli } from "@/test/fixtures/cli-process";

// Each case spawns several CLI processes (about 1.5 s each when idle, several times that under load).
describe("gatehouse servers: add, edit, remove, restore", { timeout: 120_000 }, () => {
  const { gatehouse, json } = isolatedCli();

  it("edit changes only what is given, and says when the audience moves", () => {
    json("servers", "add", "--name", "Notes", "--url", "https://old.example.com/mcp");
    expect(json("servers", "edit", "notes", "--name", "Team notes")).toEqual({
      id: expect.stringMatching(/^srv_/),
      slug: "notes",
      name: "Team notes",
      url: "https://old.example.com/mcp",
      deployment: "remote",
      acceptsOAuth: true,
    });
    const moved = gatehouse("servers", "edit", "notes", "--url", "https://new.example.com/mcp");
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("Its audience is now https://new.example.com/mcp (was https://old.example.com/mcp)");
    // A second server with the same URL is refused, and nothing is registered.
    const copy = gatehouse("servers", "add", "--name", "Copy", "--url", "https://new.example.com/mcp");
    expect(copy.code).toBe(1);
    expect(copy.stderr).toBe('gatehouse: The server "notes" already has this URL.\n');
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
    expect(gatehouse("servers", "list", "--archived").stdout).toMatch(/^notes\s+Team notes\s+remote\s+yes\s+archived\s/m);
    expect(json("servers", "restore", "notes")).toMatchObject({ slug: "notes", status: "active", archivedAt: null });
    expect(json<{ slug: string }[]>("servers", "list").map((s) => s.slug)).toEqual(["notes"]);
  });
});
