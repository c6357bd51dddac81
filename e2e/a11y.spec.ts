import { expect, test } from '@playwright/test';
import { audit, describeViolations as describe } from './support/axe';
import { PAGE_TYPES } from './support/pages';


for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    for (const { name, path, status = 200 } of PAGE_TYPES) {
      test(`the ${name} page (${path}) has no axe violations in ${colorScheme} mode`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        const response = await page.goto(path);
        expect(response?.status()).toBe(status);
        await page.evaluate(() => document.fonts.ready);
        expect(await page.evaluate(() => matchMedia(`(prefers-color-scheme: dark)`).matches)).toBe(colorScheme === 'dark');
        const violations = await audit(page);
        expect(violations.map((v) => v.id), `axe violations on ${path} (${colorScheme}):\n${describe(violations)}`).toEqual([]);
      });
    }
  });
}
