/**
 * The moderation API (PATCH/DELETE /api/comments/<id>, POST /api/comments/<id>/replies,
 * GET /api/comments?status=) tried the way an attacker would: no session, a forged session,
 * another site's Origin or none, and the tricks that fooled Next's middleware in the past
 * (x-middleware-subrequest, ?_rsc=, RSC/prefetch headers, an .rsc suffix). Every refusal is
 * followed by a check that nothing changed. Then the same API used properly by an editor.
 *
 * Each attempt and its status are attached to the test report ("attempts") and printed. A request
 * with `RSC: 1` first gets Next's own 307 to the same path plus `_rsc=`; the attempt follows it
 * once, and the answer after it is the one asserted (shown as "307 → 401").
 */
import { expect, test, type APIRequestContext, type APIResponse, type TestInfo } from '@playwright/test';
import { removeEditor } from '../lib/auth/editors';
import { newReader, postPending, readerIp, rowById, totalRows, unique } from './support/comments';
import { auditCount, auditFor, closeEditorsDatabase, createEditor, EVIL_ORIGIN, fetchFollowingRsc, SAME_ORIGIN, signInAs, type EditorAccount } from './support/editors';
import { BASE_URL } from './support/page-helpers';

const ARTICLE = 'middle-corridor-trans-caspian-route';
const MIDDLEWARE_SUBREQUEST = 'middleware:middleware:middleware:middleware:middleware';

let editor: EditorAccount;
let anonymous: APIRequestContext;
let signedIn: APIRequestContext;

test.beforeAll(async ({ playwright }) => {
  editor = await createEditor('API Editor');
  anonymous = await playwright.request.newContext({ baseURL: BASE_URL });
  signedIn = await playwright.request.newContext({ baseURL: BASE_URL });
  await signInAs(signedIn, editor);
});
test.afterAll(async () => {
  await anonymous?.dispose();
  await signedIn?.dispose();
  await closeEditorsDatabase();
});

interface ErrorJson {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Checks the API's one error shape: {error: {code, message, fields?}}. */
async function expectError(response: APIResponse, status: number, code: string): Promise<ErrorJson['error']> {
  const text = await response.text();
  expect(response.status(), text).toBe(status);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(text) as ErrorJson;
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(body.error).every((k) => ['code', 'message', 'fields'].includes(k))).toBe(true);
  return body.error;
}

/** A reader's pending comment, the target of the attacks. */
async function target(request: APIRequestContext, testInfo: TestInfo, n = 0): Promise<{ id: string; email: string }> {
  const reader = newReader('Api Target');
  const id = await postPending(request, { article: ARTICLE, reader, body: `A comment the attacker wants to change (${unique('api')}).`, ip: readerIp(testInfo, n) });
  return { id, email: reader.email };
}

/** Everything a moderation request could change. */
async function snapshot(id: string) {
  return { row: await rowById(id), total: await totalRows(), audit: await auditCount() };
}

interface Operation {
  name: string;
  method: 'PATCH' | 'DELETE' | 'POST';
  path: (id: string) => string;
  data?: unknown;
}

const OPERATIONS: Operation[] = [
  { name: 'PATCH {status: approved}', method: 'PATCH', path: (id) => `/api/comments/${id}`, data: { status: 'approved' } },
  { name: 'PATCH {body}', method: 'PATCH', path: (id) => `/api/comments/${id}`, data: { body: 'Defaced by an attacker.' } },
  { name: 'DELETE', method: 'DELETE', path: (id) => `/api/comments/${id}` },
  { name: 'POST replies', method: 'POST', path: (id) => `/api/comments/${id}/replies`, data: { body: 'An attacker speaking as the publication.' } },
];

interface Variant {
  label: string;
  headers: Record<string, string>;
  /** How the path is dressed up. */
  dress?: 'rsc-suffix' | 'rsc-query';
  contentType?: string;
  expected: number[];
}

