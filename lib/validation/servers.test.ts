import { describe, expect, it } from "vitest";
import { registerServerSchema, updateServerSchema } from "./servers";

describe("registering a server", () => {
  it("requires a URL for a remote server, and says why", () => {
    const r = registerServerSchema.safeParse({ name: "Hosted", url: "", deployment: "remote" });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["url"], message: "A remote server needs its URL (a local stdio server may have none)" })]);
  });

  it.each(["local-single", "local-multi"])("lets a %s (stdio) server register without a URL", (deployment) => {
    expect(registerServerSchema.parse({ name: "Notes", url: "  ", deployment })).toEqual({ name: "Notes", deployment, acceptsOAuth: false });
  });

  it("reads Accepts OAuth clients as a checkbox, and only for a remote server", () => {
    expect(registerServerSchema.parse({ name: "Hosted", url: "https://h.example.com/mcp", deployment: "remote", acceptsOAuth: "on" })).toMatchObject({ acceptsOAuth: true });
    const local = registerServerSchema.safeParse({ name: "Notes", url: "", deployment: "local-multi", acceptsOAuth: "on" });
    expect(local.error?.issues).toEqual([expect.objectContaining({ path: ["acceptsOAuth"], message: "Only a remote server can accept OAuth clients" })]);
  });

  it("still checks a URL that is given", () => {
    expect(registerServerSchema.safeParse({ name: "Notes", url: "ftp://x", deployment: "local-multi" }).success).toBe(false);
  });
});

describe("editing a server", () => {
  const serverId = "srv_0123456789abcdef";

  it("takes name, URL and deployment, and never a slug", () => {
    expect(updateServerSchema.parse({ serverId, name: " Notes ", url: "https://n.example.com/mcp", deployment: "remote", slug: "other" })).toEqual({
      serverId,
      name: "Notes",
      url: "https://n.example.com/mcp",
      deployment: "remote",
      acceptsOAuth: false,
    });
  });

  it.each([
    ["an empty name", { name: "", url: "https://n.example.com", deployment: "remote" }, "name", "Enter a name"],
    ["a remote server without a URL", { name: "N", url: "", deployment: "remote" }, "url", "A remote server needs its URL (a local stdio server may have none)"],
    ["a URL that is not http(s)", { name: "N", url: "ftp://n.example.com", deployment: "local-multi" }, "url", "Enter an http:// or https:// URL"],
    ["an unknown deployment", { name: "N", url: "https://n.example.com", deployment: "cloud" }, "deployment", "Choose how the server is deployed"],
  ])("refuses %s, under its field", (_label, input, field, message) => {
    const r = updateServerSchema.safeParse({ serverId, ...input });
    expect(r.error?.issues[0]).toMatchObject({ path: [field], message });
  });
});
