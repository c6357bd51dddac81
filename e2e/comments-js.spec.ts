/**
 * The comment form with JavaScript on, in a real browser: posting without a reload, moderation,
 * the approved comment on the static article page, errors next to their fields, replies, and
 * remembering the reader's details.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  approve,
  approvedCount,
  closeStore,
  from,
  newReader,
  postPending,
  publicThread,
  readerIp,
  rowByEmail,
  rowsContaining,
  threadIds,
  totalRows,
  unique,
  waitForEnhancedForm,
  type Reader,
  type ThreadNode,
  BAD_INPUT_ERRORS,
} from './support/comments';
import { articleBySlug } from './support/content';

/** Each behaviour comments on its own article (none of them is one the page specs expect to have no comments). */
const POST_ARTICLE = 'kazakhstan-uranium-explained';
const FORM_ARTICLE = 'kyrgyzstan-tajikistan-border-treaty';
const REPLY_ARTICLE = 'galkynys-gas-turkmenistan-uzbekistan';

test.afterAll(closeStore);

const AWAITING = 'Your comment is awaiting moderation.';

/** Opens an article as a reader from `ip` and waits for the form's script to take over. */
async function openArticle(page: Page, slug: string, ip: string): Promise<void> {
  await page.setExtraHTTPHeaders(from(ip));
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status()).toBe(200);
  await waitForEnhancedForm(page);
}

async function fillForm(page: Page, reader: Partial<Reader>, body: string): Promise<void> {
  const form = page.locator('form#respond');
  await form.locator('#comment-body').fill(body);
  await form.locator('#comment-name').fill(reader.name ?? '');
  await form.locator('#comment-email').fill(reader.email ?? '');
  await form.locator('#comment-url').fill(reader.url ?? '');
}

/** Submits the form and checks that it posted JSON in place rather than navigating. */
async function submitInPlace(page: Page): Promise<number> {
  const url = page.url();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/comments') && r.request().method() === 'POST'),
    page.locator('form#respond').getByRole('button', { name: 'Post Comment' }).click(),
  ]);
  expect(response.request().headers()['content-type']).toBe('application/json');
  expect(page.url(), 'the page did not reload or navigate').toBe(url);
  return response.status();
}

const status = (page: Page) => page.locator('form#respond .comment-form__status');

test('posting with JavaScript shows "awaiting moderation" in place, and the comment is neither on the article page nor in GET /api/comments', async ({
  page,
  request,
}, testInfo) => {
  const reader = newReader('Js Poster');
  const body = `Posted with JavaScript on (${unique('js')}).`;
  await openArticle(page, POST_ARTICLE, readerIp(testInfo));
  await fillForm(page, reader, body);
  expect(await submitInPlace(page)).toBe(201);

  await expect(status(page)).toHaveText(AWAITING);
  await expect(page.locator('#comment-body'), 'the comment box is emptied for the next one').toHaveValue('');

  const row = await rowByEmail(reader.email);
  expect(row).toMatchObject({ article: POST_ARTICLE, status: 'pending', body, author_name: reader.name });

  await page.reload();
  await expect(page.locator('#comments')).toBeVisible();
  await expect(page.locator(`#comment-${row.id}`)).toHaveCount(0);
  await expect(page.locator('#comments')).not.toContainText(body);
  const thread = await publicThread(request, POST_ARTICLE);
  expect(threadIds((thread.json as { comments: ThreadNode[] }).comments)).not.toContain(row.id);
  expect(thread.text).not.toContain(body);
});

