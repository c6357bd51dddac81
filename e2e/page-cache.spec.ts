/**
 * The fast path (lib/server/page-cache.mjs): shareable pages are answered from memory after their first request,
 * byte for byte what Next sends, and marked `X-Page-Cache: hit`; an approval reaches readers through it at once; a 304
 * is right; nothing personal (an editor's session, draft mode, RSC payloads) is ever served from it or to another client.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { approve, closeStore, newReader, postPending, readerIp } from './support/comments';
import { closeEditorsDatabase, createEditor, PREVIEW_COOKIE, signInAs } from './support/editors';
import { BASE_URL } from './support/page-helpers';
import { RUSSIAN_SLUG, SEED_SLUG } from './support/pages';

const COMMENTED = 'kazakhstan-uranium-explained';

test.afterAll(async () => {
  await closeStore();
  await closeEditorsDatabase();
});

/**
 * Asks until the fast path answers: the second answer of a shareable page comes from it, or, after a revalidation
 * (an earlier test's approval), the first one after the fast path has forgotten its pages for the last time (5 s).
 */
async function primed(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  let answer = await request.get(path, { headers });
  for (let i = 0; i < 80 && answer.headers()['x-page-cache'] !== 'hit'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await request.get(path, { headers });
  }
  expect(answer.headers()['x-page-cache'], `${path} is answered from the fast path`).toBe('hit');
  return answer;
}

test('a shareable page is answered from memory after its first request, with the same bytes, headers and encodings', async ({ request }) => {
  for (const path of ['/', `/articles/${SEED_SLUG}`, '/category/eurasia', '/tag/kg', '/author/aigerim-sadykova', '/archive']) {
    const fast = await primed(request, path, { 'accept-encoding': 'identity' });
    expect(fast.headers()['content-type']).toBe('text/html; charset=utf-8');
    // No inline script is left on a reader page (lib/server/client-runtime.mjs): the stored policy allows the site's files alone.
    expect(fast.headers()['content-security-policy']).toMatch(/script-src 'self';/);
    expect(fast.headers()['x-request-id']).toBeTruthy();
    expect(fast.headers()['x-frame-options']).toBe('DENY');
    expect(fast.headers()['vary']).toContain('Accept-Encoding');
    // The RSC request for the same page goes to Next: it is never answered from the fast path.
    const rsc = await request.get(path, { headers: { rsc: '1' } });
    expect(rsc.headers()['x-page-cache']).toBeUndefined();
    // The gzip form holds exactly the page's bytes.
    const gzip = await request.fetch(path, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers()['x-page-cache']).toBe('hit');
    expect(gzip.headers()['content-encoding']).toBe('gzip');
    expect((await gzip.body()).equals(await fast.body())).toBe(true);
  }
  const raw = await fetch(`${BASE_URL}/articles/${RUSSIAN_SLUG}`, { headers: { 'accept-encoding': 'br' } });
  const again = await fetch(`${BASE_URL}/articles/${RUSSIAN_SLUG}`, { headers: { 'accept-encoding': 'br' } });
  expect(again.headers.get('x-page-cache')).toBe('hit');
  expect(again.headers.get('content-encoding')).toBe('br');
  expect(await again.text()).toBe(await raw.text());
});

test('If-None-Match with the page’s ETag answers 304 from the fast path, without a body or a policy of its own', async ({ request }) => {
  const page = await primed(request, '/tag/kg');
  const etag = page.headers()['etag']!;
  const notModified = await request.get('/tag/kg', { headers: { 'if-none-match': etag } });
  expect(notModified.status()).toBe(304);
  expect(notModified.headers()['x-page-cache']).toBe('hit');
  expect(notModified.headers()['content-security-policy']).toBeUndefined();
  expect((await notModified.body()).length).toBe(0);
  expect((await request.get('/tag/kg', { headers: { 'if-none-match': '"another-version"' } })).status()).toBe(200);
});

test('an approval is on the article page within a second of its answer, through the fast path too', async ({ request }, testInfo) => {
  const reader = newReader('Fast Path Reader');
  const body = `Approved while the page was in memory (${Date.now()}).`;
  // An article the comment specs post to already (pages.spec expects the seed article to have none).
  const id = await postPending(request, { article: COMMENTED, reader, body, ip: readerIp(testInfo) });
  await primed(request, `/articles/${COMMENTED}`);
  await approve(id);
  const approvedAt = Date.now();
  await expect.poll(async () => (await (await request.get(`/articles/${COMMENTED}`)).text()).includes(body), { timeout: 1_000, intervals: [50] }).toBe(true);
  console.log(`[page-cache] approval visible ${Date.now() - approvedAt} ms after its answer`);
});

test('an editor’s session or draft-mode cookie is never answered from the fast path, and what they get is never replayed to a reader', async ({ playwright, request }) => {
  const editor = await createEditor('Fast Path Editor');
  const signedIn = await playwright.request.newContext({ baseURL: BASE_URL });
  try {
    await signInAs(signedIn, editor);
    const shared = await (await primed(request, `/articles/${SEED_SLUG}`)).text();
    const asEditor = await signedIn.get(`/articles/${SEED_SLUG}`);
    expect(asEditor.headers()['x-page-cache']).toBeUndefined();
    const draft = await signedIn.get(`/api/draft?slug=${SEED_SLUG}`, { maxRedirects: 0 });
    expect([302, 307]).toContain(draft.status());
    const cookies = (await signedIn.storageState()).cookies.map((c) => c.name);
    expect(cookies).toContain(PREVIEW_COOKIE);
    const preview = await signedIn.get(`/articles/${SEED_SLUG}`);
    expect(preview.headers()['x-page-cache']).toBeUndefined();
    expect(preview.headers()['cache-control']).toMatch(/private|no-store/);
    // A reader in another context still gets the shared page from the fast path, never the editor's (asked until
    // it is a hit again: an earlier test's approval makes the fast path forget every page 1 s and 5 s after it).
    const reader = await primed(request, `/articles/${SEED_SLUG}`);
    expect(await reader.text()).toBe(shared);
    expect((await reader.text()).includes(editor.email)).toBe(false);
  } finally {
    await signedIn.dispose();
  }
});
