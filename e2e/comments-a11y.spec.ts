/**
 * axe on the comment states the page specs cannot reach: approved comments with a nested reply,
 * the moderation notice, errors shown by the script, the respond page with errors, and replying.
 */
import { expect, test, type Page } from '@playwright/test';
import { audit, describeViolations } from './support/axe';
import { approve, closeStore, formToken, from, newReader, postPending, readerIp, unique, waitForEnhancedForm } from './support/comments';
import { BASE_URL } from './support/page-helpers';

/** Comments in this spec go under an article no other spec comments on. */
const ARTICLE = 'rogun-dam-tajikistan-vakhsh';

let parent: { id: string; name: string };
let replyId: string;

test.beforeAll(async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  const parentReader = newReader('Accessible Parent', true);
  const parentId = await postPending(request, {
    article: ARTICLE,
    reader: parentReader,
    body: `A first paragraph (${unique('a11y')}).\n\nA second one with a link: https://example.org/rogun`,
    ip: readerIp(testInfo, 0),
  });
  await approve(parentId);
  replyId = await postPending(request, { article: ARTICLE, reader: newReader('Accessible Reply'), body: `A nested reply (${unique('a11y')}).`, ip: readerIp(testInfo, 1), parentId });
  await approve(replyId);
  parent = { id: parentId, name: parentReader.name };
  await request.dispose();
});

test.afterAll(closeStore);

async function expectNoViolations(page: Page, state: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  const violations = await audit(page);
  expect(violations.map((v) => v.id), `axe violations on ${state}:\n${describeViolations(violations)}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} colour scheme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme });
    });

    test(`an article page showing approved comments with a nested reply has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.goto(`/articles/${ARTICLE}`);
      await expect(page.locator(`li#comment-${parent.id} > ol.comment-list--replies > li#comment-${replyId}`)).toBeVisible();
      await waitForEnhancedForm(page);
      await expectNoViolations(page, `/articles/${ARTICLE} with comments (${colorScheme})`);
    });

    test(`an article page showing the "awaiting moderation" notice has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.goto(`/articles/${ARTICLE}#comment-pending`);
      await expect(page.locator('#comment-pending')).toBeVisible();
      await expectNoViolations(page, `/articles/${ARTICLE}#comment-pending (${colorScheme})`);
    });

    test(`an article page whose form shows the script's field errors has no axe violations (${colorScheme})`, async ({ page }, testInfo) => {
      await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
      await page.goto(`/articles/${ARTICLE}`);
      await waitForEnhancedForm(page);
      await page.locator('#comment-body').fill('ab');
      await page.locator('#comment-email').fill('not-an-email');
      await page.locator('#comment-url').fill('javascript:alert(1)');
      await page.locator('form#respond').getByRole('button', { name: 'Post Comment' }).click();
      for (const field of ['body', 'name', 'email', 'url']) await expect(page.locator(`#comment-${field}-error`)).toBeVisible();
      await expectNoViolations(page, `/articles/${ARTICLE} with form errors (${colorScheme})`);
    });

    test(`an article page whose form is replying to a comment has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.goto(`/articles/${ARTICLE}`);
      await waitForEnhancedForm(page);
      await page.locator(`li#comment-${parent.id}`).getByRole('link', { name: `Reply to ${parent.name}` }).click();
      await expect(page.locator('#respond-heading')).toHaveText(`Reply to ${parent.name}`);
      await expectNoViolations(page, `/articles/${ARTICLE} replying (${colorScheme})`);
    });

    test(`the respond page showing errors next to the fields has no axe violations (${colorScheme})`, async ({ page }, testInfo) => {
      // The plain-form refusal, as a browser without JavaScript gets it; page.request shares the page's cookies.
      const response = await page.request.post('/api/comments', {
        form: { article: ARTICLE, parentId: parent.id, name: ' ', email: 'reader@localhost', url: 'javascript:alert(1)', body: ' x ', token: await formToken(page.request), address: '' },
        headers: from(readerIp(testInfo)),
        maxRedirects: 0,
      });
      expect(response.status()).toBe(303);
      const location = response.headers()['location']!;
      expect(location).toMatch(new RegExp(`^/articles/${ARTICLE}/respond\\?f=`));
      await page.goto(location);
      await expect(page.locator('#respond-heading')).toHaveText(`Reply to ${parent.name}`);
      for (const field of ['body', 'name', 'email', 'url']) await expect(page.locator(`#comment-${field}-error`)).toBeVisible();
      await expectNoViolations(page, `${location} (${colorScheme})`);
    });
  });
}
