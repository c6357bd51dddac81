/**
 * Idempotency-Key on POST /api/comments, over HTTP against the production server: a retry gets the
 * first answer again (same status, same id, no second row), another request under a used key is a
 * 422, a malformed key a 400, and concurrent duplicates store exactly one comment.
 */
import { randomUUID } from 'node:crypto';
import { expect, test, type APIResponse } from '@playwright/test';
import {
  closeStore,
  formToken,
  from,
  newReader,
  postJson,
  readerIp,
  rowById,
  rowsContaining,
  totalRows,
  unique,
  waitForEnhancedForm,
} from './support/comments';

/** Pending comments only: no page or count of this article changes. */
const ARTICLE = 'china-kyrgyzstan-uzbekistan-railway';

test.afterAll(closeStore);

async function expectError(response: APIResponse, status: number, code: string): Promise<void> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
}

test('a retry under the same key gets the first answer again: 201, the same id, Idempotent-Replayed, one row', async ({ request }, testInfo) => {
  const reader = newReader('Retry Reader');
  const body = `Sent once, answer lost (${unique('idem')}).`;
  const token = await formToken(request);
  const key = randomUUID();
  const first = await postJson(request, { article: ARTICLE, reader, body, token, ip: readerIp(testInfo, 1), headers: { 'idempotency-key': key } });
  expect(first.status(), await first.text()).toBe(201);
  expect(first.headers()['idempotent-replayed']).toBeUndefined();
  const answer = (await first.json()) as { id: string; status: string };

  // The retry comes from another address a second later: no 429, no 409, the same answer.
  const retry = await postJson(request, { article: ARTICLE, reader, body, token, ip: readerIp(testInfo, 2), headers: { 'idempotency-key': `"${key}"` } });
  expect(retry.status(), await retry.text()).toBe(201);
  expect(retry.headers()['idempotent-replayed']).toBe('true');
  expect(retry.headers()['location']).toBe(first.headers()['location']);
  expect(await retry.json()).toEqual(answer);
  expect(await rowById(answer.id)).toMatchObject({ body, status: 'pending' });
  expect(await rowsContaining(body)).toHaveLength(1);
});

test('the same key with a different comment is a 422 and stores nothing', async ({ request }, testInfo) => {
  const reader = newReader('Reuse Reader');
  const key = randomUUID();
  const first = await postJson(request, { article: ARTICLE, reader, body: `The first words (${unique('idem')}).`, ip: readerIp(testInfo, 1), headers: { 'idempotency-key': key } });
  expect(first.status(), await first.text()).toBe(201);
  const before = await totalRows();
  const other = `Quite different words (${unique('idem')}).`;
  await expectError(await postJson(request, { article: ARTICLE, reader, body: other, ip: readerIp(testInfo, 2), headers: { 'idempotency-key': key } }), 422, 'idempotency_key_reused');
  expect(await totalRows()).toBe(before);
  expect(await rowsContaining(other)).toHaveLength(0);
});

test('a malformed key is a 400 invalid_idempotency_key and stores nothing', async ({ request }, testInfo) => {
  const reader = newReader('Bad Key Reader');
  for (const [n, key] of ['short', 'has spaces in it', 'k'.repeat(256), 'key-000001, key-000002'].entries()) {
    const body = `A comment under a bad key (${unique('idem')}).`;
    await expectError(await postJson(request, { article: ARTICLE, reader, body, ip: readerIp(testInfo, n), headers: { 'idempotency-key': key } }), 400, 'invalid_idempotency_key');
    expect(await rowsContaining(body)).toHaveLength(0);
  }
});

test('ten concurrent posts under one key store exactly one comment and all answer with its id', async ({ request }, testInfo) => {
  const reader = newReader('Eager Reader');
  const body = `Clicked ten times (${unique('idem')}).`;
  const token = await formToken(request);
  const key = randomUUID();
  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, n) => postJson(request, { article: ARTICLE, reader, body, token, ip: readerIp(testInfo, n), headers: { 'idempotency-key': key } })),
  );
  const statuses = responses.map((r) => r.status());
  expect(statuses).toEqual(Array(10).fill(201));
  const ids = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id)));
  expect(ids.size).toBe(1);
  expect(responses.filter((r) => r.headers()['idempotent-replayed'] === 'true')).toHaveLength(9);
  const rows = await rowsContaining(body);
  expect(rows.map((row) => row.id)).toEqual([...ids]);
});

test('a form post with a key is answered 303 both times and stored once', async ({ request }, testInfo) => {
  const reader = newReader('Form Retry Reader');
  const body = `Posted by a script as a form (${unique('idem')}).`;
  const form = { article: ARTICLE, parentId: '', name: reader.name, email: reader.email, url: '', body, token: await formToken(request), address: '' };
  const key = randomUUID();
  const post = (n: number) => request.post('/api/comments', { form, headers: { ...from(readerIp(testInfo, n)), 'idempotency-key': key }, maxRedirects: 0 });
  const first = await post(1);
  const retry = await post(2);
  expect([first.status(), retry.status()]).toEqual([303, 303]);
  expect(retry.headers()['location']).toBe(`/articles/${ARTICLE}#comment-pending`);
  expect(retry.headers()['idempotent-replayed']).toBe('true');
  expect(await rowsContaining(body)).toHaveLength(1);
});

test('the JavaScript form resends a comment whose answer was lost under the same key: one comment, "awaiting moderation"', async ({ page }, testInfo) => {
  const reader = newReader('Lost Answer Reader');
  const body = `The answer to this one got lost (${unique('idem')}).`;
  await page.setExtraHTTPHeaders(from(readerIp(testInfo)));
  expect((await page.goto(`/articles/${ARTICLE}`))?.status()).toBe(200);
  await waitForEnhancedForm(page);
  const form = page.locator('form#respond');
  await form.locator('#comment-body').fill(body);
  await form.locator('#comment-name').fill(reader.name);
  await form.locator('#comment-email').fill(reader.email);

  // The first post reaches the server and is stored, but its answer never reaches the page.
  const keys: string[] = [];
  await page.route('**/api/comments', async (route) => {
    keys.push(route.request().headers()['idempotency-key'] ?? '');
    const response = await route.fetch();
    if (keys.length === 1) {
      expect(response.status()).toBe(201);
      await route.abort('connectionreset');
    } else {
      await route.fulfill({ response });
    }
  });
  await form.getByRole('button', { name: 'Post Comment' }).click();
  await expect(form.locator('.comment-form__status')).toHaveText('We could not reach the server. Check your connection and try again.');
  expect(await rowsContaining(body), 'the first post was stored').toHaveLength(1);

  await form.getByRole('button', { name: 'Post Comment' }).click();
  await expect(form.locator('.comment-form__status')).toHaveText('Your comment is awaiting moderation.');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
  expect(keys[1], 'the retry carried the same key').toBe(keys[0]);
  expect(await rowsContaining(body), 'still one comment').toHaveLength(1);
});
