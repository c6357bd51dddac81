/**
 * POST /api/comments and GET /api/comments?article= over HTTP, against the production server:
 * answers, error shape, every refusal code, and that a refusal writes nothing.
 */
import http from 'node:http';
import { expect, test, type APIResponse } from '@playwright/test';
import {
  approve,
  approvedCount,
  closeStore,
  formToken,
  from,
  moderate,
  newReader,
  postJson,
  postPending,
  publicThread,
  readerIp,
  rowById,
  RUN,
  threadIds,
  totalRows,
  unique,
  type ThreadNode,
} from './support/comments';
import { articleWithMarker, DRAFT_MARKER, SCHEDULED_MARKER } from './support/content';
import { BASE_URL } from './support/page-helpers';
import { CLOSED_SLUG } from './support/pages';

/** Comments in this spec go under an article no other spec comments on. */
const ARTICLE = 'china-kyrgyzstan-uzbekistan-railway';
const DRAFT_SLUG = articleWithMarker(DRAFT_MARKER).slug;
const SCHEDULED_SLUG = articleWithMarker(SCHEDULED_MARKER).slug;
const PUBLIC_KEYS = ['body', 'createdAt', 'editorReply', 'id', 'name', 'parentId', 'url'];
const NODE_KEYS = [...PUBLIC_KEYS, 'depth', 'replies'].sort();

test.afterAll(closeStore);

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Checks the one error shape and returns it. */
async function expectError(response: APIResponse, status: number, code: string): Promise<ErrorJson['error']> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()['content-type'], 'errors are JSON').toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorJson;
  expect(Object.keys(body), 'the body is {error: …}').toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  const keys = Object.keys(body.error).sort();
  expect(keys.every((k) => ['code', 'fields', 'message'].includes(k)), `error keys ${keys.join(', ')}`).toBe(true);
  return body.error;
}

/** Runs `refuse` and checks that no comment was stored by it. */
async function expectNothingStored<T>(refuse: () => Promise<T>): Promise<T> {
  const before = await totalRows();
  const result = await refuse();
  expect(await totalRows(), 'a refused submission stores nothing').toBe(before);
  return result;
}