test('once approved through the service, a comment shows on the static article page without a rebuild: HTML as literal text, URLs linked nofollow ugc, and article lists count it', async ({
  page,
  request,
}, testInfo) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const reader = newReader('Escaped Author', true);
  const marker = unique('escape');
  const hostile = '<b>bold</b> & <script>alert(1)</script>';
  const link = 'https://example.org/report?id=1&lang=en';
  const body = `${hostile} ${marker}\n\nThe report is at ${link} for anyone curious.`;

  await openArticle(page, POST_ARTICLE, readerIp(testInfo));
  await fillForm(page, reader, body);
  expect(await submitInPlace(page)).toBe(201);
  await expect(status(page)).toHaveText(AWAITING);
  const { id } = await rowByEmail(reader.email);

  await page.reload();
  await expect(page.locator(`#comment-${id}`), 'not public before approval').toHaveCount(0);

  await approve(id);
  const count = await approvedCount(POST_ARTICLE);
  const countText = `${count} ${count === 1 ? 'comment' : 'comments'}`;

  // A fresh request for the page (not a same-document jump to the fragment), then its permalink.
  await page.reload();
  const comment = page.locator(`li#comment-${id}`);
  await expect(comment, 'approved comment on the static page, no rebuild').toBeVisible();
  await comment.locator('a.comment__permalink').click();
  await expect(page).toHaveURL(new RegExp(`/articles/${POST_ARTICLE}#comment-${id}$`));
  await expect(page.locator('#comments-heading')).toHaveText(countText);

  const text = comment.locator('.comment__body');
  await expect(text).toContainText(hostile);
  await expect(text).toContainText(marker);
  await expect(text.locator('p'), 'a blank line starts a new paragraph').toHaveCount(2);
  await expect(text.locator('b, script, strong'), 'no HTML from the commenter reaches the page').toHaveCount(0);

  const bodyLink = text.getByRole('link', { name: link });
  await expect(bodyLink).toHaveAttribute('href', link);
  await expect(bodyLink).toHaveAttribute('rel', /\bnofollow\b/);
  await expect(bodyLink).toHaveAttribute('rel', /\bugc\b/);

  const author = comment.locator(`#comment-${id}-author`).getByRole('link', { name: reader.name });
  await expect(author).toHaveAttribute('href', reader.url!);
  await expect(author).toHaveAttribute('rel', /\bnofollow\b/);
  await expect(author).toHaveAttribute('rel', /\bugc\b/);

  const html = await (await request.get(`/articles/${POST_ARTICLE}`)).text();
  expect(html).not.toContain('<script>alert(1)</script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(dialogs, 'no script from the comment ran').toEqual([]);

  // Article lists show the count, refreshed by the same approval.
  const source = articleBySlug(POST_ARTICLE);
  for (const list of ['/', `/author/${source.author}`]) {
    await page.goto(list);
    const card = page.locator('main article.card', { has: page.locator(`:is(h2, h3) > a[href="/articles/${POST_ARTICLE}"]`) });
    await expect(card, `${list} lists ${POST_ARTICLE}`).toHaveCount(1);
    await expect(card.getByRole('link', { name: countText, exact: true }), `comment count on ${list}`).toHaveAttribute('href', `/articles/${POST_ARTICLE}#comments`);
  }
  expect(dialogs).toEqual([]);
});

test('bad input shows each error next to its field with aria-invalid, stores nothing, and clears once fixed', async ({ page }, testInfo) => {
  const reader = newReader('Careful Typist', true);
  const body = `Long enough once fixed (${unique('fixed')}).`;
  await openArticle(page, FORM_ARTICLE, readerIp(testInfo));
  const before = await totalRows();

  await fillForm(page, { name: '', email: 'not-an-email', url: 'javascript:alert(1)' }, 'ab');
  expect(await submitInPlace(page)).toBe(400);
  await expect(status(page)).toContainText('Some fields need attention.');

  const expected = BAD_INPUT_ERRORS;
  for (const [field, message] of Object.entries(expected)) {
    const input = page.locator(`#comment-${field}`);
    const error = page.locator(`#comment-${field}-error`);
    await expect(error, `${field} error`).toHaveText(message);
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAttribute('aria-describedby', `comment-${field}-error`);
    // "Next to its field": in the same field group, right after the input.
    await expect(page.locator('.field', { has: input }).locator(`#comment-${field}-error`)).toHaveCount(1);
    expect(await error.evaluate((el) => el.previousElementSibling?.id)).toBe(`comment-${field}`);
  }
  await expect(page.locator('#comment-email'), 'what the reader typed stays in the form').toHaveValue('not-an-email');
  expect(await totalRows(), 'nothing stored').toBe(before);

  await fillForm(page, reader, body);
  expect(await submitInPlace(page)).toBe(201);
  await expect(status(page)).toHaveText(AWAITING);
  for (const field of Object.keys(expected)) {
    await expect(page.locator(`#comment-${field}-error`)).toHaveCount(0);
    await expect(page.locator(`#comment-${field}`)).not.toHaveAttribute('aria-invalid', /.*/);
  }
  expect((await rowByEmail(reader.email)).body).toBe(body);
});

