/**
 * Property-based fuzzing of the editors' APIs — PATCH/DELETE /api/comments/<id>, POST
 * /api/comments/<id>/replies, GET /api/comments?status=, /api/draft*, POST /api/editor/setup,
 * GET /api/comments/token — and of next-auth's credentials callback, against the production server.
 *
 * Signed out, nothing may change and every editor-only answer is a 401 (or 403 for another site).
 * Signed in with this site's Origin, every change the API acknowledges is exactly the change in
 * the store (opened read-only), and every refusal leaves the store as it was. Never a 5xx, never a
 * stack trace, path or SQL. Fixed seed (FUZZ_SEED replays another); each test prints its tally.
 */
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { approve, closeStore, newReader, postPending, readerIp } from './support/comments';
import { articleWithMarker, DRAFT_MARKER, SCHEDULED_MARKER } from './support/content';
import { closeEditorsDatabase, createEditor, EVIL_ORIGIN, SESSION_COOKIE, signInAs, type EditorAccount } from './support/editors';
import { applyMutations, encodeBody, encoding, extraHeaders, mutation, nastyString, oddContentType, type Entries, type Mutation } from './support/fuzz-arbitraries';
import { commentsById, expectErrorShape, expectNoLeak, fuzzSeed, openReadOnly, rawRequest, type RawResponse, type StoredComment, Tally } from './support/hostile';
import { BASE_URL } from './support/page-helpers';

/** Targets live under an article no other spec moderates. */
const ARTICLE = 'kazakhstan-uranium-explained';
const DRAFT_SLUG = articleWithMarker(DRAFT_MARKER).slug;
const SCHEDULED_SLUG = articleWithMarker(SCHEDULED_MARKER).slug;
const SEED = fuzzSeed(20261129);
const RUNS = Number(process.env.FUZZ_EDITOR_RUNS ?? 500);
const STATUSES = ['pending', 'approved', 'spam', 'trash'];
/** Headers that make Next answer an RSC request itself (307), which editors-4-api.spec.ts covers. */
const RSC_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];

let db: Database.Database;
let editor: EditorAccount;
let signedIn: APIRequestContext;
let sessionCookie = '';
const targets: string[] = [];

test.beforeAll(async ({ playwright, request }, testInfo) => {
  test.setTimeout(120_000);
  editor = await createEditor('Fuzz Editor');
  signedIn = await playwright.request.newContext({ baseURL: BASE_URL });
  await signInAs(signedIn, editor);
  const cookie = (await signedIn.storageState()).cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'the editor has a session cookie').toBeTruthy();
  sessionCookie = `${SESSION_COOKIE}=${cookie!.value}`;
  for (let i = 0; i < 24; i++) {
    const id = await postPending(request, { article: ARTICLE, reader: newReader(`Fuzz Target ${i}`), body: `Editor fuzz target number ${i}.`, ip: readerIp(testInfo, i) });
    if (i % 2 === 0) await approve(id);
    targets.push(id);
  }
  db = openReadOnly();
});
test.afterAll(async () => {
  db?.close();
  await signedIn?.dispose();
  await closeStore();
  await closeEditorsDatabase();
});

type Kind = 'patch' | 'delete' | 'reply' | 'review' | 'draft' | 'disable' | 'queue' | 'setup' | 'token';

const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 200 }), nastyString);
/** A target: one of the pool, or an id that is not one (never empty, "." or "..", which would change the route). */
const target = fc.oneof(
  { weight: 4, arbitrary: fc.nat(23).map((i) => ({ pool: i })) },
  { weight: 1, arbitrary: nastyString.filter((s) => s !== '' && s !== '.' && s !== '..' && s !== 'token').map((raw) => ({ raw })) },
);

const base: Record<Kind, fc.Arbitrary<Entries>> = {
  patch: fc.oneof(fc.constantFrom(...STATUSES).map((s): Entries => [['status', s]]), text.map((b): Entries => [['body', `Edited by the fuzzer: ${b}`]])),
  reply: text.map((b): Entries => [['body', `The desk answers: ${b}`]]),
  review: fc.constantFrom(DRAFT_SLUG, SCHEDULED_SLUG, ARTICLE, 'no-such-draft').map((slug): Entries => [['slug', slug]]),
  setup: fc.record({ token: fc.string({ maxLength: 40 }), email: fc.emailAddress(), name: text, password: fc.string({ minLength: 12, maxLength: 40 }) }).map((r): Entries => Object.entries(r)),
  delete: fc.constant([]),
  draft: fc.constant([]),
  disable: fc.constant([]),
  queue: fc.constant([]),
  token: fc.constant([]),
};