/** A raw POST with node:http, for what APIRequestContext cannot send (chunked bodies). */
function rawPost(path: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, BASE_URL), { method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** An email address exactly `length` characters long (64-character local part, domain labels ≤ 63). */
function emailOfLength(length: number): string {
  const tail = '.example';
  let rest = length - 65 - tail.length;
  const labels: string[] = [];
  while (rest > 0) {
    const size = Math.min(63, rest);
    labels.push('d'.repeat(size));
    rest -= size + 1;
  }
  const email = `${'l'.repeat(64)}@${labels.join('.')}${tail}`;
  expect(email).toHaveLength(length);
  return email;
}

/** An https URL exactly `length` characters long. */
function urlOfLength(length: number): string {
  const head = 'https://reader.example/';
  return head + 'p'.repeat(length - head.length);
}

const validBody = () => `A considered remark about the railway (${unique('body')}).`;

test.describe('POST /api/comments accepts', () => {
  test('a valid JSON comment with 201 and exactly {id, status: "pending"}, stored pending with a reason', async ({ request }, testInfo) => {
    const reader = newReader('Api Reader', true);
    const body = validBody();
    const ip = readerIp(testInfo);
    const response = await postJson(request, { article: ARTICLE, reader, body, ip, headers: { 'user-agent': `E2E-Agent/${RUN}` } });
    expect(response.status(), await response.text()).toBe(201);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    expect(response.headers()['cache-control']).toContain('no-store');
    const json = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['id', 'status']);
    expect(json.status).toBe('pending');
    expect(json.id).toMatch(/^[A-Za-z0-9_-]{8,32}$/);

    const row = await rowById(json.id as string);
    expect(row, 'the 201 id is stored').toBeTruthy();
    expect(row).toMatchObject({ article: ARTICLE, status: 'pending', author_name: reader.name, author_email: reader.email, author_url: reader.url, body, parent_id: null });
    expect(row!.reason, 'a held comment records why').toBeTruthy();
    // The address is kept only as a network prefix and a keyed hash, never in full.
    expect(row!.ip_prefix).toBe(`${ip.split('.').slice(0, 3).join('.')}.0/24`);
    expect(row!.ip_hash).toBeTruthy();
    expect(row!.ip_hash).not.toContain(ip);

    const thread = await publicThread(request, ARTICLE);
    expect(thread.status).toBe(200);
    expect(threadIds((thread.json as { comments: ThreadNode[] }).comments), 'a pending comment is not public').not.toContain(json.id);
  });

  test('a form post (no JavaScript) with 303 See Other to the article’s #comment-pending notice', async ({ request }, testInfo) => {
    const reader = newReader('Form Reader');
    const response = await request.post('/api/comments', {
      form: { article: ARTICLE, parentId: '', name: reader.name, email: reader.email, url: '', body: validBody(), token: await formToken(request), address: '' },
      headers: from(readerIp(testInfo)),
      maxRedirects: 0,
    });
    expect(response.status(), await response.text()).toBe(303);
    expect(response.headers()['location']).toBe(`/articles/${ARTICLE}#comment-pending`);
  });

  test('a form refusal with 303 to the respond page, keeping what was typed in a sealed HttpOnly cookie scoped to that page for 10 minutes', async ({ request }, testInfo) => {
    const response = await expectNothingStored(async () =>
      request.post('/api/comments', {
        form: { article: ARTICLE, parentId: '', name: 'Form Refusal', email: 'not-an-email', url: '', body: validBody(), token: await formToken(request), address: '' },
        headers: from(readerIp(testInfo)),
        maxRedirects: 0,
      }),
    );
    expect(response.status(), await response.text()).toBe(303);
    expect(response.headers()['location']).toMatch(new RegExp(`^/articles/${ARTICLE}/respond\\?f=[A-Za-z0-9_-]+#respond$`));
    const cookie = response.headers()['set-cookie'] ?? '';
    // Sealed (encrypted and authenticated), so what the reader typed is not readable in the cookie.
    expect(cookie).toMatch(/^es_comment_form=s1\.[A-Za-z0-9_-]+;/);
    expect(cookie).not.toContain('not-an-email');
    expect(Buffer.byteLength(cookie), 'one cookie a browser keeps').toBeLessThanOrEqual(4096);
    expect(cookie).toContain(`Path=/articles/${ARTICLE}/respond`);
    expect(cookie).toContain('Max-Age=600');
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });

  test('a website and an email on an internationalised domain name, e.g. пример.рф in its ASCII (punycode) form (201)', async ({ request }, testInfo) => {
    const reader = { ...newReader('Idn Reader'), email: `${unique('idn')}@xn--e1afmkfd.xn--p1ai`, url: 'https://xn--e1afmkfd.xn--p1ai/' };
    const response = await postJson(request, { article: ARTICLE, reader, body: validBody(), ip: readerIp(testInfo) });
    expect(response.status(), await response.text()).toBe(201);
  });

  test('a filled-in honeypot as if it were a comment (201 pending), but stores it as spam and never shows it', async ({ request }, testInfo) => {
    const reader = newReader('Honey Bot');
    const response = await postJson(request, { article: ARTICLE, reader, body: validBody(), ip: readerIp(testInfo), extra: { address: '1 Bot Street' } });
    expect(response.status(), await response.text()).toBe(201);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status, 'a bot learns nothing').toBe('pending');
    expect((await rowById(id))?.status).toBe('spam');
  });

  test("a known author's next comment at once (201 approved), and the static article page shows it on the next request", async ({ request, page }, testInfo) => {
    const reader = newReader('Known Author');
    const first = await postPending(request, { article: ARTICLE, reader, body: validBody(), ip: readerIp(testInfo, 0) });
    await approve(first);

    // Submissions sooner than 3 s after their form token was issued are held, so wait that long.
    const token = await formToken(request);
    await page.waitForTimeout(3_200);
    const response = await postJson(request, { article: ARTICLE, reader, body: validBody(), ip: readerIp(testInfo, 1), token });
    expect(response.status(), await response.text()).toBe(201);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(status).toBe('approved');
    expect(response.headers()['location']).toBe(`/articles/${ARTICLE}#comment-${id}`);

    await page.goto(`/articles/${ARTICLE}`);
    await expect(page.locator(`li#comment-${id}`), 'the site refreshed the page itself, without a rebuild or the CLI').toBeVisible();
  });
});

