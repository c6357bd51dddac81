/**
 * Hostile input that is not about field values: bodies too big for their endpoint, JSON nested too
 * deep, with a key twice or in the wrong encoding, gigantic or countless headers, bodies that
 * trickle or stall (2 GB of refused bodies against a server whose memory we read: hardening-memory.spec.ts).
 * Each is refused cleanly — 413/400/415/431/408 in the documented shape where there is a response at all,
 * a closed connection for a stalled client — with no 5xx, nothing stored, and no memory kept.
 */
import type Database from 'better-sqlite3';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { approve, closeStore, formToken, newReader, postPending, readerIp, unique } from './support/comments';
import { closeEditorsDatabase, createEditor, SESSION_COOKIE, signInAs } from './support/editors';
import { commentsById, expectErrorShape, openReadOnly, rawRequest, type RawResponse } from './support/hostile';
import { BASE_URL } from './support/page-helpers';
import { rawSocket } from './support/raw-socket';

const ARTICLE = 'kazakhstan-uranium-explained';
const PORT = Number(new URL(BASE_URL).port);
const MB = 1024 * 1024;

let db: Database.Database;
let session = '';
let targetId = '';
let signedIn: APIRequestContext;

test.beforeAll(async ({ playwright, request }, testInfo) => {
  const editor = await createEditor('Input Editor');
  signedIn = await playwright.request.newContext({ baseURL: BASE_URL });
  await signInAs(signedIn, editor);
  session = `${SESSION_COOKIE}=${(await signedIn.storageState()).cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
  targetId = await postPending(request, { article: ARTICLE, reader: newReader('Input Target'), body: 'A comment the oversized edits aim at.', ip: readerIp(testInfo) });
  await approve(targetId);
  db = openReadOnly();
});
test.afterAll(async () => {
  db?.close();
  await signedIn?.dispose();
  await closeStore();
  await closeEditorsDatabase();
});

/** Everything a refused request could have written. */
const storeState = () => JSON.stringify([...commentsById(db).values()]) + (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

/** Sends a request and checks it was refused with `status` in the error shape, changing nothing. */
async function expectRefused(request: Parameters<typeof rawRequest>[0], status: number, what: string): Promise<RawResponse> {
  const before = storeState();
  const response = await rawRequest(request);
  expect(response.status, `${what}: ${response.text.slice(0, 200)}`).toBe(status);
  expectErrorShape(response, what);
  expect(storeState(), `${what}: nothing changed`).toBe(before);
  return response;
}

const SAME_ORIGIN = { origin: BASE_URL };

test('a body over each endpoint’s limit is refused with 413, declared or chunked, and nothing changes', async () => {
  const json = { 'content-type': 'application/json' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const editor = { ...json, ...SAME_ORIGIN, cookie: session };
  const over = (bytes: number, fill = 'a') => Buffer.from(`{"body":"${fill.repeat(bytes)}"}`);
  const cases: { what: string; method: string; path: string; headers: Record<string, string>; body: Buffer; chunked?: boolean }[] = [
    { what: 'POST /api/comments, JSON over 16 KB', method: 'POST', path: '/api/comments', headers: json, body: over(16 * 1024) },
    { what: 'POST /api/comments, JSON 1 MB chunked', method: 'POST', path: '/api/comments', headers: json, body: over(MB), chunked: true },
    { what: 'POST /api/comments, form over 48 KB', method: 'POST', path: '/api/comments', headers: form, body: Buffer.from(`body=${'b'.repeat(48 * 1024)}`) },
    { what: 'POST /api/auth/callback/credentials, form over 8 KB', method: 'POST', path: '/api/auth/callback/credentials', headers: { ...form, ...SAME_ORIGIN }, body: Buffer.from(`password=${'p'.repeat(8 * 1024)}`) },
    { what: 'POST /api/auth/callback/credentials, 1 MB chunked', method: 'POST', path: '/api/auth/callback/credentials', headers: { ...form, ...SAME_ORIGIN }, body: Buffer.from(`password=${'p'.repeat(MB)}`), chunked: true },
    { what: 'POST /api/internal/revalidate, over 4 KB', method: 'POST', path: '/api/internal/revalidate', headers: json, body: over(4 * 1024) },
    { what: 'POST /api/editor/setup, over 4 KB', method: 'POST', path: '/api/editor/setup', headers: { ...json, ...SAME_ORIGIN }, body: over(4 * 1024) },
    { what: 'PATCH /api/comments/<id> (editor), over 16 KB', method: 'PATCH', path: `/api/comments/${targetId}`, headers: editor, body: over(16 * 1024) },
    { what: 'POST /api/comments/<id>/replies (editor), 1 MB chunked', method: 'POST', path: `/api/comments/${targetId}/replies`, headers: editor, body: over(MB), chunked: true },
    { what: 'POST /api/draft/review-link (editor), over 1 KB', method: 'POST', path: '/api/draft/review-link', headers: editor, body: over(1024) },
  ];
  for (const { what, ...request } of cases) {
    const response = await expectRefused(request, 413, what);
    expect(JSON.parse(response.text).error.code, what).toBe('payload_too_large');
  }
});

test.describe('wrongly shaped or encoded JSON is refused with 400 or 415, and nothing is stored', () => {
  /** A valid submission from a fresh reader, as ordered JSON members (so a key can repeat). */
  async function valid(request: APIRequestContext): Promise<[string, unknown][]> {
    const reader = newReader('Encoding');
    return [
      ['article', ARTICLE],
      ['name', reader.name],
      ['email', reader.email],
      ['body', `An ordinary remark (${unique('enc')}).`],
      ['token', await formToken(request)],
    ];
  }
  const toJson = (members: [string, unknown][]) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
  const nest = (depth: number, leaf: unknown = 'x') => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), leaf);

  const cases: { what: string; status: number; code: string; message?: RegExp; field?: string; make: (members: [string, unknown][]) => { body: Buffer; type?: string } }[] = [
    { what: 'a UTF-8 byte order mark', status: 400, code: 'invalid_input', message: /byte order mark/, make: (m) => ({ body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toJson(m))]) }) },
    { what: 'UTF-16LE with its byte order mark', status: 400, code: 'invalid_input', message: /UTF-8/, make: (m) => ({ body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toJson(m), 'utf16le')]) }) },
    { what: 'UTF-16BE without a byte order mark', status: 400, code: 'invalid_json', make: (m) => ({ body: Buffer.from(toJson(m), 'utf16le').swap16() }) },
    { what: 'an invalid UTF-8 byte in the name', status: 400, code: 'invalid_input', message: /UTF-8/, make: (m) => {
        const body = Buffer.from(toJson(m));
        body[body.indexOf('Encoding') + 3] = 0xff;
        return { body };
      },
    },
    { what: 'an overlong UTF-8 "<" (C0 BC)', status: 400, code: 'invalid_input', message: /UTF-8/, make: (m) => ({ body: Buffer.concat([Buffer.from(toJson(m).slice(0, -2)), Buffer.from([0xc0, 0xbc]), Buffer.from('"}')]) }) },
    { what: 'a UTF-16 surrogate encoded in UTF-8 (ED A0 80)', status: 400, code: 'invalid_input', message: /UTF-8/, make: (m) => ({ body: Buffer.concat([Buffer.from(toJson(m).slice(0, -2)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]) }) },
    { what: 'Latin-1 bytes declared charset=iso-8859-1', status: 415, code: 'unsupported_media_type', message: /UTF-8/, make: (m) => ({ body: Buffer.from(toJson(m).replace('remark', 'remarqué'), 'latin1'), type: 'application/json; charset=iso-8859-1' }) },
    { what: 'UTF-8 declared charset=utf-16', status: 415, code: 'unsupported_media_type', message: /UTF-8/, make: (m) => ({ body: Buffer.from(toJson(m)), type: 'application/json; charset=utf-16' }) },
    { what: 'a form declared charset=windows-1251', status: 415, code: 'unsupported_media_type', message: /UTF-8/, make: (m) => ({ body: Buffer.from(new URLSearchParams(m.map(([k, v]) => [k, String(v)])).toString()), type: 'application/x-www-form-urlencoded; charset=windows-1251' }) },
    { what: 'the name twice, with different values', status: 400, code: 'invalid_input', field: 'name', make: (m) => ({ body: Buffer.from(toJson([...m, ['name', 'Somebody Else']])) }) },
    { what: 'the article twice (the second a closed one)', status: 400, code: 'invalid_input', field: 'article', make: (m) => ({ body: Buffer.from(toJson([...m, ['article', 'why-eurasian-star-covers-central-asia']])) }) },
    { what: '8000 nested arrays', status: 400, code: 'invalid_json', message: /nests more than/, make: () => ({ body: Buffer.from(`${'['.repeat(8000)}${']'.repeat(8000)}`) }) },
    { what: 'a name nested 2000 objects deep', status: 400, code: 'invalid_json', message: /nests more than/, make: (m) => ({ body: Buffer.from(toJson(m).replace(/"name":"[^"]*"/, `"name":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)) }) },
    { what: 'a name nested 20 objects deep (within the depth limit, still not a name)', status: 400, code: 'invalid_input', field: 'name', make: (m) => ({ body: Buffer.from(toJson(m.map(([k, v]) => [k, k === 'name' ? nest(20) : v]))) }) },
    { what: 'a "__proto__" member asking for approval', status: 400, code: 'invalid_input', make: (m) => ({ body: Buffer.from(toJson([...m, ['__proto__', { status: 'approved' }]])) }) },
  ];

  for (const { what, status, code, message, field, make } of cases) {
    test(`${what}: ${status} ${code}`, async ({ request }, testInfo) => {
      const { body, type = 'application/json' } = make(await valid(request));
      const response = await expectRefused({ method: 'POST', path: '/api/comments', headers: { 'content-type': type, 'x-forwarded-for': readerIp(testInfo) }, body }, status, what);
      const error = JSON.parse(response.text).error as { code: string; message: string; fields?: Record<string, string> };
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
      if (field) expect(Object.keys(error.fields ?? {})).toEqual([field]);
    });
  }

  test('the same submission, well formed, is accepted (201): the refusals above are about the encoding alone', async ({ request }, testInfo) => {
    const response = await rawRequest({ method: 'POST', path: '/api/comments', headers: { 'content-type': 'application/json; charset=UTF-8', 'x-forwarded-for': readerIp(testInfo) }, body: Buffer.from(toJson(await valid(request))) });
    expect(response.status, response.text).toBe(201);
  });

  test('the editors’ API and next-auth refuse them too: 400/415 in the error shape, nothing changes', async () => {
    const editor = { ...SAME_ORIGIN, cookie: session };
    const patch = (body: string, type = 'application/json') => ({ method: 'PATCH', path: `/api/comments/${targetId}`, headers: { ...editor, 'content-type': type }, body: Buffer.from(body) });
    await expectRefused(patch('{"status":"spam","status":"approved"}'), 400, 'PATCH with "status" twice');
    await expectRefused(patch('\ufeff{"status":"spam"}'), 400, 'PATCH with a byte order mark');
    await expectRefused(patch('{"status":"spam"}', 'application/json; charset=utf-16'), 415, 'PATCH declared UTF-16');
    await expectRefused(patch(`{"body":${'['.repeat(5000)}${']'.repeat(5000)}}`), 400, 'PATCH nested 5000 deep');
    const signIn = (body: string) => ({ method: 'POST', path: '/api/auth/callback/credentials', headers: { ...SAME_ORIGIN, 'content-type': 'application/json' }, body: Buffer.from(body) });
    // These were 500s: next-auth parses any body that says JSON itself, and throws on a bad one.
    await expectRefused(signIn('{"email": "a@b.example", "password": '), 400, 'sign-in with malformed JSON');
    await expectRefused(signIn('["a@b.example"]'), 400, 'sign-in with a JSON array');
    await expectRefused(signIn('{"email":"a@b.example","email":"ed@b.example","password":"x"}'), 400, 'sign-in with the email twice');
  });
});