const editorCase = fc
  .constantFrom<Kind>('patch', 'patch', 'patch', 'patch', 'delete', 'reply', 'reply', 'review', 'draft', 'disable', 'queue', 'setup', 'token')
  .chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      target,
      entries: base[kind],
      mutations: fc.oneof({ weight: 2, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutation(['status', 'body', 'slug', 'token', 'email']), { minLength: 1, maxLength: 2 }) }),
      encoding: fc.oneof({ weight: 4, arbitrary: fc.constant('json' as const) }, { weight: 1, arbitrary: encoding }),
      oddType: oddContentType,
      origin: fc.oneof({ weight: 8, arbitrary: fc.constant(BASE_URL) }, { weight: 1, arbitrary: fc.constantFrom(EVIL_ORIGIN, 'null', `${BASE_URL}.evil.example`, BASE_URL.replace('http:', 'https:')) }, { weight: 1, arbitrary: fc.constant(undefined) }),
      query: fc.oneof(fc.constantFrom(DRAFT_SLUG, SCHEDULED_SLUG, ARTICLE, 'pending', 'approved', 'spam', '/\\evil.example', '//evil.example', '/editor', 'https://evil.example/'), nastyString),
      paging: fc.record({ limit: fc.oneof(fc.nat(500).map(String), nastyString), offset: fc.oneof(fc.nat(2_000_000_000).map(String), nastyString) }),
      headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders(['cookie', 'origin', 'x-middleware-prefetch', ...RSC_HEADERS]) }),
    }),
  );
type EditorCase = typeof editorCase extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  method: string;
  path: string;
  id?: string;
  body?: Buffer;
  contentType?: string;
}

/** Percent-encodes any string; a lone surrogate (which encodeURIComponent refuses) goes as its UTF-8 replacement bytes. */
function percent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

async function build(c: EditorCase): Promise<Built> {
  const id = 'pool' in c.target ? targets[c.target.pool]! : c.target.raw;
  const at = `/api/comments/${percent(id)}`;
  const q = percent(c.query);
  const encoded = async () => encodeBody(c.encoding, applyMutations(c.entries, c.mutations), c.oddType);
  switch (c.kind) {
    case 'patch':
      return { method: 'PATCH', path: at, id, ...(await encoded()) };
    case 'delete':
      return { method: 'DELETE', path: at, id };
    case 'reply':
      return { method: 'POST', path: `${at}/replies`, id, ...(await encoded()) };
    case 'review':
      return { method: 'POST', path: '/api/draft/review-link', ...(await encoded()) };
    case 'setup':
      return { method: 'POST', path: '/api/editor/setup', ...(await encoded()) };
    case 'draft':
      return { method: 'GET', path: `/api/draft?slug=${q}` };
    case 'disable':
      return { method: 'GET', path: `/api/draft/disable?to=${q}` };
    case 'queue':
      return { method: 'GET', path: `/api/comments?status=${q}&limit=${percent(c.paging.limit)}&offset=${percent(c.paging.offset)}` };
    case 'token':
      return { method: 'GET', path: '/api/comments/token' };
  }
}

/** Everything the editors' API could change, for comparing before and after. */
function snapshot() {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { comments: commentsById(db), audit: count('audit_log'), editors: count('editors'), setupTokens: JSON.stringify(db.prepare('SELECT * FROM setup_tokens ORDER BY token_hash').all()) };
}
type Snapshot = ReturnType<typeof snapshot>;

/** Ids added, removed and changed between two snapshots. */
function diff(before: Snapshot, after: Snapshot) {
  const added = [...after.comments.keys()].filter((id) => !before.comments.has(id));
  const removed = [...before.comments.keys()].filter((id) => !after.comments.has(id));
  const changed = [...after.comments.keys()].filter((id) => before.comments.has(id) && JSON.stringify(before.comments.get(id)) !== JSON.stringify(after.comments.get(id)));
  return { added, removed, changed, audit: after.audit - before.audit, editors: after.editors - before.editors, setupTokens: after.setupTokens !== before.setupTokens };
}

const NOTHING = { added: [], removed: [], changed: [], audit: 0, editors: 0, setupTokens: false };

/** The answers every request must give, signed in or not. */
function common(response: RawResponse, built: Built, c: EditorCase, what: string): void {
  assert.ok(response.status < 500, `${what}: never a 5xx, got ${response.status} ${response.text.slice(0, 300)}`);
  expectNoLeak(response.text, what);
  if (c.kind === 'disable') {
    assert.equal(response.status, 307, `${what}: leaving preview redirects`);
    assert.match(response.headers['location'] ?? '', /^\/(?![/\\])[\w\-/]*$/, `${what}: only to a path on this site`);
  } else if (c.kind === 'token') {
    assert.equal(response.status, 200, what);
    assert.match((JSON.parse(response.text) as { token: string }).token, /^v1\./, what);
  } else if (response.status >= 400) {
    expectErrorShape(response, what);
  }
  void built;
}

