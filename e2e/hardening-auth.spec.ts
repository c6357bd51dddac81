/**
 * Abuse of next-auth's own endpoints and of editor sessions (issue [holes] #2–#4), against the
 * production build: the client-logger endpoint takes nothing into the operator's log, a GET on the
 * credentials callback is a plain 405, and a session cookie copied before a sign-out, a removal
 * (`npm run editor -- remove`) or a password change is worth nothing afterwards — even when the
 * sign-out comes within the same second as the sign-in.
 *
 * The log checks run on a `node server.mjs` of this spec's own (same build), whose stdout it reads.
 */
import { execFileSync } from 'node:child_process';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { newReader, postPending, readerIp, rowById, unique } from './support/comments';
import { articleWithMarker, DRAFT_MARKER, ROOT } from './support/content';
import {
  attemptSignIn,
  closeEditorsDatabase,
  createEditor,
  PREVIEW_COOKIE,
  SAME_ORIGIN,
  SESSION_COOKIE,
  signInAs,
  signOut,
  type EditorAccount,
} from './support/editors';
import { expectErrorShape, rawRequest } from './support/hostile';
import { BASE_URL } from './support/page-helpers';
import { type Site, startSite } from '../lib/testing/server';

const ARTICLE = 'kazakhstan-uranium-explained';
const draft = articleWithMarker(DRAFT_MARKER);

test.afterAll(closeEditorsDatabase);

/** The JSON lines a server wrote, parsed (lines that are not JSON are kept as text, at level "text"). */
function logLines(output: string): { level: string; msg: string; line: string }[] {
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        const parsed = JSON.parse(line) as { level?: string; msg?: string };
        return { level: parsed.level ?? '', msg: parsed.msg ?? '', line };
      } catch {
        return { level: 'text', msg: line, line };
      }
    });
}

test.describe('next-auth endpoints the site does not use', () => {
  let server: Site;
  let base = '';
  test.beforeAll(async () => {
    server = await startSite({ env: { TRUST_PROXY: '0' } });
    base = `http://127.0.0.1:${server.port}`;
  });
  test.afterAll(async () => server?.stop());

  test('POST /api/auth/_log is a 404 in the error shape, and nothing a client sends there reaches the server log', async () => {
    const marker = `forged-log-${unique('line')}`;
    const sent = [
      { 'content-type': 'application/json', body: JSON.stringify({ code: marker, level: 'error', message: `${marker} payment failed, call +1 555 0100` }) },
      { 'content-type': 'application/x-www-form-urlencoded', body: new URLSearchParams({ code: marker, level: 'warn', message: marker }).toString() },
      { 'content-type': 'application/json', body: JSON.stringify({ code: marker, level: 'constructor', message: marker }) },
    ];
    const before = server.log().length;
    for (const { body, ...headers } of sent) {
      const response = await rawRequest({ base, method: 'POST', path: '/api/auth/_log', headers: { ...headers, origin: base }, body: Buffer.from(body) });
      expect(response.status, `${headers['content-type']}: ${response.text}`).toBe(404);
      expect(expectErrorShape(response, 'POST /api/auth/_log').code).toBe('not_found');
    }
    const get = await rawRequest({ base, method: 'GET', path: `/api/auth/_log?code=${marker}&level=error` });
    expect(get.status, get.text).toBe(404);

    // The request lines are written when each answer ends: give the last one a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const written = server.log().slice(before);
    expect(written.includes(marker), `the client's text is not in the log:\n${written}`).toBe(false);
    const lines = logLines(written);
    expect(lines.filter((l) => l.msg.startsWith('next-auth')).map((l) => l.line), 'no next-auth line').toEqual([]);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.line), 'no error-level line').toEqual([]);
  });

  test('GET (and HEAD) on the credentials callback is a 405 with Allow: POST, and logs no error-level line', async () => {
    const before = server.log().length;
    for (const [method, path] of [
      ['GET', '/api/auth/callback/credentials'],
      ['GET', '/api/auth/callback/credentials?email=a%40b.example&password=x'],
      ['HEAD', '/api/auth/callback/credentials'],
    ] as const) {
      const response = await rawRequest({ base, method, path });
      expect(response.status, `${method} ${path}: ${response.text}`).toBe(405);
      expect(response.headers['allow'], `${method} ${path}: Allow`).toBe('POST');
      if (method === 'GET') expect(expectErrorShape(response, `${method} ${path}`).code).toBe('method_not_allowed');
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lines = logLines(server.log().slice(before));
    expect(lines.filter((l) => l.level === 'error').map((l) => l.line), 'no error-level line').toEqual([]);
    expect(lines.filter((l) => l.msg.startsWith('next-auth')).map((l) => l.line), 'no next-auth line').toEqual([]);
  });
});

