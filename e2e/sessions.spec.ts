import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { newSignedInUser, signedOutContext, signInWithPassword, uniqueEmail } from "./support/users";
import { gatehouseCli } from "./support/cli";
import { ADMIN } from "./support/accounts";

async function expectSignedOut(page: Page) {
  await page.goto("/my-tokens");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

test.describe("sessions end on the server", () => {
  test("a copy of the session cookie taken before sign-out is refused after it", async ({ browser }) => {
    const user = await newSignedInUser(browser, "replay");
    const copied = await user.context.cookies();
    expect(copied.map((c) => c.name)).toContain("authjs.session-token");

    await user.page.goto("/my-tokens");
    await user.page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(user.page).toHaveURL(/\/login/);

    // The attacker's browser, holding the cookie as it was before sign-out.
    const replay = await signedOutContext(browser);
    await replay.addCookies(copied);
    const page = await replay.newPage();
    await expectSignedOut(page);
    const session = await page.request.get("/api/auth/session");
    expect(await session.json()).toBeNull();
    await replay.close();
    await user.context.close();
  });

  test("sign out everywhere on My tokens ends the session in another browser too", async ({ browser }) => {
    const user = await newSignedInUser(browser, "everywhere");
    const laptop = await signedOutContext(browser);
    const laptopPage = await laptop.newPage();
    await signInWithPassword(laptopPage, user.email, user.password);
    await expect(laptopPage.getByRole("navigation", { name: "Main" })).toBeVisible();

    await user.page.goto("/my-tokens");
    await expect(user.page.getByText("You are signed in in 2 browsers")).toBeVisible();
    await user.page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(user.page).toHaveURL(/\/login/);

    await expectSignedOut(laptopPage);
    await expectSignedOut(user.page);
    await laptop.close();
    await user.context.close();
  });

  test("an admin signs a user out everywhere from the users page", async ({ browser }) => {
    const user = await newSignedInUser(browser, "admin-ends");
    const admin = await browser.newContext({ storageState: E2E.adminState });
    const adminPage = await admin.newPage();
    await adminPage.goto("/users");
    const row = adminPage.getByRole("row").filter({ hasText: user.email });
    await row.getByRole("button", { name: `Actions for ${user.email}` }).click();
    await adminPage.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await expect(adminPage.getByText(`${user.name} is signed out everywhere (1 session ended).`)).toBeVisible();

    await expectSignedOut(user.page);
    // The admin's own session is untouched.
    await adminPage.reload();
    await expect(adminPage.getByRole("navigation", { name: "Main" })).toBeVisible();
    await admin.close();
    await user.context.close();
  });
});

test.describe("sign-in throttle", () => {
  test("after 10 wrong passwords the 11th attempt is refused with when to try again, even with the right password", async ({ browser }) => {
    test.setTimeout(180_000);
    const email = uniqueEmail("throttled");
    const password = `pw-${Math.random().toString(36).slice(2)}-long-enough`;
    const { inviteUrl } = gatehouseCli<{ inviteUrl: string }>("users", "add", "--email", email, "--name", "Throttled", "--role", "user");
    const setter = await signedOutContext(browser);
    const setPage = await setter.newPage();
    await setPage.goto(inviteUrl);
    await setPage.getByLabel("New password").fill(password);
    await setPage.getByLabel("Confirm password").fill(password);
    await setPage.getByRole("button", { name: "Set password and sign in" }).click();
    await expect(setPage.getByRole("navigation", { name: "Main" })).toBeVisible();
    await setter.close();

    const context = await signedOutContext(browser);
    const page = await context.newPage();
    for (let i = 0; i < 10; i++) {
      await signInWithPassword(page, email, `wrong-password-${i}`);
      await expect(page.getByText("Wrong email or password")).toBeVisible();
    }
    await signInWithPassword(page, email, `wrong-password-10`);
    await expect(page.getByText(/Too many failed sign-ins\. Try again in \d+ (minute|second)s?\./)).toBeVisible();
    await signInWithPassword(page, email, password);
    await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
    await expectSignedOut(page);
    await context.close();
  });
});

test.describe("sign-in flood", () => {
  // server.ts refuses sign-ins past their rate with a plain-text 429 before Next runs them
  // (test/faults/sign-in-flood.fault.ts drives the real server into it; the e2e server's limits
  // are raised for the suite). Here: what the person at the form sees when that happens.
  test("a sign-in refused as one too many shows the server's message, keeps the email, and the next try goes through", async ({ browser }) => {
    const context = await signedOutContext(browser);
    const page = await context.newPage();
    const message = "Too many sign-in attempts right now. Try again in 3 seconds.";
    let refuse = true;
    await page.route("**/login", (route) => {
      const req = route.request();
      if (refuse && req.method() === "POST" && req.headers()["next-action"]) {
        return route.fulfill({ status: 429, headers: { "content-type": "text/plain", "retry-after": "3" }, body: message });
      }
      return route.continue();
    });
    await signInWithPassword(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);

    refuse = false;
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await context.close();
  });
});
