import { describe, expect, it } from "vitest";
import { redirectMatches, redirectRefusal } from "./redirect";

describe("redirect URIs", () => {
  it.each([
    ["https://claude.ai/api/mcp/auth_callback", null],
    ["https://chatgpt.com/connector/oauth/abc123", null],
    ["cursor://anysphere.cursor-mcp/oauth/callback", null],
    ["http://127.0.0.1:33418/", null],
    ["http://localhost/callback", null],
    ["http://[::1]:8080/cb", null],
    ["http://example.com/cb", "uses http on a host that is not loopback"],
    ["https://app.example/cb#frag", "has a fragment"],
    ["javascript:alert(1)", "uses the javascript: scheme"],
    ["data:text/html,hi", "uses the data: scheme"],
    ["https://user:pw@app.example/cb", "carries credentials"],
    ["/relative", "is not an absolute URL"],
  ])("%s → %s", (uri, refusal) => {
    expect(redirectRefusal(uri)).toBe(refusal);
  });

  it.each([
    // Claude Code's metadata document lists a port-less localhost redirect and then uses an ephemeral port.
    [["http://localhost/callback"], "http://localhost:49152/callback", true],
    [["http://127.0.0.1/"], "http://127.0.0.1:51234/", true],
    [["http://127.0.0.1/callback"], "http://localhost:51234/callback", false],
    [["http://127.0.0.1/callback"], "http://127.0.0.1:51234/callback?x=1", false],
    [["https://claude.ai/api/mcp/auth_callback"], "https://claude.ai/api/mcp/auth_callback", true],
    [["https://claude.ai/api/mcp/auth_callback"], "https://claude.ai/api/mcp/auth_callback/", false],
    [["https://app.example/cb"], "https://app.example:8443/cb", false],
    [["http://example.com/cb"], "http://example.com/cb", false],
  ])("registered %j, presented %s → %s", (registered, presented, ok) => {
    expect(redirectMatches(registered, presented)).toBe(ok);
  });
});