test.describe('a copied session cookie after the session ends', () => {
  /** A pending comment the dead cookie tries to change. */
  let targetId = '';
  test.beforeAll(async ({ request }, testInfo) => {
    targetId = await postPending(request, { article: ARTICLE, reader: newReader('Auth Target'), body: `A comment a stolen cookie aims at (${unique('auth')}).`, ip: readerIp(testInfo) });
  });

  /** Signs a fresh context in and returns it with a copy of its session cookie and draft-mode cookie. */
  async function signedInCopy(playwright: { request: { newContext: (o: { baseURL: string }) => Promise<APIRequestContext> } }, account: EditorAccount) {
    const context = await playwright.request.newContext({ baseURL: BASE_URL });
    const startedAt = Date.now();
    await signInAs(context, account);
    // Draft mode on, as the desk's Preview link does: the copy carries that cookie too.
    expect((await context.get(`/api/draft?slug=${draft.slug}`, { maxRedirects: 0 })).status(), 'preview starts').toBe(307);
    const cookies = (await context.storageState()).cookies;
    const session = cookies.find((c) => c.name === SESSION_COOKIE);
    const preview = cookies.find((c) => c.name === PREVIEW_COOKIE);
    expect(session && preview, 'signed in, in draft mode').toBeTruthy();
    return { context, startedAt, cookie: `${SESSION_COOKIE}=${session!.value}; ${PREVIEW_COOKIE}=${preview!.value}` };
  }

  /** Every editor route, with the copied cookie: 401 on the APIs, no desk, no draft, no card, no user, no renewed cookie. */
  async function expectDeadEverywhere(request: APIRequestContext, cookie: string, why: string): Promise<void> {
    const before = await rowById(targetId);
    const apis: [string, string, unknown?][] = [
      ['GET', '/api/comments?status=pending'],
      ['PATCH', `/api/comments/${targetId}`, { status: 'approved' }],
      ['DELETE', `/api/comments/${targetId}`],
      ['POST', `/api/comments/${targetId}/replies`, { body: 'A reply from a stolen cookie.' }],
      ['POST', '/api/draft/review-link', { slug: draft.slug }],
      ['GET', `/api/draft?slug=${draft.slug}`],
    ];
    for (const [method, path, data] of apis) {
      const response = await request.fetch(path, { method, data, headers: { ...SAME_ORIGIN, cookie }, maxRedirects: 0 });
      const text = await response.text();
      expect(response.status(), `${why}: ${method} ${path}: ${text}`).toBe(401);
      expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect(await rowById(targetId), `${why}: the comment is unchanged`).toEqual(before);

    const desk = await request.get('/editor', { headers: { cookie }, maxRedirects: 0 });
    expect(new URL(desk.headers()['location'] ?? '/', BASE_URL).pathname, `${why}: /editor sends to sign-in (${desk.status()})`).toBe('/editor/login');
    expect((await request.get(`/articles/${draft.slug}`, { headers: { cookie } })).status(), `${why}: the draft stays hidden`).toBe(404);
    expect((await request.get(`/og/preview/${draft.slug}`, { headers: { cookie } })).status(), `${why}: the draft's card stays hidden`).toBe(404);

    const session = await request.get('/api/auth/session', { headers: { cookie } });
    expect(session.status()).toBe(200);
    expect(await session.json(), `${why}: /api/auth/session names no one`).toEqual({});
    // next-auth may delete the dead cookie (an empty value, Max-Age=0); it must never hand out a renewed one.
    const renewed = session
      .headersArray()
      .filter((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith(`${SESSION_COOKIE}=`))
      .filter((h) => !/^[^=]+=;/.test(h.value) || !/max-age=0/i.test(h.value));
    expect(renewed.map((h) => h.value.slice(0, 60)), `${why}: no renewed session cookie`).toEqual([]);
  }

  test('signing out in the same second as signing in voids the copied cookie at once, on every editor route and on /api/auth/session', async ({ playwright, request }) => {
    const editor = await createEditor('Same Second Editor');
    // Sign in and out until both fall within one wall-clock second (each takes a fraction of one).
    let copy: Awaited<ReturnType<typeof signedInCopy>> | undefined;
    for (let attempt = 0; attempt < 10 && !copy; attempt++) {
      const candidate = await signedInCopy(playwright, editor);
      expect((await candidate.context.get('/api/comments?status=pending')).status(), 'the session works before sign-out').toBe(200);
      await signOut(candidate.context);
      if (Math.floor(candidate.startedAt / 1000) === Math.floor(Date.now() / 1000)) copy = candidate;
      else await candidate.context.dispose();
    }
    expect(copy, 'a sign-in and sign-out within one second').toBeDefined();
    await expectDeadEverywhere(request, copy!.cookie, 'after sign-out');
    await copy!.context.dispose();

    // A new sign-in right after works: only the sessions before the sign-out ended.
    const again = await playwright.request.newContext({ baseURL: BASE_URL });
    await signInAs(again, editor);
    expect((await again.get('/api/comments?status=pending')).status(), 'a new sign-in works at once').toBe(200);
    await again.dispose();
  });

  test('after `npm run editor -- remove`, the removed editor’s copied cookie is worth nothing anywhere', async ({ playwright, request }) => {
    const editor = await createEditor('Removed Editor');
    const copy = await signedInCopy(playwright, editor);
    execFileSync('npm', ['run', '--silent', 'editor', '--', 'remove', '--email', editor.email], { cwd: ROOT, env: process.env, stdio: 'pipe' });
    await expectDeadEverywhere(request, copy.cookie, 'after removal');
    await copy.context.dispose();
  });

  test('after a password change, a cookie from before is worth nothing anywhere, and the new password signs in', async ({ playwright, request }) => {
    const editor = await createEditor('Password Editor');
    const copy = await signedInCopy(playwright, editor);
    const password = `New pass ${unique('pw')}`;
    execFileSync('npm', ['run', '--silent', 'editor', '--', 'reset-password', '--email', editor.email], { cwd: ROOT, env: process.env, input: `${password}\n`, stdio: 'pipe' });
    await expectDeadEverywhere(request, copy.cookie, 'after a password change');
    await copy.context.dispose();

    const old = await playwright.request.newContext({ baseURL: BASE_URL });
    expect((await attemptSignIn(old, editor)).error, 'the old password no longer signs in').toBe('CredentialsSignin');
    await old.dispose();
    const renewed = await playwright.request.newContext({ baseURL: BASE_URL });
    await signInAs(renewed, { ...editor, password });
    expect((await renewed.get('/api/comments?status=pending')).status(), 'the new password signs in').toBe(200);
    await renewed.dispose();
  });
});
