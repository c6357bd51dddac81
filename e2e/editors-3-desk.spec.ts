/**
 * The editors' desk (/editor) in a browser: the queue with its tabs and counts, every moderation
 * action, bulk approval, editing, replying as the publication and the audit log — and that the
 * static article page changes on the next request, with no rebuild.
 */
import { expect, test, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { formatDateTime } from '../lib/format';
import { approve, newReader, postPending, readerIp, rowById, unique, type Reader } from './support/comments';
import { articleBySlug } from './support/content';
import { auditFor, closeEditorsDatabase, createEditor, deskCounts, deskItem, openDesk, publicArticleHtml, signInAs, type EditorAccount } from './support/editors';
import { getCommentStore } from '../lib/comments/store';

/** Comments in this spec go under an article no other spec expects to be comment-free or counts comments on. */
const ARTICLE = 'middle-corridor-trans-caspian-route';

let editor: EditorAccount;

test.beforeAll(async () => {
  editor = await createEditor('Desk Editor');
});
test.afterAll(closeEditorsDatabase);

/** A reader's pending comment on ARTICLE. */
async function pendingComment(request: APIRequestContext, testInfo: TestInfo, n = 0, label = 'Desk Reader'): Promise<{ id: string; reader: Reader; body: string }> {
  const reader = newReader(label);
  const body = `A remark for the desk (${unique('desk')}).`;
  const id = await postPending(request, { article: ARTICLE, reader, body, ip: readerIp(testInfo, n) });
  return { id, reader, body };
}

/**
 * Clicks one of a comment's own action buttons and waits until it has left the tab. The desk
 * confirms with a notice, except when the tab is then empty: it says "Nothing here." instead.
 */
async function act(page: Page, id: string, label: string): Promise<void> {
  await deskItem(page, id).getByRole('button', { name: label, exact: true }).click();
  await expect(deskItem(page, id), `after "${label}" the comment leaves this tab`).toHaveCount(0);
  const queue = page.locator('section[aria-labelledby="queue-heading"]');
  if (await queue.locator('.empty').isVisible()) await expect(queue.locator('.empty')).toHaveText('Nothing here.');
  else await expect(queue.locator('.notice')).toHaveText(`${label}: 1 comment(s).`);
}

/** The article page a reader would get now (fresh context, no session). */
async function articlePage(page: Page, slug = ARTICLE): Promise<void> {
  const response = await page.goto(`/articles/${slug}`);
  expect(response?.status()).toBe(200);
}

test('the desk shows tabs with counts and, for a pending comment, its article, author, email, IP prefix, time and reason', async ({ page, request }, testInfo) => {
  const { id, reader } = await pendingComment(request, testInfo);
  const row = (await rowById(id))!;
  await signInAs(page.context().request, editor);
  await openDesk(page);

  const stored = await (await getCommentStore()).countByStatus();
  expect(await deskCounts(page), 'each tab shows the stored count').toEqual(stored);
  await expect(page.getByRole('navigation', { name: 'Comment status' }).getByRole('link', { name: /^Pending/ })).toHaveAttribute('aria-current', 'page');

  const item = deskItem(page, id);
  await expect(item).toBeVisible();
  await expect(item).toContainText(reader.name);
  await expect(item).toContainText(`<${reader.email}>`);
  expect(row.ip_prefix, 'the store keeps a /24 prefix').toMatch(/^10\.\d+\.\d+\.0\/24$/);
  expect(row.ip_prefix!.split('.').slice(0, 3)).toEqual(readerIp(testInfo).split('.').slice(0, 3));
  await expect(item).toContainText(`IP ${row.ip_prefix}`);
  if (!readerIp(testInfo).endsWith('.0')) await expect(item, 'never the full address').not.toContainText(readerIp(testInfo));
  await expect(item).toContainText(formatDateTime(row.created_at));
  const link = item.getByRole('link', { name: articleBySlug(ARTICLE).title });
  await expect(link).toHaveAttribute('href', `/articles/${ARTICLE}#comment-${id}`);
  expect(row.reason, 'the comment was held for a reason').toBeTruthy();
  await expect(item).toContainText(`Held: ${row.reason}`);
  await expect(item.locator('.desk-comment__body')).toHaveText(row.body);
});

test('Approve moves a pending comment to Approved, and the static article page shows it on reload (no rebuild)', async ({ page, browser, request }, testInfo) => {
  const { id, body } = await pendingComment(request, testInfo);
  expect(await publicArticleHtml(request, ARTICLE), 'not on the article page while pending').not.toContain(body);

  await signInAs(page.context().request, editor);
  await openDesk(page);
  const before = await deskCounts(page);
  await act(page, id, 'Approve');
  const after = await deskCounts(page);
  expect(after.pending).toBe(before.pending! - 1);
  expect(after.approved).toBe(before.approved! + 1);
  expect((await rowById(id))?.status).toBe('approved');

  await openDesk(page, 'approved');
  await expect(deskItem(page, id)).toBeVisible();

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await articlePage(readerPage);
  await expect(readerPage.locator(`#comment-${id}`)).toContainText(body);
  await reader.close();
});

test('Spam, Not spam, Trash, Restore, Unapprove and Delete forever (after the confirm) each move the comment, and the audit log records who and before → after', async ({
  page,
  request,
}, testInfo) => {
  const { id, body } = await pendingComment(request, testInfo);
  await signInAs(page.context().request, editor);

  await openDesk(page, 'pending');
  await act(page, id, 'Spam');
  expect((await rowById(id))?.status).toBe('spam');

  await openDesk(page, 'spam');
  await act(page, id, 'Not spam');
  expect((await rowById(id))?.status).toBe('pending');

  await openDesk(page, 'pending');
  await act(page, id, 'Approve');
  expect(await publicArticleHtml(request, ARTICLE), 'approved: on the article page').toContain(body);
  await openDesk(page, 'approved');
  await act(page, id, 'Unapprove');
  expect((await rowById(id))?.status).toBe('pending');
  expect(await publicArticleHtml(request, ARTICLE), 'unapproved: off the article page again, no rebuild').not.toContain(body);

  await openDesk(page, 'pending');
  await act(page, id, 'Trash');
  expect((await rowById(id))?.status).toBe('trash');
  expect(await publicArticleHtml(request, ARTICLE), 'a trashed comment is not on the article page').not.toContain(body);

  await openDesk(page, 'trash');
  await act(page, id, 'Restore');
  expect((await rowById(id))?.status).toBe('pending');

  await openDesk(page, 'pending');
  await act(page, id, 'Trash');
  await openDesk(page, 'trash');

  // Dismissing the confirmation deletes nothing.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await deskItem(page, id).getByRole('button', { name: 'Delete forever', exact: true }).click();
  await expect(deskItem(page, id)).toBeVisible();
  expect((await rowById(id))?.status).toBe('trash');

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await act(page, id, 'Delete forever');
  expect(question).toMatch(/Delete 1 comment\(s\) for ever/);
  expect(await rowById(id), 'deleted for good').toBeUndefined();

  const expected = [
    ['status', 'pending', 'spam'],
    ['status', 'spam', 'pending'],
    ['status', 'pending', 'approved'],
    ['status', 'approved', 'pending'],
    ['status', 'pending', 'trash'],
    ['status', 'trash', 'pending'],
    ['status', 'pending', 'trash'],
    ['delete', 'trash', null],
  ];
  const entries = await auditFor(id);
  expect(entries.map((e) => [e.action, e.from_status, e.to_status])).toEqual(expected);
  expect(new Set(entries.map((e) => e.actor))).toEqual(new Set([editor.email]));

  // The desk shows each of them: who, what, and before → after.
  await openDesk(page);
  const log = page.locator('ol.desk-audit > li').filter({ hasText: id });
  await expect(log).toHaveCount(expected.length);
  const shown = (await log.allInnerTexts()).reverse();
  expected.forEach(([action, fromStatus, toStatus], i) => {
    expect(shown[i]).toContain(`${editor.email}: ${action} comment ${id} on ${ARTICLE}`);
    expect(shown[i]).toContain(`(${fromStatus} → ${toStatus ?? 'deleted'})`);
  });
});

test('bulk: approving two selected comments approves both, and both appear on the article page', async ({ page, request }, testInfo) => {
  const one = await pendingComment(request, testInfo, 0, 'Bulk One');
  const two = await pendingComment(request, testInfo, 1, 'Bulk Two');
  const bystander = await pendingComment(request, testInfo, 2, 'Bulk Bystander');
  await signInAs(page.context().request, editor);
  await openDesk(page);

  const approveSelected = page.getByRole('group', { name: 'Bulk actions' }).getByRole('button', { name: 'Approve selected' });
  await expect(approveSelected, 'nothing selected yet').toBeDisabled();
  await deskItem(page, one.id).getByLabel(`Select the comment by ${one.reader.name}`).check();
  await deskItem(page, two.id).getByLabel(`Select the comment by ${two.reader.name}`).check();
  await approveSelected.click();
  await expect(page.locator('main .notice')).toHaveText('Approve: 2 comment(s).');
  await expect(deskItem(page, one.id)).toHaveCount(0);
  await expect(deskItem(page, two.id)).toHaveCount(0);
  await expect(deskItem(page, bystander.id), 'an unselected comment stays').toBeVisible();

  expect((await rowById(one.id))?.status).toBe('approved');
  expect((await rowById(two.id))?.status).toBe('approved');
  expect((await rowById(bystander.id))?.status).toBe('pending');

  const html = await publicArticleHtml(request, ARTICLE);
  expect(html).toContain(one.body);
  expect(html).toContain(two.body);
  expect(html).not.toContain(bystander.body);
});

test('Edit changes an approved comment’s text on the article page', async ({ page, browser, request }, testInfo) => {
  const { id, body } = await pendingComment(request, testInfo);
  await approve(id);
  const corrected = `Corrected by the desk (${unique('edit')}).`;

  await signInAs(page.context().request, editor);
  await openDesk(page, 'approved');
  await deskItem(page, id).getByRole('button', { name: 'Edit' }).click();
  const box = deskItem(page, id).getByLabel('Edit comment');
  await expect(box).toHaveValue(body);
  await box.fill(corrected);
  await deskItem(page, id).getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('main .notice')).toHaveText('Comment updated.');
  await expect(deskItem(page, id).locator('.desk-comment__body')).toHaveText(corrected);

  const row = (await rowById(id))!;
  expect(row.body).toBe(corrected);
  expect(row.status, 'editing does not change the status').toBe('approved');
  const entries = await auditFor(id);
  expect(entries.at(-1)).toMatchObject({ actor: editor.email, action: 'edit', from_status: 'approved', to_status: 'approved' });

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await articlePage(readerPage);
  await expect(readerPage.locator(`#comment-${id}`)).toContainText(corrected);
  await expect(readerPage.locator(`#comment-${id}`)).not.toContainText(body);
  await reader.close();
});

