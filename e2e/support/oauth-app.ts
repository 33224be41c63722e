import crypto from "node:crypto";
import http from "node:http";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./env";

/*
 * An MCP client, as far as the e2e specs need one: a loopback callback, registration, the
 * person's consent in their browser, the code redeemed; and what verify says of its token.
 */

/** A loopback redirect target, as a native MCP client runs one: it hands over the first callback's query. */
export async function startCallback() {
  let resolve!: (q: URLSearchParams) => void;
  const received = new Promise<URLSearchParams>((r) => (resolve = r));
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/plain" }).end("You can close this window.");
    resolve(url.searchParams);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/callback`, received, close: () => server.close() };
}

/** What an MCP client does on a person's behalf: register, send them to consent, redeem the code. Returns its client id and access token. */
/** `onConsent` looks at the consent page before Allow is clicked. */
export async function connectApp(
  person: Page,
  clientName: string,
  resource: string,
  opts: { scope?: string; onConsent?: (page: Page) => Promise<void> } = {},
): Promise<{ clientId: string; accessToken: string; scope: string }> {
  const callback = await startCallback();
  const registered = await fetch(`${E2E.baseURL}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: clientName, redirect_uris: [callback.url], token_endpoint_auth_method: "none" }),
  });
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const verifier = crypto.randomBytes(32).toString("base64url");
  const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
  const authorize = new URL(`${E2E.baseURL}/oauth/authorize`);
  for (const [k, v] of Object.entries({ response_type: "code", client_id: clientId, redirect_uri: callback.url, code_challenge: challenge, code_challenge_method: "S256", state: "s", resource, scope: opts.scope ?? "tools:read" })) {
    authorize.searchParams.set(k, v);
  }
  await person.goto(authorize.href);
  await opts.onConsent?.(person);
  await person.getByRole("button", { name: "Allow" }).click();
  const answer = await callback.received;
  callback.close();
  const token = await fetch(`${E2E.baseURL}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code: answer.get("code")!, code_verifier: verifier, redirect_uri: callback.url, client_id: clientId, resource }),
  });
  expect(token.status).toBe(200);
  const issued = (await token.json()) as { access_token: string; scope: string };
  return { clientId, accessToken: issued.access_token, scope: issued.scope };
}

export async function isActive(credential: string, token: string): Promise<boolean> {
  const res = await fetch(`${E2E.baseURL}/api/v1/verify`, {
    method: "POST",
    headers: { authorization: `Bearer ${credential}`, "content-type": "application/json" },
    body: JSON.stringify({ token, method: "tools/list" }),
  });
  return ((await res.json()) as { active: boolean }).active;
}
