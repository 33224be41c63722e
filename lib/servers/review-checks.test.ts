import { describe, expect, it } from "vitest";
import { DAY_MS, judgeReview, singleUserCheck, transportCheck, type ReviewEvidence } from "./review-checks";

const NOW = Date.UTC(2026, 11, 3, 12);

type Over = Partial<Omit<ReviewEvidence, "server">> & { server?: Partial<ReviewEvidence["server"]> };

function evidence(over: Over = {}): ReviewEvidence {
  const { server, ...rest } = over;
  return {
    server: { url: "https://notes.example.com/mcp", deployment: "remote", status: "active", archivedAt: null, createdAt: new Date(NOW - 60_000), ...server },
    now: NOW,
    activeCredentials: 1,
    lastCall: null,
    liveTokens: 0,
    neverExpire: 0,
    inGrace: 0,
    allowedAfterEnd: 0,
    refusedRevoked: 0,
    callers: [],
    ...rest,
  };
}

const statuses = (e: ReviewEvidence) => Object.fromEntries(judgeReview(e).map((c) => [c.id, c.status]));

describe("the auth review", () => {
  it("says 'no evidence yet' for a server registered a minute ago, rather than failing or passing it", () => {
    expect(statuses(evidence())).toEqual({ strategy: "none", transport: "pass", expiry: "none", revocation: "none", audit: "none" });
    expect(judgeReview(evidence()).find((c) => c.id === "expiry")?.detail).toBe("No live tokens are valid here yet, so there is nothing to judge.");
  });

  it("fails a shared server that has been registered a week and never called (it may be running open)", () => {
    expect(statuses(evidence({ server: { createdAt: new Date(NOW - 8 * DAY_MS) } })).strategy).toBe("fail");
  });

  it("judges once there are calls and tokens", () => {
    const e = evidence({ lastCall: NOW - 60_000, liveTokens: 3, neverExpire: 1, callers: ["ada@example.com"] });
    expect(statuses(e)).toEqual({ strategy: "pass", transport: "pass", expiry: "fail", revocation: "pass", audit: "pass" });
  });

  it.each<[string, ReviewEvidence["server"]["deployment"], string, string]>([
    ["remote over https", "remote", "https://n.example.com/mcp", "pass"],
    ["remote over plain http", "remote", "http://n.example.com/mcp", "fail"],
    ["several local users over plain http on the LAN", "local-multi", "http://192.168.1.20:8080/mcp", "fail"],
    ["remote over http on localhost", "remote", "http://localhost:3000/mcp", "pass"],
    ["remote over http on 127.0.0.1", "remote", "http://127.0.0.1:3000/mcp", "pass"],
    ["remote over http on [::1]", "remote", "http://[::1]:3000/mcp", "pass"],
    ["one local user over http to another host", "local-single", "http://10.0.0.2/mcp", "warn"],
  ])("transport: %s → %s", (_label, deployment, url, status) => {
    expect(transportCheck({ server: evidence({ server: { deployment, url } }).server }).status).toBe(status);
  });

  it("passes the transport of a stdio server, which has no URL", () => {
    expect(transportCheck({ server: evidence({ server: { url: null, deployment: "local-single" } }).server }).status).toBe("pass");
  });

  it("fails a 'local, one user' server that several people call, naming them", () => {
    const server = evidence({ server: { deployment: "local-single", url: null } }).server;
    expect(singleUserCheck({ server, callers: [] })?.status).toBe("none");
    expect(singleUserCheck({ server, callers: ["OS user ada"] })?.status).toBe("pass");
    const four = singleUserCheck({ server, callers: ["OS user ada", "OS user bob", "cai@example.com", "OS user dee"] });
    expect(four?.status).toBe("fail");
    expect(four?.detail).toContain("4 different people (OS user ada, OS user bob, cai@example.com, OS user dee)");
  });

  it("does not count callers of a shared server: several people are what it is for", () => {
    expect(singleUserCheck({ server: evidence().server, callers: ["a", "b"] })).toBeNull();
  });
});
