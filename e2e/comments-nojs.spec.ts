/**
 * The comment form with JavaScript switched off: a plain HTML form POST answered 303 back to the
 * article's "awaiting moderation" notice, or to the respond page with the errors next to the
 * fields and the reader's text kept; replies through the respond page.
 */
import { expect, test, type Page } from '@playwright/test';
import { approve, closeStore, from, newReader, postPending, readerIp, rowByEmail, rowsContaining, totalRows, unique, type Reader, BAD_INPUT_ERRORS } from './support/comments';
import { BASE_URL } from './support/page-helpers';
import { CLOSED_SLUG } from './support/pages';

test.use({ javaScriptEnabled: false });
test.afterAll(closeStore);

/** Comments in this spec go under an article no other spec comments on. */
const ARTICLE = 'uzbekistan-latin-alphabet-opinion';
const PENDING_NOTICE = 'Your comment is awaiting moderation';

async function fillForm(page: Page, reader: Partial<Reader>, body: string): Promise<void> {
  await page.locator('#comment-body').fill(body);
  await page.locator('#comment-name').fill(reader.name ?? '');
  await page.locator('#comment-email').fill(reader.email ?? '');
  await page.locator('#comment-url').fill(reader.url ?? '');
}

/** Clicks "Post Comment" and returns the status of the plain form POST (before its redirect is followed). */
async function submit(page: Page): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${BASE_URL}/api/comments` && r.request().method() === 'POST'),
    page.locator('form#respond').getByRole('button', { name: 'Post Comment' }).click(),
  ]);
  expect(response.request().headers()['content-type']).toBe('application/x-www-form-urlencoded');
  await page.waitForLoadState();
  return response.status();
}

async function expectPendingNotice(page: Page, slug: string): Promise<void> {
  await expect(page).toHaveURL(`${BASE_URL}/articles/${slug}#comment-pending`);
  const notice = page.locator('#comment-pending');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(PENDING_NOTICE);
}

test('without JavaScript a valid comment is answered 303 to the article, which shows the "awaiting moderation" notice and not the comment', async ({
  page,
}, testInfo) => {
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  await page.goto(`/articles/${ARTICLE}`);
  await expect(page.locator('#comment-pending'), 'the notice is hidden on a plain visit').toBeHidden();

  const reader = newReader('Plain Form', true);
  const body = `Posted from a browser without JavaScript (${unique('nojs')}).`;
  await fillForm(page, reader, body);
  expect(await submit(page)).toBe(303);
  await expectPendingNotice(page, ARTICLE);
  await expect(page.locator('#comments')).not.toContainText(body);

  expect(await rowByEmail(reader.email)).toMatchObject({ article: ARTICLE, status: 'pending', body, author_url: reader.url });
});

test('without JavaScript invalid input lands on the respond page with each error next to its field and the typed text kept, and nothing is stored', async ({
  page,
}, testInfo) => {
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  await page.goto(`/articles/${ARTICLE}`);
  const before = await totalRows();

  // Each value passes the browser's own checks (required, type=email, type=url, minlength) but not the server's.
  const typed = { name: '   ', email: `${unique('nojs-bad')}@localhost`, url: 'javascript:alert(1)', body: '  x  ' };
  await fillForm(page, typed, typed.body);
  expect(await submit(page)).toBe(303);

  await expect(page).toHaveURL(new RegExp(`^${BASE_URL}/articles/${ARTICLE}/respond\\?f=[A-Za-z0-9_-]+#respond$`));
  await expect(page.locator('form#respond .comment-form__status')).toContainText('Some fields need attention.');
  const expected = BAD_INPUT_ERRORS;
  for (const [field, message] of Object.entries(expected)) {
    const input = page.locator(`#comment-${field}`);
    await expect(page.locator(`#comment-${field}-error`), `${field} error`).toHaveText(message);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', `comment-${field}-error`);
    expect(await page.locator(`#comment-${field}-error`).evaluate((el) => el.previousElementSibling?.id), `${field} error follows its field`).toBe(
      `comment-${field}`,
    );
    await expect(input, `${field}: what the reader typed is kept`).toHaveValue(typed[field as keyof typeof typed]);
  }
  expect(await totalRows(), 'nothing stored').toBe(before);
  expect(await rowsContaining(typed.email)).toEqual([]);
});