function dressed(path: string, dress: Variant['dress']): string {
  if (dress === 'rsc-suffix') return `${path}.rsc`;
  if (dress === 'rsc-query') return `${path}${path.includes('?') ? '&' : '?'}_rsc=1`;
  return path;
}

/** Sends one attempt (following Next's RSC redirect once, see fetchFollowingRsc); `statuses` lists each answer. */
async function send(context: APIRequestContext, operation: Operation, id: string, variant: Variant) {
  const headers: Record<string, string> = { ...variant.headers };
  if (operation.data !== undefined) headers['content-type'] = variant.contentType ?? 'application/json';
  return fetchFollowingRsc(context, dressed(operation.path(id), variant.dress), {
    method: operation.method,
    headers,
    data: operation.data === undefined ? undefined : Buffer.from(JSON.stringify(operation.data)),
  });
}

/** Records one attempt for the report. */
function note(lines: string[], line: string) {
  lines.push(line);
}

async function report(testInfo: TestInfo, lines: string[]) {
  await testInfo.attach('attempts', { body: lines.join('\n'), contentType: 'text/plain' });
  console.log(`\n${testInfo.title}\n  ${lines.join('\n  ')}`);
}

const ANONYMOUS_VARIANTS: Variant[] = [
  { label: 'no session, same Origin', headers: SAME_ORIGIN, expected: [401] },
  { label: 'no session, no Origin', headers: {}, expected: [401] },
  { label: 'forged session cookie', headers: { ...SAME_ORIGIN, cookie: 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged.forged.forged' }, expected: [401] },
  { label: `x-middleware-subrequest: ${MIDDLEWARE_SUBREQUEST}`, headers: { ...SAME_ORIGIN, 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST }, expected: [401] },
  { label: 'x-middleware-subrequest: proxy×5', headers: { ...SAME_ORIGIN, 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' }, expected: [401] },
  { label: '?_rsc=1', headers: SAME_ORIGIN, dress: 'rsc-query', expected: [401] },
  { label: 'RSC: 1 + Next-Router-Prefetch: 1', headers: { ...SAME_ORIGIN, RSC: '1', 'Next-Router-Prefetch': '1' }, expected: [401] },
  { label: '.rsc suffix', headers: SAME_ORIGIN, dress: 'rsc-suffix', expected: [401, 404] },
];

const CROSS_SITE_VARIANTS: Variant[] = [
  { label: `session, Origin ${EVIL_ORIGIN}`, headers: { origin: EVIL_ORIGIN }, expected: [403] },
  { label: 'session, no Origin', headers: {}, expected: [403] },
  { label: 'session, no Origin but a same-site Referer', headers: { referer: `${BASE_URL}/editor` }, expected: [403] },
  { label: 'session, Origin: null', headers: { origin: 'null' }, expected: [403] },
  { label: 'session, look-alike Origin', headers: { origin: `${BASE_URL}.evil.example` }, expected: [403] },
  { label: 'session, Origin https:// of this host', headers: { origin: BASE_URL.replace('http:', 'https:') }, expected: [403] },
  { label: 'session, Host + Origin http://evil.example', headers: { host: 'evil.example', origin: 'http://evil.example' }, expected: [403] },
  { label: 'session, X-Forwarded-Host + Origin http://evil.example', headers: { 'x-forwarded-host': 'evil.example', origin: 'http://evil.example' }, expected: [403] },
  { label: `session, ${EVIL_ORIGIN} + x-middleware-subrequest`, headers: { origin: EVIL_ORIGIN, 'x-middleware-subrequest': MIDDLEWARE_SUBREQUEST }, expected: [403] },
  { label: `session, ${EVIL_ORIGIN} + ?_rsc=1`, headers: { origin: EVIL_ORIGIN }, dress: 'rsc-query', expected: [403] },
  { label: `session, ${EVIL_ORIGIN} + RSC: 1 + Next-Router-Prefetch: 1`, headers: { origin: EVIL_ORIGIN, RSC: '1', 'Next-Router-Prefetch': '1' }, expected: [403] },
  { label: `session, ${EVIL_ORIGIN} + .rsc suffix`, headers: { origin: EVIL_ORIGIN }, dress: 'rsc-suffix', expected: [403, 404] },
];

/** Runs every operation with every variant against one comment; checks each status and that nothing changed. */
async function attack(context: APIRequestContext, id: string, variants: Variant[], operations: Operation[], lines: string[]): Promise<void> {
  const before = await snapshot(id);
  for (const operation of operations) {
    for (const variant of variants) {
      const { statuses, response } = await send(context, operation, id, variant);
      const status = response.status();
      note(lines, `${operation.name.padEnd(24)} ${variant.label.padEnd(58)} → ${statuses.join(' → ')}`);
      expect(variant.expected, `${operation.name} with ${variant.label}: ${statuses.join(' → ')} ${await response.text()}`).toContain(status);
      expect(await snapshot(id), `${operation.name} with ${variant.label} changed nothing`).toEqual(before);
    }
  }
}

test.describe('refused', () => {
  test('without a session, every change is refused (401) — with bypass headers, ?_rsc=, RSC/prefetch headers and .rsc too — and nothing changes', async ({ request }, testInfo) => {
    const { id } = await target(request, testInfo);
    const lines: string[] = [];
    await attack(anonymous, id, ANONYMOUS_VARIANTS, OPERATIONS, lines);
    await report(testInfo, lines);
    expect((await rowById(id))?.status).toBe('pending');
  });

  test('with a session but from another site, or with no Origin, every change is refused (403) and nothing changes', async ({ request }, testInfo) => {
    const { id } = await target(request, testInfo);
    const lines: string[] = [];
    await attack(signedIn, id, CROSS_SITE_VARIANTS, OPERATIONS, lines);
    // A form post from another site is a "simple" request with no preflight: it is not JSON, so it is refused too.
    const simple: Variant[] = [
      { label: 'session, same Origin, text/plain body', headers: SAME_ORIGIN, contentType: 'text/plain', expected: [415] },
      { label: 'session, same Origin, form-encoded body', headers: SAME_ORIGIN, contentType: 'application/x-www-form-urlencoded', expected: [415] },
      { label: `session, ${EVIL_ORIGIN}, text/plain body`, headers: { origin: EVIL_ORIGIN }, contentType: 'text/plain', expected: [403] },
    ];
    await attack(
      signedIn,
      id,
      simple,
      OPERATIONS.filter((o) => o.data !== undefined),
      lines,
    );
    await report(testInfo, lines);
    expect((await rowById(id))?.status).toBe('pending');
  });

  test('GET /api/comments?status=pending: 401 without a session whatever the headers, and not readable by another site', async ({ request }, testInfo) => {
    const { id, email } = await target(request, testInfo);
    const lines: string[] = [];
    const name = 'GET ?status=pending';
    for (const variant of ANONYMOUS_VARIANTS) {
      const path = variant.dress === 'rsc-suffix' ? '/api/comments.rsc?status=pending' : dressed('/api/comments?status=pending', variant.dress);
      const { statuses, response } = await fetchFollowingRsc(anonymous, path, { method: 'GET', headers: variant.headers });
      const text = await response.text();
      note(lines, `${name.padEnd(24)} ${variant.label.padEnd(58)} → ${statuses.join(' → ')}`);
      expect(variant.expected, `${variant.label}: ${statuses.join(' → ')} ${text}`).toContain(response.status());
      expect(text, `${variant.label}: nothing of the queue`).not.toContain(email);
      expect(text).not.toContain(id);
    }

    // Signed in, the queue is there — but a page on another site cannot read it: no CORS grant.
    const crossSite = await signedIn.get('/api/comments?status=pending', { headers: { origin: EVIL_ORIGIN } });
    note(lines, `${name.padEnd(24)} ${`session, Origin ${EVIL_ORIGIN}`.padEnd(58)} → ${crossSite.status()} (no Access-Control-Allow-Origin)`);
    expect(crossSite.headers()['access-control-allow-origin']).toBeUndefined();
    expect(crossSite.headers()['access-control-allow-credentials']).toBeUndefined();
    const preflight = await signedIn.fetch('/api/comments/x', { method: 'OPTIONS', headers: { origin: EVIL_ORIGIN, 'access-control-request-method': 'PATCH' } });
    note(lines, `${'OPTIONS (preflight)'.padEnd(24)} ${`Origin ${EVIL_ORIGIN}, PATCH`.padEnd(58)} → ${preflight.status()}`);
    expect(preflight.headers()['access-control-allow-origin']).toBeUndefined();
    await report(testInfo, lines);
  });

  test('a removed editor’s session stops working at once', async ({ playwright, request }, testInfo) => {
    const leaving = await createEditor('Leaving Editor');
    const context = await playwright.request.newContext({ baseURL: BASE_URL });
    await signInAs(context, leaving);
    const { id } = await target(request, testInfo);
    expect((await context.get('/api/comments?status=pending')).status(), 'works while the account exists').toBe(200);

    await removeEditor(leaving.email);
    const before = await snapshot(id);
    await expectError(await context.get('/api/comments?status=pending'), 401, 'unauthorized');
    await expectError(await context.patch(`/api/comments/${id}`, { data: { status: 'approved' }, headers: SAME_ORIGIN }), 401, 'unauthorized');
    await expectError(await context.delete(`/api/comments/${id}`, { headers: SAME_ORIGIN }), 401, 'unauthorized');
    expect(await snapshot(id)).toEqual(before);
    const desk = await context.get('/editor', { maxRedirects: 0 });
    expect(new URL(desk.headers()['location'] ?? '/', BASE_URL).pathname, 'the desk sends them to sign in').toBe('/editor/login');
    await context.dispose();
  });
});

test.describe('allowed', () => {
  test('an editor’s same-origin PATCH sets the status: 200 with the new status, and the queue follows', async ({ request }, testInfo) => {
    const { id } = await target(request, testInfo);
    const response = await signedIn.patch(`/api/comments/${id}`, { data: { status: 'spam' }, headers: SAME_ORIGIN });
    expect(response.status(), await response.text()).toBe(200);
    expect(response.headers()['cache-control']).toContain('no-store');
    const { comment } = (await response.json()) as { comment: { id: string; status: string; email: string; ipPrefix: string | null } };
    expect(comment).toMatchObject({ id, status: 'spam' });
    expect((await rowById(id))?.status).toBe('spam');
    expect((await auditFor(id)).at(-1)).toMatchObject({ actor: editor.email, action: 'status', from_status: 'pending', to_status: 'spam' });

    const spam = (await (await signedIn.get('/api/comments?status=spam&limit=200')).json()) as { comments: { id: string }[] };
    expect(spam.comments.map((c) => c.id)).toContain(id);
    const pending = (await (await signedIn.get('/api/comments?status=pending&limit=200')).json()) as { comments: { id: string }[] };
    expect(pending.comments.map((c) => c.id)).not.toContain(id);
  });

  test('GET /api/comments?status=pending gives an editor the queue with email, IP prefix and reason, privately', async ({ request }, testInfo) => {
    const { id, email } = await target(request, testInfo);
    const response = await signedIn.get('/api/comments?status=pending&limit=200');
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toMatch(/private/);
    expect(response.headers()['cache-control']).toMatch(/no-store/);
    const body = (await response.json()) as { status: string; comments: Record<string, unknown>[] };
    expect(body.status).toBe('pending');
    const mine = body.comments.find((c) => c.id === id);
    expect(mine).toMatchObject({ id, article: ARTICLE, email, status: 'pending', editorReply: false });
    expect(String(mine!.ipPrefix)).toMatch(/\/24$/);
    expect(mine!.reason).toBeTruthy();
    expect(body.comments.every((c) => c.status === 'pending')).toBe(true);

    await expectError(await signedIn.get('/api/comments?status=everything'), 400, 'invalid_input');
  });

  test('unknown comment ids answer 404 in the error shape', async () => {
    const ghost = `no-such-${unique('id')}`;
    const before = { total: await totalRows(), audit: await auditCount() };
    await expectError(await signedIn.patch(`/api/comments/${ghost}`, { data: { status: 'approved' }, headers: SAME_ORIGIN }), 404, 'comment_not_found');
    await expectError(await signedIn.delete(`/api/comments/${ghost}`, { headers: SAME_ORIGIN }), 404, 'comment_not_found');
    await expectError(await signedIn.post(`/api/comments/${ghost}/replies`, { data: { body: 'Hello there.' }, headers: SAME_ORIGIN }), 404, 'comment_not_found');
    expect({ total: await totalRows(), audit: await auditCount() }).toEqual(before);
  });

  test('an invalid change answers 400 {error: {code, message, fields}} and changes nothing', async ({ request }, testInfo) => {
    const { id } = await target(request, testInfo);
    const before = await snapshot(id);
    for (const data of [{ status: 'published' }, { status: 'approved', body: 'both at once' }, { status: 'approved', extra: 1 }, {}, { body: 42 }]) {
      const error = await expectError(await signedIn.patch(`/api/comments/${id}`, { data, headers: SAME_ORIGIN }), 400, 'invalid_input');
      expect(error.fields, `${JSON.stringify(data)}: fields say what is wrong`).toBeTruthy();
      expect(Object.values(error.fields!).join(' ').length).toBeGreaterThan(0);
    }
    const tooShort = await expectError(await signedIn.patch(`/api/comments/${id}`, { data: { body: ' x ' }, headers: SAME_ORIGIN }), 400, 'invalid_input');
    expect(tooShort.fields?.body).toMatch(/at least 3 characters/);
    // A Buffer, so Playwright sends the broken JSON as it is rather than quoting it as a JSON string.
    const broken = await signedIn.patch(`/api/comments/${id}`, { data: Buffer.from('{"status": '), headers: { ...SAME_ORIGIN, 'content-type': 'application/json' } });
    await expectError(broken, 400, 'invalid_json');
    expect(await snapshot(id)).toEqual(before);
  });

  test('PATCH {body}, POST replies (201, an approved editor reply) and DELETE (gone for good) work for an editor', async ({ request }, testInfo) => {
    const { id } = await target(request, testInfo);
    const text = `Edited over the API (${unique('api-edit')}).`;
    const edited = await signedIn.patch(`/api/comments/${id}`, { data: { body: `  ${text}\r\n` }, headers: SAME_ORIGIN });
    expect(edited.status(), await edited.text()).toBe(200);
    expect(((await edited.json()) as { comment: { body: string } }).comment.body).toBe(text);
    expect((await rowById(id))?.body).toBe(text);

    // Only a published comment can be answered: the reply would otherwise appear with no visible parent.
    const early = await signedIn.post(`/api/comments/${id}/replies`, { data: { body: `Too early (${unique('api-reply')}).` }, headers: SAME_ORIGIN });
    await expectError(early, 400, 'invalid_input');
    const approved = await signedIn.patch(`/api/comments/${id}`, { data: { status: 'approved' }, headers: SAME_ORIGIN });
    expect(approved.status(), await approved.text()).toBe(200);

    const reply = await signedIn.post(`/api/comments/${id}/replies`, { data: { body: `Editors' answer (${unique('api-reply')}).` }, headers: SAME_ORIGIN });
    expect(reply.status(), await reply.text()).toBe(201);
    const { comment } = (await reply.json()) as { comment: { id: string; parentId: string; status: string; editorReply: boolean; name: string } };
    expect(comment).toMatchObject({ parentId: id, status: 'approved', editorReply: true, name: editor.name });

    const removed = await signedIn.delete(`/api/comments/${comment.id}`, { headers: SAME_ORIGIN });
    expect(removed.status(), await removed.text()).toBe(200);
    expect(await rowById(comment.id)).toBeUndefined();
    expect((await auditFor(comment.id)).map((e) => e.action)).toEqual(['reply', 'delete']);
  });
});
