import { describe, expect, it } from "vitest";
import { GET as resourceMetadata } from "@/app/api/v1/resource-metadata/route";
import { updateServer } from "@/lib/servers/lifecycle";
import { registerServer, ServerChangeError } from "@/lib/servers/mutations";
import { registerServerSchema } from "@/lib/validation/servers";
import { authorize, body, consentCode, ctx, exchangeCode, refreshWith, RESOURCE, setUp, verifyWith, type FlowSetUp } from "@/test/fixtures/oauth-flow";
import { useTempDb } from "@/test/temp-db";
import { listGrants } from "./admin";
import { answerConsent } from "./consent";

const system = { actor: "system" as const, clientIp: null, userAgent: "vitest" };
const CLOSED = 'The MCP server "Notes" does not accept OAuth clients: its Gatehouse administrator has turned OAuth off for it.';

/** Which servers accept OAuth clients (a per-server setting): the refusals, and what turning it off ends. */
describe("servers that accept OAuth clients", () => {
  const t = useTempDb();
  const setOAuth = (s: FlowSetUp, acceptsOAuth: boolean) => updateServer({ serverId: s.server.id, name: "Notes", url: RESOURCE, deployment: "remote", acceptsOAuth }, system);

  it("accepts OAuth on a remote server by default; a local one is never offered it", () => {
    const remote = registerServer({ name: "Hosted", url: "https://hosted.example.com/mcp", deployment: "remote" }, system).server;
    const local = registerServer({ name: "Laptop", url: "http://localhost:7000/mcp", deployment: "local-multi" }, system).server;
    expect([remote.acceptsOAuth, local.acceptsOAuth]).toEqual([true, false]);
    expect(() => registerServer({ name: "Desk", deployment: "local-single", acceptsOAuth: true }, system)).toThrow(ServerChangeError);
    const parsed = registerServerSchema.safeParse({ name: "Desk", deployment: "local-single", acceptsOAuth: "on" });
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["acceptsOAuth"], message: "Only a remote server can accept OAuth clients" });
  });

  it("refuses at authorize a resource naming a server that does not accept OAuth, with invalid_target saying so", async () => {
    const s = setUp();
    setOAuth(s, false);
    const outcome = await authorize(s.client.client_id);
    expect(outcome.kind).toBe("redirect");
    const back = new URL((outcome as { location: string }).location);
    expect(back.searchParams.get("error")).toBe("invalid_target");
    expect(back.searchParams.get("error_description")).toBe(CLOSED);
    expect(back.searchParams.get("state")).toBe("st-1");
  });

  it("refuses at the token endpoint a resource naming such a server, with invalid_target", async () => {
    const s = setUp();
    const code = (await consentCode(s)).searchParams.get("code")!;
    registerServer({ name: "Closed", url: "https://closed.example.com/mcp", deployment: "remote", acceptsOAuth: false }, system);
    const r = await exchangeCode(s, code, { resource: "https://closed.example.com/mcp" });
    expect(r.status).toBe(400);
    expect(body(r)).toEqual({ error: "invalid_target", error_description: 'The MCP server "Closed" does not accept OAuth clients: its Gatehouse administrator has turned OAuth off for it.' });
  });

  it("ends every grant on the server when it is turned off: the access token fails the next call, the refresh says why", async () => {
    const s = setUp();
    const issued = body(await exchangeCode(s, (await consentCode(s)).searchParams.get("code")!));
    expect(verifyWith(s.credential, String(issued.access_token))).toBe("allowed");
    setOAuth(s, false);
    expect(verifyWith(s.credential, String(issued.access_token))).toBe("inactive");
    const refused = await refreshWith(s, String(issued.refresh_token));
    expect(body(refused)).toEqual({ error: "invalid_target", error_description: CLOSED });
    expect(listGrants("system")).toEqual([]);
    const reasons = t.db.$client.prepare("SELECT reason FROM audit_events WHERE type = 'oauth.grant_revoked'").pluck().all();
    expect(reasons).toEqual(["the server no longer accepts OAuth clients"]);
    const edit = JSON.parse(t.db.$client.prepare("SELECT details FROM audit_events WHERE type = 'server.updated'").pluck().get() as string) as Record<string, unknown>;
    expect(edit).toMatchObject({ changed: ["acceptsOAuth"], before: { acceptsOAuth: true }, after: { acceptsOAuth: false }, oauthGrantsEnded: 1 });
    // Turning it back on does not revive the grant: the person connects again.
    setOAuth(s, true);
    expect(body(await refreshWith(s, String(issued.refresh_token))).error).toBe("invalid_grant");
    expect(verifyWith(s.credential, String(issued.access_token))).toBe("inactive");
  });

  it("sends a consent answered after OAuth was turned off back to the client as invalid_target, granting nothing", async () => {
    const s = setUp();
    const outcome = await authorize(s.client.client_id);
    if (outcome.kind !== "consent") throw new Error("expected consent");
    setOAuth(s, false);
    const back = new URL(answerConsent(outcome.requestId, true, { actor: s.actor, ...ctx })!);
    expect(back.searchParams.get("error")).toBe("invalid_target");
    expect(back.searchParams.get("code")).toBeNull();
    expect(t.db.$client.prepare("SELECT count(*) FROM oauth_grants").pluck().get()).toBe(0);
  });

  it("names Gatehouse as authorization server in the server's RFC 9728 metadata only while it accepts OAuth", async () => {
    const s = setUp();
    const metadata = async () => (await resourceMetadata(new Request("http://gatehouse.test/api/v1/resource-metadata", { headers: { authorization: `Bearer ${s.credential}` } }))).json();
    expect(await metadata()).toMatchObject({ resource: RESOURCE, authorization_servers: [expect.any(String)] });
    setOAuth(s, false);
    const closed = (await metadata()) as Record<string, unknown>;
    expect(closed.resource).toBe(RESOURCE);
    expect(closed).not.toHaveProperty("authorization_servers");
  });
});
