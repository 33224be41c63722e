/**
 * Issue 17.1: a form that reports an error keeps everything entered, and a token is issued
 * exactly as asked, or not at all: never to a default owner, never on servers nobody chose.
 */
import { expect, test } from "@playwright/test";
import { ADMIN } from "./support/accounts";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { callFormAction } from "./support/server-action";
import { cliIssue, cliServiceAccount, cliUser, unique, uniqueUrl } from "./support/tokens";

test.use({ storageState: E2E.adminState });

type ListedToken = { id: string; name: string; owner: string; scope: string; servers: string[] | "all"; status: string };
const tokensOf = (email: string) => gatehouseCli<ListedToken[]>("tokens", "list", "--user", email);

test("after an error the issue form keeps every field; fixing the one flagged issues exactly what was asked", async ({ page }) => {
  const bob = cliUser("bob");
  const notes = gatehouseCli<{ slug: string; name: string }>("servers", "add", "--name", unique("Notes"), "--url", uniqueUrl("notes"));
  const files = gatehouseCli<{ slug: string; name: string }>("servers", "add", "--name", unique("Files"), "--url", uniqueUrl("files"));
  const name = unique("bob-notes");
  const adminTokensBefore = tokensOf(ADMIN.email).length;

  await page.goto("/tokens/new");
  const owner = page.getByRole("combobox", { name: "Owner" });
  await owner.selectOption(bob);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("radio", { name: /^Read/ }).check();
  await page.getByRole("radio", { name: "Only these servers" }).check();
  await page.getByRole("checkbox", { name: notes.name }).check();
  await page.getByLabel("Expires in").fill("99999d");
  await page.getByRole("button", { name: "Issue token" }).click();

  // The policy refuses the expiry; everything else is exactly as entered.
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(owner).toHaveValue(bob);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  await expect(page.getByRole("radio", { name: /^Read/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Only these servers" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: notes.name })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: files.name })).not.toBeChecked();
  await expect(page.getByLabel("Expires in")).toHaveValue("99999d");

  await page.getByLabel("Expires in").fill("30d");
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByText(`${bob} can now claim it`)).toBeVisible();
  expect(tokensOf(bob)).toEqual([expect.objectContaining({ name, owner: bob, scope: "read", servers: [notes.slug], status: "ready" })]);
  expect(tokensOf(ADMIN.email)).toHaveLength(adminTokensBefore);
});

test("the issue action names no default owner: without one it refuses and issues nothing", async ({ request }) => {
  const before = tokensOf(ADMIN.email).length;
  const ref = { filename: "app/actions/tokens.ts", exportedName: "issueTokenAction" };
  const res = await callFormAction(request, "/tokens/new", ref, { name: unique("nobody-asked"), scope: "write", audience: "all", expires: "30d" });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain("Choose the token's owner");
  expect(tokensOf(ADMIN.email)).toHaveLength(before);
});

test("the edit form keeps an emptied name empty while it asks for one", async ({ page }) => {
  const email = cliServiceAccount("edit");
  const token = cliIssue(email, unique("named"));
  await page.goto(`/tokens/${token.id}`);
  const nameField = page.getByRole("textbox", { name: "Name", exact: true });
  await nameField.fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Give the token a name")).toBeVisible();
  await expect(nameField).toHaveValue("");
  expect(tokensOf(email)).toEqual([expect.objectContaining({ name: token.name })]);
});

test("registering a URL a server in service already has is refused under the URL field, and nothing is registered", async ({ page }) => {
  const url = uniqueUrl("taken-url");
  const first = gatehouseCli<{ slug: string }>("servers", "add", "--name", unique("First"), "--url", url);
  const name = unique("Second");
  await page.goto("/servers/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Canonical URL").fill(url);
  await page.getByLabel("Deployment").selectOption("local-multi");
  await page.getByRole("button", { name: "Register server" }).click();
  await expect(page.locator("#url-error")).toHaveText(`The server "${first.slug}" already has this URL.`);
  await expect(page.getByLabel("Canonical URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Canonical URL")).toHaveValue(url);
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(name);
  const listed = gatehouseCli<{ name: string; url: string | null }[]>("servers", "list");
  expect(listed.filter((s) => s.url === url).map((s) => s.name)).toHaveLength(1);
  await lookAt(page, "register-duplicate-url");
});

test("the register-server form keeps its deployment after a taken slug", async ({ page }) => {
  const taken = gatehouseCli<{ slug: string }>("servers", "add", "--name", unique("Taken"), "--url", uniqueUrl("taken"));
  await page.goto("/servers/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(unique("Second"));
  await page.getByLabel("Canonical URL").fill(uniqueUrl("second"));
  await page.getByLabel("Slug").fill(taken.slug);
  const deployment = page.getByLabel("Deployment");
  await deployment.selectOption("local-multi");
  await page.getByRole("button", { name: "Register server" }).click();
  // Said under the field it is about, which is marked, not only in a banner.
  await expect(page.locator("#slug-error")).toHaveText(`The slug "${taken.slug}" is already taken. Choose another.`);
  await expect(page.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  await expect(deployment).toHaveValue("local-multi");
  await expect(page.getByLabel("Slug")).toHaveValue(taken.slug);
});