test('without JavaScript the respond page keeps a long comment when only the email is wrong, and resubmitting it fixed there posts it', async ({
  page,
}, testInfo) => {
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  await page.goto(`/articles/${ARTICLE}`);
  const reader = newReader('Second Try', true);
  const body = `First paragraph of a careful comment (${unique('kept')}).\n\nSecond paragraph, with "quotes", <angle brackets> & ampersands.`;
  await fillForm(page, { ...reader, email: 'second.try@localhost' }, body);
  await page.locator('#comment-remember').check();
  expect(await submit(page)).toBe(303);

  await expect(page).toHaveURL(/\/respond\?f=/);
  await expect(page.locator('#comment-email-error')).toBeVisible();
  await expect(page.locator('#comment-body')).toHaveValue(body);
  await expect(page.locator('#comment-name')).toHaveValue(reader.name);
  await expect(page.locator('#comment-url')).toHaveValue(reader.url!);
  await expect(page.locator('#comment-email')).toHaveValue('second.try@localhost');
  await expect(page.locator('#comment-remember')).toBeChecked();
  for (const field of ['body', 'name', 'url']) await expect(page.locator(`#comment-${field}-error`)).toHaveCount(0);
  const respondUrl = page.url();

  await page.locator('#comment-email').fill(reader.email);
  expect(await submit(page)).toBe(303);
  await expectPendingNotice(page, ARTICLE);
  expect(await rowByEmail(reader.email)).toMatchObject({ status: 'pending', body, author_name: reader.name, author_url: reader.url });

  // What the reader typed is bound to their browser: the same address elsewhere shows none of it.
  const stranger = await page.context().browser()!.newContext({ javaScriptEnabled: false });
  const other = await stranger.newPage();
  await other.goto(respondUrl);
  await expect(other.locator('main')).toContainText('This form has expired. Please write your comment again.');
  await expect(other.locator('#comment-body')).toHaveValue('');
  await expect(other.locator('#comment-name')).toHaveValue('');
  await expect(other.locator('main')).not.toContainText(reader.name);
  await stranger.close();
});

test('without JavaScript the Reply link opens the respond page "Reply to NAME", and the reply is stored under its parent', async ({ page, request }, testInfo) => {
  const parentReader = newReader('Nojs Parent');
  const parentBody = `Parent for a reply without JavaScript (${unique('parent')}).`;
  const parentId = await postPending(request, { article: ARTICLE, reader: parentReader, body: parentBody, ip: readerIp(testInfo, 0) });
  await approve(parentId);

  await page.setExtraHTTPHeaders(from(readerIp(testInfo, 1)));
  await page.goto(`/articles/${ARTICLE}`);
  await page.locator(`li#comment-${parentId}`).getByRole('link', { name: `Reply to ${parentReader.name}` }).click();
  await expect(page).toHaveURL(`${BASE_URL}/articles/${ARTICLE}/respond?replyto=${parentId}#respond`);
  await expect(page.locator('#respond-heading')).toHaveText(`Reply to ${parentReader.name}`);
  await expect(page.locator('main'), 'the comment being answered is shown').toContainText(parentBody);
  await expect(page.locator('form#respond input[name="parentId"]')).toHaveValue(parentId);
  await expect(page.locator('form#respond').getByRole('link', { name: 'Cancel reply' })).toHaveAttribute('href', `/articles/${ARTICLE}#respond`);

  const replier = newReader('Nojs Replier');
  await fillForm(page, replier, `A reply sent without JavaScript (${unique('reply')}).`);
  expect(await submit(page)).toBe(303);
  await expectPendingNotice(page, ARTICLE);
  expect(await rowByEmail(replier.email)).toMatchObject({ parent_id: parentId, depth: 2, status: 'pending', article: ARTICLE });
});

test('without JavaScript an article whose comments are closed has no form and no Reply links, and neither has its respond page', async ({ page }) => {
  await page.goto(`/articles/${CLOSED_SLUG}`);
  const comments = page.locator('#comments');
  await expect(comments).toContainText('Comments are closed for this article.');
  await expect(page.locator('form#respond')).toHaveCount(0);
  await expect(page.locator('form[action="/api/comments"]')).toHaveCount(0);
  await expect(comments.locator('a.comment__reply')).toHaveCount(0);

  const response = await page.goto(`/articles/${CLOSED_SLUG}/respond`);
  expect(response?.status()).toBe(200);
  await expect(page.locator('main')).toContainText('Comments are closed for this article.');
  await expect(page.locator('form#respond')).toHaveCount(0);
});

test('without JavaScript a long comment in Russian (under the 5000-character limit) is accepted', async ({ page }, testInfo) => {
  // A plain form percent-encodes every Cyrillic letter as 6 bytes (%D0%B0): 4500 characters make a body of about 23 KB.
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  await page.goto(`/articles/${ARTICLE}`);
  const reader = newReader('Russian Reader');
  const sentence = 'Спасибо за статью, очень интересно. ';
  const body = `${sentence.repeat(Math.floor(4500 / sentence.length))}${unique('ru')}`;
  expect(body.length).toBeLessThanOrEqual(5000);
  expect(new URLSearchParams({ body }).toString().length, 'the encoded comment alone is over 16 KB').toBeGreaterThan(16 * 1024);
  await fillForm(page, reader, body);
  expect(await submit(page), 'the form post is answered 303, not 413').toBe(303);
  await expectPendingNotice(page, ARTICLE);
  expect((await rowByEmail(reader.email)).body).toBe(body);
});
