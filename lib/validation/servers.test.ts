import { describe, expect, it } from "vitest";
import { registerServerSchema } from "./servers";

describe("registering a server", () => {
  it("requires a URL for a remote server, and says why", () => {
    const r = registerServerSchema.safeParse({ name: "Hosted", url: "", deployment: "remote" });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ["url"], message: "A remote server needs its URL (a local stdio server may have none)" })]);
  });

  it.each(["local-single", "local-multi"])("lets a %s (stdio) server register without a URL", (deployment) => {
    expect(registerServerSchema.parse({ name: "Notes", url: "  ", deployment })).toEqual({ name: "Notes", deployment });
  });

  it("still checks a URL that is given", () => {
    expect(registerServerSchema.safeParse({ name: "Notes", url: "ftp://x", deployment: "local-multi" }).success).toBe(false);
  });
});