test.describe('POST /api/comments refuses invalid input with 400 naming each field', () => {
  test('every invalid field at once, including an unknown extra field, in the {error: {code, message, fields}} shape', async ({ request }, testInfo) => {
    const error = await expectNothingStored(async () =>
      expectError(
        await postJson(request, {
          article: ARTICLE,
          reader: { name: '   ', email: 'not-an-email', url: 'javascript:alert(1)' },
          body: '  ab  ',
          ip: readerIp(testInfo),
          extra: { status: 'approved' },
        }),
        400,
        'invalid_input',
      ),
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['body', 'email', 'name', 'status', 'url']);
    for (const text of Object.values(error.fields!)) expect(text.length, 'every field has a sentence a person can read').toBeGreaterThan(5);
  });

  const invalid: { label: string; field: string; patch: (reader: { name: string; email: string; url?: string }) => { name?: string; email?: string; url?: string; body?: string; extra?: Record<string, unknown> } }[] = [
    { label: 'an empty name', field: 'name', patch: () => ({ name: '' }) },
    { label: 'a name of only spaces', field: 'name', patch: () => ({ name: ' \t ' }) },
    { label: 'a name of 81 characters', field: 'name', patch: () => ({ name: 'N'.repeat(81) }) },
    { label: 'an empty email', field: 'email', patch: () => ({ email: '' }) },
    { label: 'an email without @', field: 'email', patch: () => ({ email: 'reader.example.com' }) },
    { label: 'an email without a domain', field: 'email', patch: () => ({ email: 'reader@localhost' }) },
    { label: 'an email of 255 characters', field: 'email', patch: () => ({ email: emailOfLength(255) }) },
    { label: 'a javascript: website', field: 'url', patch: () => ({ url: 'javascript:alert(1)' }) },
    { label: 'a data: website', field: 'url', patch: () => ({ url: 'data:text/html,<script>alert(1)</script>' }) },
    { label: 'an ftp: website', field: 'url', patch: () => ({ url: 'ftp://files.example.com/' }) },
    { label: 'a website of 201 characters', field: 'url', patch: () => ({ url: urlOfLength(201) }) },
    { label: 'a comment of 2 characters after trimming', field: 'body', patch: () => ({ body: ' \n ok \n ' }) },
    { label: 'a comment of only whitespace', field: 'body', patch: () => ({ body: '\n\n   \n' }) },
    { label: 'a comment of 5001 characters', field: 'body', patch: () => ({ body: 'w'.repeat(5001) }) },
    { label: 'no form token', field: 'token', patch: () => ({ extra: { token: undefined } }) },
    { label: 'an unknown extra field', field: 'isEditor', patch: () => ({ extra: { isEditor: true } }) },
    { label: 'a reply to a comment that does not exist', field: 'parentId', patch: () => ({ extra: { parentId: 'nosuchcomment' } }) },
  ];

  for (const { label, field, patch } of invalid) {
    test(`${label}: 400 naming "${field}", nothing stored`, async ({ request }, testInfo) => {
      const reader = newReader('Invalid');
      const { body = validBody(), extra, ...fields } = patch(reader);
      const error = await expectNothingStored(async () =>
        expectError(
          await postJson(request, { article: ARTICLE, reader: { ...reader, ...fields }, body, ip: readerIp(testInfo), extra }),
          400,
          'invalid_input',
        ),
      );
      expect(error.fields, `fields: ${JSON.stringify(error.fields)}`).toEqual({ [field]: expect.any(String) });
    });
  }

  test('a reply to a comment still awaiting moderation: 400 naming "parentId", nothing stored', async ({ request }, testInfo) => {
    const parentId = await postPending(request, { article: ARTICLE, reader: newReader('Pending Parent'), body: validBody(), ip: readerIp(testInfo, 0) });
    const error = await expectNothingStored(async () =>
      expectError(await postJson(request, { article: ARTICLE, reader: newReader('Replier'), body: validBody(), ip: readerIp(testInfo, 1), parentId }), 400, 'invalid_input'),
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['parentId']);
  });

  test('malformed JSON: 400 invalid_json, nothing stored', async ({ request }, testInfo) => {
    const headers = { 'content-type': 'application/json', ...from(readerIp(testInfo)) };
    const response = await expectNothingStored(() => rawPost('/api/comments', headers, [`{"article": "${ARTICLE}", "name": `]));
    expect(response.status, response.body).toBe(400);
    expect((JSON.parse(response.body) as ErrorJson).error.code).toBe('invalid_json');
    // Well-formed JSON that is not an object is invalid input.
    await expectNothingStored(async () => expectError(await request.post('/api/comments', { data: [1, 2], headers }), 400, 'invalid_input'));
  });

  const boundaries: { label: string; reader?: (r: { name: string; email: string }) => { name: string; email: string; url?: string }; body?: string; stored?: string }[] = [
    { label: 'a name of exactly 80 characters', reader: (r) => ({ ...r, name: `${r.name} `.padEnd(80, 'n') }) },
    { label: 'an email of exactly 254 characters', reader: (r) => ({ ...r, email: emailOfLength(254) }) },
    { label: 'an https website of exactly 200 characters', reader: (r) => ({ ...r, url: urlOfLength(200) }) },
    { label: 'an http website', reader: (r) => ({ ...r, url: 'http://reader.example/blog' }) },
    { label: 'a comment of exactly 3 characters after trimming', body: '  \n  abc \n ', stored: 'abc' },
    { label: 'a comment of exactly 5000 characters', body: 'v'.repeat(5000) },
  ];
  for (const { label, reader: make, body, stored } of boundaries) {
    test(`but accepts ${label} (201)`, async ({ request }, testInfo) => {
      const base = newReader('Boundary');
      const reader = make ? make(base) : base;
      const id = await postPending(request, { article: ARTICLE, reader, body: body ?? validBody(), ip: readerIp(testInfo) });
      const row = await rowById(id);
      expect(row?.author_name).toBe(reader.name);
      if (stored) expect(row?.body, 'the comment is stored trimmed').toBe(stored);
    });
  }
});

