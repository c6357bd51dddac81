/**
 * Operations (docs/operations.md): the structured JSON log and the health endpoint, on servers this
 * spec starts itself from the same build (`node server.mjs`, as `npm start` does) so that it can read
 * their stdout: every line is JSON, requests carry an id, method, path without query string or
 * secrets, status and duration, and no password, email, token or address is ever written.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { freePort, type Site, startSite } from '../lib/testing/server';
import { articleWithMarker, DRAFT_MARKER } from './support/content';
import { SEED_SLUG } from './support/pages';

const draft = articleWithMarker(DRAFT_MARKER);

/** The production server from this build with its own data folder (lib/testing/server.ts). */
async function startServer(extraEnv: Record<string, string> = {}, { healthStatus = 200 } = {}): Promise<Site> {
  const port = await freePort();
  return startSite({ port, env: { SITE_URL: `http://127.0.0.1:${port}`, TRUST_PROXY: '1', ...extraEnv }, healthStatus });
}

interface LogLine {
  time: string;
  level: string;
  msg: string;
  requestId?: string;
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  [key: string]: unknown;
}

/** Every stdout line, parsed: a line that is not JSON fails the test. */
function parseLog(stdout: string): LogLine[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      let parsed: LogLine;
      try {
        parsed = JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
      expect(Date.parse(parsed.time), `time of ${line}`).not.toBeNaN();
      expect(['info', 'warn', 'error'], `level of ${line}`).toContain(parsed.level);
      expect(typeof parsed.msg, `msg of ${line}`).toBe('string');
      return parsed;
    });
}

const EDITOR = { email: 'ops-editor@editors.example', name: 'Ops Editor', password: `Ops pass ${Math.random().toString(36).slice(2)} long` };
const READER_EMAIL = 'ops-reader@readers.example';
const CLIENT_IP = '203.0.113.77';

test.describe.configure({ mode: 'serial' });