test('Reply as the publication appears on the article page as an editor reply, badged "Eurasian Star", nested under the parent', async ({
  page,
  browser,
  request,
}, testInfo) => {
  const parent = await pendingComment(request, testInfo);
  await approve(parent.id);
  const text = `Thank you, the desk has checked this (${unique('reply')}).`;

  await signInAs(page.context().request, editor);
  await openDesk(page, 'approved');
  await deskItem(page, parent.id).getByRole('button', { name: 'Reply', exact: true }).click();
  await deskItem(page, parent.id).getByLabel(`Reply to ${parent.reader.name} as the publication`).fill(text);
  await deskItem(page, parent.id).getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('main .notice')).toHaveText('Reply published.');

  const replies = (await (await getCommentStore()).list({ article: ARTICLE, limit: 1000 })).filter((row) => row.parent_id === parent.id);
  expect(replies).toHaveLength(1);
  const reply = replies[0]!;
  expect(reply).toMatchObject({ status: 'approved', body: text, author_name: editor.name, author_email: editor.email });
  expect(Number(reply.is_editor)).toBe(1);
  expect((await auditFor(reply.id)).at(-1)).toMatchObject({ actor: editor.email, action: 'reply', from_status: null, to_status: 'approved' });

  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await articlePage(readerPage);
  const nested = readerPage.locator(`li#comment-${parent.id} > ol.comment-list--replies > li#comment-${reply.id}`);
  await expect(nested).toBeVisible();
  await expect(nested).toHaveClass(/comment--editor/);
  await expect(nested.locator('.comment__badge')).toHaveText('Eurasian Star');
  await expect(nested.locator('.comment__author')).toHaveText(editor.name);
  await expect(nested).toContainText(text);
  await expect(nested, 'the editor’s email is not shown to readers').not.toContainText(editor.email);
  await reader.close();

  // The desk lists it as an editor reply.
  await openDesk(page, 'approved');
  await expect(deskItem(page, reply.id)).toContainText('Editor reply');
});
