import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { PAGE_TYPES } from './support/pages';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

function describe(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : '';
      return `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

/** axe's default rule set, plus every rule tagged WCAG 2.0/2.1 A and AA (some are off by default). */
async function audit(page: Page): Promise<Violation[]> {
  const byDefault = await new AxeBuilder({ page }).analyze();
  const byTag = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const seen = new Map<string, Violation>();
  for (const v of [...byDefault.violations, ...byTag.violations]) if (!seen.has(v.id)) seen.set(v.id, v);
  return [...seen.values()];
}

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