async function send(c: EditorCase, cookie: string | null) {
  const built = await build(c);
  const headers: Record<string, string> = { ...c.headers, 'x-forwarded-for': '198.51.100.7' };
  if (cookie) headers.cookie = cookie;
  if (c.origin !== undefined) headers.origin = c.origin;
  if (built.contentType) headers['content-type'] = built.contentType;
  const what = `${built.method} ${built.path.slice(0, 120)} (${c.encoding}${built.contentType ? `, ${built.contentType}` : ''}, Origin ${c.origin ?? 'none'})`;
  const before = snapshot();
  const response = await rawRequest({ method: built.method, path: built.path, headers, body: built.body });
  return { built, response, what, before, after: snapshot() };
}

test('signed out, the editors’ APIs refuse every random and mutated request (401/403) and nothing changes', async () => {
  test.setTimeout(180_000);
  const tally = new Tally();
  const start = snapshot();
  await fc.assert(
    fc.asyncProperty(editorCase, async (c) => {
      const { built, response, what, before, after } = await send(c, null);
      tally.add(`${c.kind}:${response.status}`);
      common(response, built, c, what);
      assert.deepEqual(diff(before, after), NOTHING, `${what}: answered ${response.status}, nothing changes`);
      if (['patch', 'delete', 'reply', 'review', 'draft', 'queue'].includes(c.kind)) {
        assert.equal(response.status, 401, `${what}: editors only`);
      } else if (c.kind === 'setup') {
        assert.ok([400, 403, 413, 415].includes(response.status), `${what}: the setup link is refused, got ${response.status}`);
      }
      const granted = (response.headers['set-cookie'] ?? []).filter((v) => /^(?:next-auth\.session-token|__prerender_bypass)=[^;]/.test(v));
      assert.deepEqual(granted, [], `${what}: no session and no preview for a stranger`);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.log(`[fuzz] editors' APIs signed out, seed=${SEED} runs=${tally.total}: ${tally}`);
  expect(diff(start, snapshot()), 'the store is exactly as it was').toEqual(NOTHING);
  expect(tally.total).toBe(RUNS);
});

test('signed in with this site’s Origin, every acknowledged change is exactly the change in the store, and every refusal changes nothing', async () => {
  test.setTimeout(180_000);
  const tally = new Tally();
  let changes = 0;
  await fc.assert(
    fc.asyncProperty(editorCase, async (c) => {
      const { built, response, what, before, after } = await send(c, sessionCookie);
      tally.add(`${c.kind}:${response.status}`);
      common(response, built, c, what);
      const d = diff(before, after);
      const sameOrigin = c.origin === BASE_URL;
      const changing = ['patch', 'delete', 'reply', 'review', 'setup'].includes(c.kind);
      if (changing && !sameOrigin) assert.equal(response.status, 403, `${what}: another site's request is refused`);
      if (response.status >= 300 || !changing) {
        assert.deepEqual(d, NOTHING, `${what}: answered ${response.status}, nothing changes`);
        return;
      }
      const json = JSON.parse(response.text) as { comment?: { id: string; status: string; body: string; parentId: string | null; editorReply: boolean } };
      const row = (id: string): StoredComment => after.comments.get(id)!;
      if (c.kind === 'patch') {
        assert.equal(response.status, 200, what);
        assert.equal(json.comment!.id, built.id, what);
        assert.deepEqual({ ...d, changed: [] }, { ...NOTHING, audit: 1 }, `${what}: one audited change`);
        assert.ok(d.changed.length <= 1 && (d.changed.length === 0 || d.changed[0] === built.id), `${what}: only the target changed: ${d.changed.join(',')}`);
        assert.equal(row(built.id!).status, json.comment!.status, `${what}: the stored status is the one answered`);
        assert.equal(row(built.id!).body, json.comment!.body, `${what}: the stored text is the one answered`);
      } else if (c.kind === 'delete') {
        assert.equal(response.status, 200, what);
        assert.deepEqual(d, { ...NOTHING, removed: [built.id], audit: 1 }, `${what}: exactly the target is gone`);
      } else if (c.kind === 'reply') {
        assert.equal(response.status, 201, what);
        assert.deepEqual(d, { ...NOTHING, added: [json.comment!.id], audit: 1 }, `${what}: exactly the acknowledged reply is stored`);
        const reply = row(json.comment!.id);
        assert.deepEqual({ status: reply.status, is_editor: reply.is_editor, article: reply.article, body: reply.body }, { status: 'approved', is_editor: 1, article: ARTICLE, body: json.comment!.body }, what);
      } else if (c.kind === 'review') {
        assert.equal(response.status, 201, what);
        assert.ok((JSON.parse(response.text) as { url: string }).url.startsWith(`${BASE_URL}/review/`), what);
        assert.deepEqual(d, NOTHING, what);
      } else {
        assert.fail(`${what}: the setup link cannot be guessed, yet it answered ${response.status}`);
      }
      changes += 1;
    }),
    { seed: SEED + 1, numRuns: RUNS, endOnFailure: true },
  );
  console.log(`[fuzz] editors' APIs signed in, seed=${SEED + 1} runs=${tally.total}: ${tally} — ${changes} acknowledged changes, each found in the store`);
  expect(tally.total).toBe(RUNS);
  expect(changes, 'the fuzzer made real changes too, not only refusals').toBeGreaterThanOrEqual(Math.min(20, Math.ceil(RUNS * 0.05)));
});

test('the credentials callback never signs anyone in with random or mutated credentials, and never redirects off the site', async ({ request }) => {
  test.setTimeout(180_000);
  const runs = Number(process.env.FUZZ_SIGNIN_RUNS ?? 100);
  const tally = new Tally();
  const csrf = await request.get('/api/auth/csrf', { headers: { 'x-forwarded-for': '198.51.100.200' } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (await request.storageState()).cookies.filter((c) => c.name.startsWith('next-auth.')).map((c) => `${c.name}=${c.value}`).join('; ');
  const editorsBefore = snapshot().editors;
  let n = 0;
  const signInCase = fc.record({
    entries: fc.record({
      csrfToken: fc.oneof({ weight: 3, arbitrary: fc.constant(csrfToken) }, { weight: 1, arbitrary: nastyString }),
      email: fc.oneof(fc.constant(editor.email), fc.constant(editor.email.toUpperCase()), fc.emailAddress(), nastyString),
      password: fc.oneof(fc.string({ maxLength: 40 }), nastyString, fc.constant(`${editor.password} `), fc.constant(editor.password.slice(1))),
      callbackUrl: fc.constantFrom(`${BASE_URL}/editor`, 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/editor'),
      json: fc.constantFrom('true', 'false', ''),
    }).map((r): Entries => Object.entries(r)),
    mutations: fc.oneof(fc.constant<Mutation[]>([]), fc.array(mutation(['csrfToken', 'email', 'password', 'callbackUrl', 'json']), { minLength: 1, maxLength: 2 })),
    encoding: fc.oneof({ weight: 4, arbitrary: fc.constant('form' as const) }, { weight: 1, arbitrary: encoding }),
    oddType: oddContentType,
    withCookie: fc.boolean(),
  });
  await fc.assert(
    fc.asyncProperty(signInCase, async (c) => {
      n += 1;
      const { body, contentType } = await encodeBody(c.encoding, applyMutations(c.entries, c.mutations), c.oddType);
      const headers: Record<string, string> = { origin: BASE_URL, 'x-forwarded-for': `198.51.100.${n % 250}` };
      if (contentType) headers['content-type'] = contentType;
      if (c.withCookie) headers.cookie = csrfCookie;
      const what = `#${n} sign-in (${c.encoding}${contentType ? `, ${contentType}` : ''})`;
      const response = await rawRequest({ method: 'POST', path: '/api/auth/callback/credentials', headers, body });
      tally.add(response.status);
      assert.ok(response.status < 500, `${what}: never a 5xx, got ${response.status} ${response.text.slice(0, 300)}`);
      expectNoLeak(response.text, what);
      const cookies = response.headers['set-cookie'] ?? [];
      assert.ok(!cookies.some((v) => v.startsWith(`${SESSION_COOKIE}=`) && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(v)), `${what}: no session for wrong credentials`);
      let next = response.headers['location'];
      if (!next && response.headers['content-type']?.startsWith('application/json')) next = (JSON.parse(response.text) as { url?: string }).url;
      if (next) assert.equal(new URL(next, BASE_URL).origin, BASE_URL, `${what}: never sent off the site (${next})`);
    }),
    { seed: SEED + 2, numRuns: runs, endOnFailure: true },
  );
  console.log(`[fuzz] credentials callback, seed=${SEED + 2} runs=${tally.total}: ${tally}`);
  expect(snapshot().editors).toBe(editorsBefore);
  expect(tally.total).toBe(runs);
});
