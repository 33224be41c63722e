/**
 * Properties 1 and 2 against the running production server: a canary token (revealed once, by
 * the CLI) and canary passwords (set through an invite, then a wrong one tried) never show up in
 * the server's output, the build folder, any file in the data folder, or any answer after the reveal — including
 * when the token is put in a URL query string, which is refused with 400.
 */
import { expect, test, type APIResponse } from "@playwright/test";
import path from "node:path";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { serverFiles } from "./support/files";
import { serverOutput } from "./support/server-log";
import { cliIssue, unique, uniqueUrl } from "./support/tokens";
import { acceptInviteLink, signedOutContext, signInWithPassword } from "./support/users";

test("a canary token and canary passwords never leak after the one reveal", async ({ browser, playwright }) => {
  // Passwords: set through an invite link in the browser, then a wrong one tried at sign-in.
  const password = `canary-pw-${unique("p")}-long-enough`;
  const wrongPassword = `canary-wrong-${unique("w")}-long-enough`;
  const email = `${unique("canary")}@example.com`;
  const { inviteUrl } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", "Canary", "--role", "user");
  const owner = await acceptInviteLink(browser, inviteUrl, password);
  const stranger = await signedOutContext(browser);
  await signInWithPassword(await stranger.newPage(), email, wrongPassword);
  await stranger.close();

  // The token: issued by the CLI, revealed once to its owner on My tokens; and a server to present it to.
  const server = gatehouseCli<{ slug: string; credential: string }>("servers", "add", "--name", unique("Canary server"), "--url", uniqueUrl("canary"));
  const tokenName = unique("canary-token");
  cliIssue(email, tokenName);
  await owner.page.goto("/my-tokens");
  const card = owner.page.getByTestId("my-token").filter({ hasText: tokenName });
  await card.getByRole("button", { name: `Reveal ${tokenName}` }).click();
  const canary = (await card.getByTestId("revealed-secret").textContent())!;
  expect(canary).toMatch(/^mcpt_/);

  const answers: string[] = [];
  const keep = async (res: APIResponse) => (answers.push(await res.text()), res);
  const api = await playwright.request.newContext({ baseURL: E2E.baseURL, extraHTTPHeaders: { authorization: `Bearer ${server.credential}` } });
  const verified = await keep(await api.post("/api/v1/verify", { data: { token: canary, method: "tools/list", request_id: canary, user_agent: canary } }));
  expect(await verified.json()).toMatchObject({ active: true, allowed: true });
  const introspected = await keep(await api.post("/api/v1/introspect", { form: { token: canary } }));
  expect(await introspected.json()).toMatchObject({ active: true });

  // A token in the URL: refused before anything is looked at, on every endpoint and method.
  for (const [method, route] of [["POST", "/api/v1/verify"], ["GET", "/api/v1/verify"], ["POST", "/api/v1/introspect"], ["POST", "/api/v1/revoke"]] as const) {
    const res = await keep(await api.fetch(`${route}?token=${canary}`, { method, form: method === "POST" ? { token: canary } : undefined }));
    expect(res.status(), `${method} ${route}?token=…`).toBe(400);
  }

  // Every page and export that shows the token, as its owner and as an admin.
  for (const page of ["/my-tokens", "/tokens"]) answers.push(await (await owner.page.request.get(page)).text());
  const admin = await playwright.request.newContext({ baseURL: E2E.baseURL, storageState: E2E.adminState });
  const list = gatehouseCli<{ id: string; name: string }[]>("tokens", "list", "--user", email);
  for (const page of ["/tokens", `/tokens/${list[0]!.id}`, "/tokens/export", "/servers", `/servers/${server.slug}`]) {
    const res = await keep(await admin.get(page));
    expect(res.status(), page).toBe(200);
  }
  answers.push(JSON.stringify(list));

  // It still works — the query-string attempts did not revoke it — and ends when presented to revoke.
  await keep(await api.post("/api/v1/revoke", { form: { token: canary } }));
  expect(await (await keep(await api.post("/api/v1/verify", { data: { token: canary } }))).json()).toEqual({ active: false, reason: "revoked" });

  // The build folder and every file in the data folder: database, WAL, audit search index, secrets.
  const files = serverFiles();
  expect(files.map((f) => path.basename(f.where))).toEqual(expect.arrayContaining(["gatehouse.db", "gatehouse.db.audit-index"]));
  const places = [
    ...files,
    { where: "server output", text: serverOutput() },
    { where: "answers after the reveal", text: answers.join("\n") },
  ];
  // One assertion over all places (hundreds of build files): the list of leaks must be empty.
  const secrets = [canary, canary.slice(5, 35), password, wrongPassword, server.credential];
  const leaks = places.flatMap(({ where, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 14)}… in ${where}`));
  expect(leaks).toEqual([]);
  await api.dispose();
  await admin.dispose();
  await owner.context.close();
});