test('Reply sets the reply target in the form, and an approved reply is shown nested in its parent’s list item', async ({ page, request }, testInfo) => {
  const parentReader = newReader('Parent Author');
  const parentId = await postPending(request, { article: REPLY_ARTICLE, reader: parentReader, body: `The parent comment (${unique('parent')}).`, ip: readerIp(testInfo, 0) });
  await approve(parentId);

  await openArticle(page, REPLY_ARTICLE, readerIp(testInfo, 1));
  const parent = page.locator(`li#comment-${parentId}`);
  await expect(parent).toBeVisible();
  const form = page.locator('form#respond');
  const heading = form.locator('#respond-heading');
  const parentField = form.locator('input[name="parentId"]');
  await expect(heading).toHaveText('Leave a Reply');

  const reply = parent.getByRole('link', { name: `Reply to ${parentReader.name}` });
  await expect(reply).toHaveAttribute('href', `/articles/${REPLY_ARTICLE}/respond?replyto=${parentId}#respond`);
  await reply.click();
  await expect(heading).toHaveText(`Reply to ${parentReader.name}`);
  expect(new URL(page.url()).pathname, 'the script handled the link: no navigation').toBe(`/articles/${REPLY_ARTICLE}`);
  await expect(parentField).toHaveValue(parentId);
  await expect(form.locator('#comment-body')).toBeFocused();

  await form.getByRole('button', { name: 'Cancel reply' }).click();
  await expect(heading).toHaveText('Leave a Reply');
  await expect(parentField).toHaveValue('');

  await reply.click();
  await expect(heading).toHaveText(`Reply to ${parentReader.name}`);
  const replier = newReader('Replier');
  const replyBody = `A reply to the parent (${unique('reply')}).`;
  await fillForm(page, replier, replyBody);
  expect(await submitInPlace(page)).toBe(201);
  await expect(status(page)).toHaveText(AWAITING);
  await expect(heading, 'the form goes back to a new comment').toHaveText('Leave a Reply');

  const row = await rowByEmail(replier.email);
  expect(row).toMatchObject({ parent_id: parentId, depth: 2, status: 'pending', article: REPLY_ARTICLE });
  await approve(row.id);

  await page.reload();
  const nested = page.locator(`#comments li#comment-${parentId} > ol.comment-list--replies > li#comment-${row.id}`);
  await expect(nested).toBeVisible();
  await expect(nested).toContainText(replyBody);
  await expect(page.locator(`#comments > ol.comment-list > li#comment-${row.id}`), 'not also at the top level').toHaveCount(0);
  expect(await rowsContaining(replyBody)).toHaveLength(1);
});

test('"Save my name, email, and website" remembers the details after a successful post, and unticking it forgets them', async ({ page }, testInfo) => {
  const reader = newReader('Remembered Reader', true);
  await openArticle(page, FORM_ARTICLE, readerIp(testInfo, 0));
  const form = page.locator('form#respond');
  const remember = form.getByLabel('Save my name, email, and website in this browser for the next time I comment.');
  await expect(remember).not.toBeChecked();
  await fillForm(page, reader, `Please remember me (${unique('remember')}).`);
  await remember.check();
  expect(await submitInPlace(page)).toBe(201);
  await expect(status(page)).toHaveText(AWAITING);

  await page.reload();
  await waitForEnhancedForm(page);
  await expect(form.locator('#comment-name')).toHaveValue(reader.name);
  await expect(form.locator('#comment-email')).toHaveValue(reader.email);
  await expect(form.locator('#comment-url')).toHaveValue(reader.url!);
  await expect(form.locator('#comment-body')).toHaveValue('');
  await expect(remember).toBeChecked();

  // Posting again with the box unticked withdraws the consent.
  await page.setExtraHTTPHeaders(from(readerIp(testInfo, 1)));
  await form.locator('#comment-body').fill(`Now forget me (${unique('forget')}).`);
  await remember.uncheck();
  expect(await submitInPlace(page)).toBe(201);
  await page.reload();
  await waitForEnhancedForm(page);
  await expect(form.locator('#comment-name')).toHaveValue('');
  await expect(form.locator('#comment-email')).toHaveValue('');
  await expect(remember).not.toBeChecked();
});