test.describe('POST /api/comments refuses', () => {
  for (const [what, slug] of [
    ['an unknown', 'no-such-article-here'],
    ['a draft', DRAFT_SLUG],
    ['a scheduled', SCHEDULED_SLUG],
  ] as const) {
    test(`a comment on ${what} article with 404, nothing stored`, async ({ request }, testInfo) => {
      await expectNothingStored(async () =>
        expectError(await postJson(request, { article: slug, reader: newReader('Lost'), body: validBody(), ip: readerIp(testInfo) }), 404, 'article_not_found'),
      );
    });
  }

  test('a comment on an article whose comments are closed with 403, nothing stored', async ({ request }, testInfo) => {
    await expectNothingStored(async () =>
      expectError(await postJson(request, { article: CLOSED_SLUG, reader: newReader('Closed'), body: validBody(), ip: readerIp(testInfo) }), 403, 'comments_closed'),
    );
  });

  test('the same comment twice (same article, author and text) with 409, even from another address, storing it once', async ({ request }, testInfo) => {
    const reader = newReader('Twice');
    const body = validBody();
    const id = await postPending(request, { article: ARTICLE, reader, body, ip: readerIp(testInfo, 0) });
    await expectNothingStored(async () => {
      await expectError(await postJson(request, { article: ARTICLE, reader, body, ip: readerIp(testInfo, 1) }), 409, 'duplicate');
      // Surrounding whitespace and Windows line endings do not make it a different comment.
      await expectError(await postJson(request, { article: ARTICLE, reader, body: `\r\n  ${body}  \r\n`, ip: readerIp(testInfo, 2) }), 409, 'duplicate');
    });
    expect((await rowById(id))?.body).toBe(body);
  });

  test('a JSON body over 16 KB with a Content-Length with 413 before parsing it, nothing stored', async ({ request }, testInfo) => {
    // Valid JSON that would otherwise be a 400 (body too long): the 413 shows it was refused unread.
    const data = JSON.stringify({ article: ARTICLE, name: 'Big', email: 'big@example.com', body: 'b'.repeat(17_000), token: 'x' });
    expect(Buffer.byteLength(data)).toBeGreaterThan(16 * 1024);
    await expectNothingStored(async () =>
      expectError(await request.post('/api/comments', { data, headers: { 'content-type': 'application/json', ...from(readerIp(testInfo)) } }), 413, 'payload_too_large'),
    );
    // Not even parsed: malformed JSON of the same size is also a 413, not a 400.
    await expectError(
      await request.post('/api/comments', { data: `{${'x'.repeat(17_000)}`, headers: { 'content-type': 'application/json', ...from(readerIp(testInfo)) } }),
      413,
      'payload_too_large',
    );
  });

  test('a form body over 48 KB (16 KB of text, percent-encoded) with 413, nothing stored', async ({ request }, testInfo) => {
    await expectNothingStored(async () =>
      expectError(
        await request.post('/api/comments', {
          data: `article=${ARTICLE}&name=Big&email=big%40example.com&token=x&body=${'b'.repeat(49_500)}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(readerIp(testInfo)) },
          maxRedirects: 0,
        }),
        413,
        'payload_too_large',
      ),
    );
  });

  test('a chunked body (no Content-Length) that grows past 16 KB with 413, nothing stored', async ({ request }, testInfo) => {
    const token = await formToken(request);
    const head = JSON.stringify({ article: ARTICLE, name: 'Chunky', email: `${unique('chunky')}@example.com`, token, body: '' }).slice(0, -2);
    const chunks = [head, ...Array.from({ length: 20 }, () => 'c'.repeat(1024)), '"}'];
    const response = await expectNothingStored(() =>
      rawPost('/api/comments', { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...from(readerIp(testInfo)) }, chunks),
    );
    expect(response.status, response.body).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect((JSON.parse(response.body) as ErrorJson).error.code).toBe('payload_too_large');
  });

  test('but reads a chunked body under 16 KB (201)', async ({ request }, testInfo) => {
    const token = await formToken(request);
    const data = JSON.stringify({ article: ARTICLE, name: 'Small Chunks', email: `${unique('chunks')}@example.com`, token, body: validBody() });
    const chunks = data.match(/[\s\S]{1,40}/g)!;
    const response = await rawPost('/api/comments', { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...from(readerIp(testInfo)) }, chunks);
    expect(response.status, response.body).toBe(201);
  });

  for (const [label, type] of [
    ['text/plain', 'text/plain'],
    ['multipart/form-data', 'multipart/form-data; boundary=xyz'],
    ['application/xml', 'application/xml'],
  ] as const) {
    test(`a ${label} body with 415, nothing stored`, async ({ request }, testInfo) => {
      const json = JSON.stringify({ article: ARTICLE, name: 'Typed', email: 'typed@example.com', body: validBody(), token: await formToken(request) });
      await expectNothingStored(async () =>
        expectError(await request.post('/api/comments', { data: json, headers: { 'content-type': type, ...from(readerIp(testInfo)) } }), 415, 'unsupported_media_type'),
      );
    });
  }

  test('a second comment from the same address within 15 s with 429 and Retry-After, nothing stored; another address is not held back', async ({ request }, testInfo) => {
    const ip = readerIp(testInfo, 0);
    await postPending(request, { article: ARTICLE, reader: newReader('Flood'), body: validBody(), ip });

    const second = await expectNothingStored(async () => {
      const response = await postJson(request, { article: ARTICLE, reader: newReader('Flood Again'), body: validBody(), ip });
      await expectError(response, 429, 'rate_limited');
      return response;
    });
    const retryAfter = Number(second.headers()['retry-after']);
    expect(Number.isInteger(retryAfter), `Retry-After: ${second.headers()['retry-after']}`).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(15);

    // X-Forwarded-For is believed (TRUST_PROXY=1): a different reader posts at once.
    await postPending(request, { article: ARTICLE, reader: newReader('Other Reader'), body: validBody(), ip: readerIp(testInfo, 1) });
  });
});

test.describe('moderation', () => {
  test('replies nest at most 5 levels deep: a reply to a 5th-level comment joins the 5th level', async ({ request }, testInfo) => {
    const ids: string[] = [];
    for (let level = 1; level <= 6; level++) {
      const id = await postPending(request, {
        article: ARTICLE,
        reader: newReader(`Level ${level}`),
        body: `Comment at level ${level} (${unique('depth')}).`,
        ip: readerIp(testInfo, level),
        parentId: ids.at(-1),
      });
      const row = await approve(id);
      ids.push(id);
      if (level <= 5) expect(row, `level ${level}`).toMatchObject({ depth: level, parent_id: level === 1 ? null : ids[level - 2] });
      else expect(row, 'the 6th reply is a sibling of the 5th').toMatchObject({ depth: 5, parent_id: ids[3] });
    }
    const { json } = await publicThread(request, ARTICLE);
    let node = (json as { comments: ThreadNode[] }).comments.find((c) => c.id === ids[0])!;
    for (let level = 2; level <= 4; level++) node = node.replies.find((r) => r.id === ids[level - 1])!;
    expect(node.depth).toBe(4);
    expect(node.replies.map((r) => r.id), 'level 4 has both deepest comments as replies').toEqual([ids[4], ids[5]]);
    expect(node.replies.every((r) => r.depth === 5 && r.replies.length === 0)).toBe(true);
  });

  test('moving an approved comment to the trash removes it from the article page, the API and the count on the next request', async ({ request, page }, testInfo) => {
    const id = await postPending(request, { article: ARTICLE, reader: newReader('Trashed'), body: `Soon in the trash (${unique('trash')}).`, ip: readerIp(testInfo) });
    await approve(id);
    await page.goto(`/articles/${ARTICLE}`);
    await expect(page.locator(`li#comment-${id}`)).toBeVisible();
    const before = await approvedCount(ARTICLE);

    await moderate(id, 'trash');
    await page.reload();
    await expect(page.locator('#comments')).toBeVisible();
    await expect(page.locator(`li#comment-${id}`)).toHaveCount(0);
    const count = before - 1;
    await expect(page.locator('#comments-heading')).toHaveText(count === 0 ? 'Comments' : `${count} ${count === 1 ? 'comment' : 'comments'}`);
    const { json } = await publicThread(request, ARTICLE);
    expect(threadIds((json as { comments: ThreadNode[] }).comments)).not.toContain(id);
    expect((json as { count: number }).count).toBe(count);
  });
});

test.describe('GET /api/comments', () => {
  test('lists only approved comments as a tree of public fields, and no email, IP address or user agent appears in it or on the page', async ({ request, page }, testInfo) => {
    const agent = `E2E-Private-Agent/${RUN}`;
    const parentReader = newReader('Thread Parent', true);
    const replyReader = newReader('Thread Reply');
    const pendingReader = newReader('Thread Pending');
    const ips = [readerIp(testInfo, 0), readerIp(testInfo, 1), readerIp(testInfo, 2)] as const;
    const headers = { 'user-agent': agent };

    const parentId = await postPending(request, { article: ARTICLE, reader: parentReader, body: `Parent ${validBody()}`, ip: ips[0], headers });
    await approve(parentId);
    const replyId = await postPending(request, { article: ARTICLE, reader: replyReader, body: `Reply ${validBody()}`, ip: ips[1], parentId, headers });
    await approve(replyId);
    const pendingId = await postPending(request, { article: ARTICLE, reader: pendingReader, body: `Pending ${validBody()}`, ip: ips[2], headers });

    const rows = await Promise.all([parentId, replyId, pendingId].map(async (id) => (await rowById(id))!));
    expect(rows.map((r) => r.user_agent), 'the user agent is stored, so its absence below means something').toEqual([agent, agent, agent]);

    const { status, text, json } = await publicThread(request, ARTICLE);
    expect(status).toBe(200);
    const thread = json as { article: string; count: number; comments: ThreadNode[] };
    expect(Object.keys(thread).sort()).toEqual(['article', 'comments', 'count']);
    expect(thread.article).toBe(ARTICLE);

    const ids = threadIds(thread.comments);
    expect(ids).toContain(parentId);
    expect(ids).toContain(replyId);
    expect(ids, 'pending comments are not listed').not.toContain(pendingId);
    expect(thread.count).toBe(ids.length);

    const visit = (nodes: ThreadNode[], depth: number) => {
      for (const node of nodes) {
        expect(Object.keys(node).sort(), `keys of comment ${node.id}`).toEqual(NODE_KEYS);
        expect(node.depth).toBe(depth);
        visit(node.replies, depth + 1);
      }
    };
    visit(thread.comments, 1);

    const parent = thread.comments.find((c) => c.id === parentId)!;
    expect(parent).toMatchObject({ parentId: null, name: parentReader.name, url: parentReader.url, editorReply: false, depth: 1 });
    expect(parent.replies.map((r) => r.id)).toEqual([replyId]);
    expect(parent.replies[0]).toMatchObject({ parentId, name: replyReader.name, url: null, depth: 2, replies: [] });
    expect(Date.parse(parent.createdAt)).not.toBeNaN();

    const html = await (await request.get(`/articles/${ARTICLE}`)).text();
    await page.goto(`/articles/${ARTICLE}`);
    await expect(page.locator(`li#comment-${replyId}`)).toBeVisible();
    const secrets = rows.flatMap((row) => [row.author_email, row.ip_hash!, row.ip_prefix!, row.user_agent!]).concat(ips, ['author_email', 'ip_hash', 'user_agent']);
    for (const [where, body] of [
      ['GET /api/comments', text],
      ['the article page HTML', html],
    ] as const) {
      for (const secret of secrets) expect(body.includes(secret), `${where} must not contain "${secret}"`).toBe(false);
      expect(body, `${where} must not contain any email address`).not.toMatch(/[\w.+-]+@example\.com/);
    }
  });

  test('answers 404 for a draft, a scheduled and an unknown article, and 400 without ?article=', async ({ request }) => {
    for (const slug of [DRAFT_SLUG, SCHEDULED_SLUG, 'no-such-article-here']) {
      const response = await request.get(`/api/comments?article=${slug}`);
      await expectError(response, 404, 'article_not_found');
    }
    await expectError(await request.get('/api/comments'), 400, 'invalid_input');
  });

  test('answers an article with no approved comments with an empty list', async ({ request }) => {
    const { status, json } = await publicThread(request, CLOSED_SLUG);
    expect(status).toBe(200);
    expect(json).toEqual({ article: CLOSED_SLUG, count: 0, comments: [] });
  });
});
