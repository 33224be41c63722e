import AxeBuilder from "@axe-core/playwright";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

/** axe's WCAG 2.x A/AA and best-practice rules on the page as it stands: every violation, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const widths = [1280, 390] as const;
const schemes = ["light", "dark"] as const;

/**
 * Looks at the page as people will: 1280 and 390 px wide, light and dark. At each, axe finds
 * nothing, nothing scrolls sideways (the open dialog, if any), and a screenshot lands in
 * test-results/screens to look at.
 */
export async function lookAt(page: Page, name: string): Promise<void> {
  // Four axe runs and full-page screenshots: on a loaded CI machine they take tens of seconds.
  test.info().setTimeout(test.info().timeout + 60_000);
  const before = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    for (const colorScheme of schemes) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), `axe at ${width} px, ${colorScheme}`).toEqual([]);
      // With a dialog open, the dialog is what a person sees and scrolls; the page behind is inert.
      const sideways = await page.evaluate(() => {
        const dialog = document.querySelector<HTMLElement>('[role="dialog"], [role="alertdialog"]');
        if (!dialog) return document.documentElement.scrollWidth - window.innerWidth;
        return Math.max(dialog.getBoundingClientRect().right - window.innerWidth, dialog.scrollWidth - dialog.clientWidth);
      });
      expect(sideways, `sideways scroll at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join("test-results", "screens", `${name}-${width}-${colorScheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (before) await page.setViewportSize(before);
}