test('the server writes one JSON line per request with id, method, path, status and duration, and never a password, email, token or address', async ({ playwright }) => {
  test.setTimeout(120_000);
  const server = await startServer();
  const headers = { 'x-forwarded-for': CLIENT_IP, origin: server.url };
  const api: APIRequestContext = await playwright.request.newContext({ baseURL: server.url, extraHTTPHeaders: headers });
  const secrets: string[] = [EDITOR.password, EDITOR.email, READER_EMAIL, CLIENT_IP];
  try {
    // First editor, with the one-time link the server logged at start-up.
    const setupLine = await expect
      .poll(() => parseLog(server.stdout()).find((l) => typeof l.setupLink === 'string'), { timeout: 15_000 })
      .toBeTruthy()
      .then(() => parseLog(server.stdout()).find((l) => typeof l.setupLink === 'string')!);
    const setupToken = new URL(setupLine.setupLink as string).searchParams.get('token')!;
    expect((await api.post('/api/editor/setup', { data: { token: setupToken, ...EDITOR } })).status()).toBe(201);

    // Sign in with the password, as the login form does.
    const csrf = await api.get('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    secrets.push(csrfToken);
    const signIn = await api.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: EDITOR.email, password: EDITOR.password, callbackUrl: `${server.url}/editor`, json: 'true' },
      maxRedirects: 0,
    });
    expect(signIn.status()).toBe(200);
    const session = (await api.storageState()).cookies.find((c) => c.name === 'next-auth.session-token');
    expect(session, 'signed in').toBeTruthy();
    secrets.push(session!.value);

    // A review link, and a reviewer opening it.
    const link = await api.post('/api/draft/review-link', { data: { slug: draft.slug } });
    expect(link.status()).toBe(201);
    const reviewUrl = new URL(((await link.json()) as { url: string }).url);
    const reviewToken = reviewUrl.pathname.split('/').pop()!;
    secrets.push(reviewToken);
    const reviewer = await playwright.request.newContext({ baseURL: server.url });
    expect((await reviewer.get(reviewUrl.pathname)).status()).toBe(200);
    await reviewer.dispose();

    // A reader's comment, a query string carrying an email, a request id from a proxy, a 404, a refusal, health.
    const { token: formToken } = (await (await api.get('/api/comments/token')).json()) as { token: string };
    secrets.push(formToken);
    const comment = await api.post('/api/comments', {
      data: { article: SEED_SLUG, name: 'Ops Reader', email: READER_EMAIL, url: '', body: 'A comment from the operations spec.', token: formToken, address: '' },
    });
    expect(comment.status()).toBeLessThan(500);
    await api.get(`/api/comments?article=${SEED_SLUG}&email=${encodeURIComponent(READER_EMAIL)}&token=${reviewToken}`);
    const traced = await api.get('/', { headers: { 'x-request-id': 'proxy-trace-0001' } });
    expect(traced.headers()['x-request-id'], 'a sane incoming id is kept and echoed').toBe('proxy-trace-0001');
    const insane = await api.get('/', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(insane.headers()['x-request-id'], 'anything else is replaced').toMatch(/^[0-9a-f-]{36}$/);
    const missing = await api.get('/no-such-page');
    expect(missing.status()).toBe(404);
    const refused = await api.post('/api/comments', { headers: { 'content-type': 'application/json' }, data: '{"broken": ' });
    expect(refused.status()).toBe(400);
    const health = await api.get('/api/health');
    expect(health.status()).toBe(200);
    const missingId = missing.headers()['x-request-id']!;
    const healthId = health.headers()['x-request-id']!;
    await api.dispose();
    await server.stop();

    const stdout = server.stdout();
    const lines = parseLog(stdout);
    const requests = lines.filter((l) => l.msg === 'request');
    for (const line of requests) {
      expect(line.requestId, JSON.stringify(line)).toMatch(/^[A-Za-z0-9._:-]{8,128}$/);
      expect(line.method, JSON.stringify(line)).toMatch(/^[A-Z]+$/);
      expect(line.path, JSON.stringify(line)).toMatch(/^\/[^?#]*$/);
      expect(Number.isInteger(line.status), JSON.stringify(line)).toBe(true);
      expect(line.durationMs, JSON.stringify(line)).toBeGreaterThanOrEqual(0);
    }
    const find = (method: string, p: string) => requests.filter((l) => l.method === method && l.path === p);
    expect(find('POST', '/api/editor/setup')[0]?.status).toBe(201);
    expect(find('POST', '/api/auth/callback/credentials')[0]?.status).toBe(200);
    expect(find('POST', '/api/draft/review-link')[0]?.status).toBe(201);
    expect(find('GET', '/review/[token]')[0]?.status, 'the review link is logged with its token named, not shown').toBe(200);
    expect(find('GET', '/api/comments').length, 'the query string is not logged').toBeGreaterThan(0);
    expect(requests.find((l) => l.requestId === 'proxy-trace-0001')?.path).toBe('/');
    expect(requests.find((l) => l.requestId === missingId)).toMatchObject({ path: '/no-such-page', status: 404, level: 'warn' });
    expect(requests.find((l) => l.requestId === healthId)).toMatchObject({ path: '/api/health', status: 200, level: 'info' });
    expect(find('POST', '/api/comments').map((l) => l.status)).toContain(400);
    expect(lines.at(-1)?.msg, 'the last line is the graceful stop').toMatch(/^stopping/);

    // Nothing secret, anywhere: the setup token appears only in its own line, for the operator.
    const everything = `${stdout}\n${server.stderr()}`;
    for (const secret of secrets) expect(everything.includes(secret), `the log contains ${secret.slice(0, 12)}…`).toBe(false);
    expect(everything.split(setupToken).length - 1, 'the setup token is only in the setup line').toBe(1);
    expect(everything).not.toMatch(/[A-Za-z0-9._%+-]+@(editors|readers)\.example/);
  } finally {
    await server.stop();
  }
});

test('GET /api/health answers 200 with the store checked, never cached', async ({ playwright }) => {
  const server = await startServer();
  try {
    const api = await playwright.request.newContext({ baseURL: server.url });
    const response = await api.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
    expect(response.headers()['cache-control']).toBe('no-store');
    expect((await api.head('/api/health')).status()).toBe(200);
    await api.dispose();
  } finally {
    await server.stop();
  }
});

test('GET /api/health answers 503 with Retry-After when the store cannot be reached, and the site still serves pages', async ({ playwright }) => {
  const server = await startServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable' }, { healthStatus: 503 });
  try {
    const api = await playwright.request.newContext({ baseURL: server.url });
    const response = await api.get('/api/health');
    expect(response.status()).toBe(503);
    expect(response.headers()['retry-after']).toBe('5');
    expect(response.headers()['cache-control']).toBe('no-store');
    const body = (await response.json()) as { status: string; error: { code: string } };
    expect(body).toMatchObject({ status: 'unavailable', error: { code: 'unavailable' } });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|postgres|ECONNREFUSED/);
    expect((await api.get('/about')).status(), 'static pages do not need the store').toBe(200);
    await api.dispose();
    await server.stop();
    const lines = parseLog(server.stdout());
    expect(lines.some((l) => l.msg.startsWith('health check') && l.level === 'warn')).toBe(true);
  } finally {
    await server.stop();
  }
});