test('next-auth: a callbackUrl that is no URL at all is no 500, and sign-in still only sends people within the site', async ({ request }) => {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  for (const callbackUrl of ['\u{10FFFF}\u{1F600}\u{E000}', 'https://evil.example/', 'http://[::1', '/editor']) {
    const response = await request.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: 'nobody@example.com', password: 'not the password', callbackUrl, json: 'true' },
      headers: { ...SAME_ORIGIN, 'x-forwarded-for': '198.51.100.99' },
      maxRedirects: 0,
    });
    const text = await response.text();
    expect(response.status(), `callbackUrl ${JSON.stringify(callbackUrl)}: ${text.slice(0, 200)}`).toBeLessThan(500);
    const url = (JSON.parse(text) as { url: string }).url;
    expect(new URL(url).origin, `callbackUrl ${JSON.stringify(callbackUrl)} → ${url}`).toBe(BASE_URL);
  }
});

test.describe('headers', () => {
  const request = (headers: string, target = '/api/comments/token') => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n${headers}Connection: close\r\n\r\n`;

  test('one header over 16 KB, 1000 headers over 16 KB in all, or a URL over 16 KB: 431, and the connection is closed', async () => {
    const cases = [
      ['a 20 KB header', request(`X-Big: ${'a'.repeat(20 * 1024)}\r\n`)],
      ['a 17 KB cookie', request(`Cookie: ${SESSION_COOKIE}=${'c'.repeat(17 * 1024)}\r\n`)],
      ['1000 headers, 20 KB in all', request(Array.from({ length: 1000 }, (_, i) => `X-H${i}: ${'v'.repeat(12)}\r\n`).join(''))],
      ['a 20 KB URL', request('', `/api/comments?article=${'u'.repeat(20 * 1024)}`)],
    ] as const;
    for (const [what, text] of cases) {
      const result = await rawSocket(PORT, (socket) => socket.write(text), 10_000);
      console.log(`[headers] ${what}: ${result.response.split('\r\n')[0]} after ${result.afterMs} ms, closed by server: ${result.closedByServer}`);
      expect(result.status, `${what}: ${result.response.slice(0, 200)}`).toBe(431);
      expect(result.closedByServer, `${what}: the server hangs up`).toBe(true);
    }
  });

  test('1500 small headers and a session cookie of 15 KB of garbage (under the limit) are answered normally, never a 5xx', async () => {
    const many = await rawSocket(PORT, (socket) => socket.write(request(Array.from({ length: 1500 }, (_, i) => `X-${i}: v\r\n`).join(''))), 10_000);
    expect(many.status, many.response.slice(0, 300)).toBe(200);
    const cookie = await rawSocket(PORT, (socket) => socket.write(request(`Cookie: ${SESSION_COOKIE}=${'g'.repeat(15 * 1024)}\r\n`, '/api/auth/session')), 10_000);
    expect(cookie.status, cookie.response.slice(0, 300)).toBe(200);
    expect(cookie.response, 'no session').toContain('\r\n{}\r\n');
    const queue = await rawSocket(PORT, (socket) => socket.write(request(`Cookie: ${SESSION_COOKIE}=${'g'.repeat(15 * 1024)}\r\n`, '/api/comments?status=pending')), 10_000);
    expect(queue.status, 'a garbage session is no session').toBe(401);
  });
});

test('bodies that trickle or stall, and headers that never end, are cut off (408 or a closed connection) while others are served', async () => {
  test.setTimeout(90_000);
  const head = (path: string, type: string, length: number, method = 'POST', extra = '') =>
    `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\nOrigin: ${BASE_URL}\r\n${extra}\r\n`;
  const trickle = (first: string) => (socket: import('node:net').Socket, closed: () => boolean) => {
    socket.write(first);
    const timer = setInterval(() => (closed() ? clearInterval(timer) : socket.write('a')), 1_000);
  };
  const before = storeState();
  const slow = [
    ['a comment body trickling 1 byte a second', trickle(`${head('/api/comments', 'application/json', 10_000)}{"body":"`)],
    ['a comment body that never comes', (socket: import('node:net').Socket) => socket.write(head('/api/comments', 'application/json', 5_000))],
    ['a sign-in form trickling', trickle(head('/api/auth/callback/credentials', 'application/x-www-form-urlencoded', 5_000))],
    ['an editor PATCH stalled half way', (socket: import('node:net').Socket) => socket.write(`${head(`/api/comments/${targetId}`, 'application/json', 5_000, 'PATCH', `Cookie: ${session}\r\n`)}{"status":`)],
    ['headers that never end (a line every 2 s)', (socket: import('node:net').Socket, closed: () => boolean) => {
      socket.write(`GET /api/comments/token HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\n`);
      let n = 0;
      const timer = setInterval(() => (closed() ? clearInterval(timer) : socket.write(`X-Slow-${n++}: yes\r\n`)), 2_000);
    }],
  ] as const;
  const pending = slow.map(([, talk]) => rawSocket(PORT, talk, 60_000));

  // Meanwhile the site answers everyone else.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  for (let i = 0; i < 5; i++) {
    const response = await rawRequest({ method: 'GET', path: '/api/comments/token' });
    expect(response.status, 'served while slow clients hang on').toBe(200);
  }

  const results = await Promise.all(pending);
  slow.forEach(([what], i) => {
    const result = results[i]!;
    console.log(`[slow] ${what}: ${result.status ?? 'no answer'}, connection closed by the server after ${(result.afterMs / 1000).toFixed(1)} s`);
    expect(result.closedByServer, `${what}: the server hangs up on it`).toBe(true);
    expect([408, null], `${what}: ${result.response.slice(0, 200)}`).toContain(result.status);
  });
  expect(storeState(), 'nothing was stored from the cut-off requests').toBe(before);
});
