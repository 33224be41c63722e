import { describe, expect, it } from "vitest";
import { isolatedCli } from "@/test/fixtures/cli-process";

// Each case spawns CLI processes (about 1.5 s each when idle, several times that under load).
describe("gatehouse oauth settings, and servers' --oauth", { timeout: 120_000 }, () => {
  const { gatehouse, json } = isolatedCli();

  it("shows the settings, changes only what is given, and refuses a bad value naming its flag without saving", () => {
    expect(json("oauth", "settings", "show")).toEqual({ writeApproval: "admins", accessTokenMinutes: 60, refreshIdleDays: 30, refreshAbsoluteDays: 90 });
    expect(json("oauth", "settings", "set", "--access-minutes", "20", "--write-approval", "everyone")).toEqual({ writeApproval: "everyone", accessTokenMinutes: 20, refreshIdleDays: 30, refreshAbsoluteDays: 90 });
    const refused = gatehouse("oauth", "settings", "set", "--refresh-idle-days", "120");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("gatehouse: --refresh-idle-days: Refresh token idle lifetime: cannot be longer than the absolute lifetime\n");
    expect(gatehouse("oauth", "settings", "show").stdout).toContain("access token: 20 minutes\nrefresh token: 30 days unused, 90 days at most\n");
  });

  it("registers remote servers accepting OAuth unless --no-oauth, refuses --oauth on a local one, and edits it", () => {
    expect(json("servers", "add", "--name", "Notes", "--url", "https://notes.example.com/mcp")).toMatchObject({ acceptsOAuth: true });
    expect(json("servers", "add", "--name", "Files", "--url", "https://files.example.com/mcp", "--no-oauth")).toMatchObject({ acceptsOAuth: false });
    const local = gatehouse("servers", "add", "--name", "Laptop", "--deployment", "local-single", "--oauth");
    expect(local.stderr).toBe("gatehouse: --oauth: Only a remote server can accept OAuth clients\n");
    expect(json("servers", "edit", "notes", "--no-oauth")).toMatchObject({ slug: "notes", acceptsOAuth: false });
    expect(gatehouse("oauth", "settings", "show").stdout).toContain("servers accepting OAuth clients: none");
    expect(json("servers", "edit", "files", "--oauth")).toMatchObject({ acceptsOAuth: true });
  });
});
