/**
 * Issue 17.13 and 17.14: the issue form's defaults and inputs, and what it says afterwards.
 * Nothing is preselected that covers servers nobody chose; expiry has presets and shows the date
 * it comes to; a name is refused, not cut; write → read is confirmed; every form can be cancelled.
 */
import { expect, test } from "@playwright/test";
import { gatehouseCli } from "./support/cli";
import { E2E } from "./support/env";
import { lookAt } from "./support/look";
import { cliIssue, cliServer, cliServiceAccount, cliUser, unique } from "./support/tokens";

test.use({ storageState: E2E.adminState });

type ListedToken = { id: string; name: string; scope: string; servers: string[] | "all"; expiresAt: string | null };
const tokensOf = (email: string) => gatehouseCli<ListedToken[]>("tokens", "list", "--user", email);
const DATE = /\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/;

test("no server is preselected, presets fill the expiry and preview its date, and a recap says what was issued", async ({ page }) => {
  const bob = cliUser("recap");
  const notes = cliServer("Recap notes");
  const name = unique("recap");
  await page.goto("/tokens/new");
  await expect(page.getByRole("radio", { name: "Only these servers" })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^All MCP servers/ })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: notes.name })).not.toBeChecked();

  await page.getByRole("combobox", { name: "Owner" }).selectOption(bob);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("radio", { name: /^Write/ }).check();
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Choose at least one server" })).toBeVisible();
  expect(tokensOf(bob)).toEqual([]);

  await page.getByRole("checkbox", { name: notes.name }).check();
  await page.getByRole("button", { name: "90 days" }).click();
  await expect(page.getByLabel("Expires in")).toHaveValue("90d");
  const preview = page.getByTestId("expiry-preview");
  await expect(preview).toHaveText(new RegExp(`^Expires ${DATE.source}\\.$`));
  await page.getByLabel("Expires in").fill("400d");
  await expect(preview).toHaveText("Longer than the 365 days allowed.");
  await page.getByLabel("Expires in").fill("90d");
  await lookAt(page, "issue-form");

  // The preview counts from the moment it is shown, the issue from the moment it is sent: the
  // minute can turn between the two, never more.
  const previewed = Date.parse((await preview.textContent())!.replace(/^Expires |\.$/g, "").replace(",", ""));
  await page.getByRole("button", { name: "Issue token" }).click();
  const recap = page.getByRole("region", { name: `Issued “${name}”` });
  await expect(recap).toContainText(`OwnerE2E recap (${bob})`);
  await expect(recap).toContainText("ScopeWrite: read and write tools");
  await expect(recap).toContainText(`Servers${notes.name} (${notes.slug})`);
  const issued = Date.parse((await recap.getByRole("definition").last().textContent())!.replace(",", ""));
  expect(issued - previewed).toBeGreaterThanOrEqual(0);
  expect(issued - previewed).toBeLessThanOrEqual(60_000);
  await lookAt(page, "issue-recap");
  expect(tokensOf(bob)).toEqual([expect.objectContaining({ name, scope: "write", servers: [notes.slug] })]);
});

test("all servers is a deliberate choice, and the recap says it includes servers added later", async ({ page }) => {
  const owner = cliUser("all");
  cliServer("All one");
  const name = unique("everywhere");
  await page.goto("/tokens/new");
  await page.getByRole("combobox", { name: "Owner" }).selectOption(owner);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("radio", { name: /^All MCP servers/ }).check();
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByRole("region", { name: `Issued “${name}”` })).toContainText("All MCP servers, including ones added later");
  expect(tokensOf(owner)).toEqual([expect.objectContaining({ name, servers: "all" })]);
});

test("a name past 80 characters is refused under the field, never cut", async ({ page }) => {
  const owner = cliUser("long");
  const server = cliServer("Long server");
  const long = "n".repeat(81);
  await page.goto("/tokens/new");
  await page.getByRole("combobox", { name: "Owner" }).selectOption(owner);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(long);
  await page.getByRole("checkbox", { name: server.name }).check();
  await page.getByRole("button", { name: "Issue token" }).click();
  await expect(page.getByText("Name is too long (80 characters at most)")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveValue(long);
  expect(tokensOf(owner)).toEqual([]);
});

test("the issue forms have Cancel, back to where they came from", async ({ page, browser }) => {
  await page.goto("/tokens/new");
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  const user = await browser.newContext({ storageState: E2E.userState });
  const mine = await user.newPage();
  await mine.goto("/my-tokens/new");
  await mine.getByRole("link", { name: "Cancel" }).click();
  await expect(mine).toHaveURL(/\/my-tokens$/);
  await user.close();
});

test("a user capped at 90 days is never offered a year, in presets or in the hint", async ({ browser }) => {
  const user = await browser.newContext({ storageState: E2E.userState });
  const page = await user.newPage();
  await page.goto("/my-tokens/new");
  const presets = page.getByRole("group", { name: "Expiry presets" });
  await expect(presets.getByRole("button")).toHaveText(["7 days", "30 days", "90 days"]);
  const hint = page.locator("#expires-description");
  await expect(hint).toContainText("At most 90 days");
  await expect(hint).not.toContainText("1y");
  await lookAt(page, "my-issue-form");
  await user.close();
});

test("narrowing write to read asks first; Keep write changes nothing", async ({ page }) => {
  const email = cliServiceAccount("narrow");
  const token = cliIssue(email, unique("narrowed"), "--scope", "write");
  const scope = () => tokensOf(email)[0]?.scope;
  expect(scope()).toBe("write");
  await page.goto(`/tokens/${token.id}`);
  const edit = page.locator("form").filter({ has: page.getByRole("button", { name: "Save changes" }) });
  await edit.getByRole("radio", { name: /^Read/ }).check();
  await edit.getByRole("button", { name: "Save changes" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Make “${token.name}” read-only?` });
  await expect(confirm).toContainText("This cannot be undone");
  await lookAt(page, "narrow-confirm");
  await confirm.getByRole("button", { name: "Keep write" }).click();
  expect(scope()).toBe("write");

  await edit.getByRole("button", { name: "Save changes" }).click();
  await confirm.getByRole("button", { name: "Make read-only" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  expect(scope()).toBe("read");
  await expect(edit.getByRole("radio", { name: /^Write/ })).toBeDisabled();
});
