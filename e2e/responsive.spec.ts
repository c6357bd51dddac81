import { expect, test } from '@playwright/test';
import { PAGE_TYPES } from './support/pages';

test.use({ viewport: { width: 320, height: 640 } });

for (const { name, path, status = 200 } of PAGE_TYPES) {
  test(`the ${name} page (${path}) has no horizontal scroll at 320px wide`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(status);
    await page.evaluate(() => document.fonts.ready);
    const { scrollWidth, clientWidth, wide } = await page.evaluate(() => {
      const root = document.documentElement;
      // Name the elements that stick out, so a failure says where to look.
      const wide = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .filter((el) => !el.closest('.sr-only'))
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
    });
    expect(clientWidth).toBeLessThanOrEqual(320);
    expect(scrollWidth, `document is ${scrollWidth}px wide; elements past the edge: ${wide.join(', ') || 'none found'}`).toBeLessThanOrEqual(320);
  });
}
