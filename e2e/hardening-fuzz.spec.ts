/**
 * Property-based fuzzing of POST /api/comments against the production server: thousands of valid,
 * mutated and random bodies in every content type, with odd headers and client addresses. Every
 * answer is a 2xx/3xx or a 4xx in the documented error shape — never a 5xx, never a stack trace,
 * path or SQL — and the SQLite file (opened read-only) gains a row exactly when, and only when, the
 * answer acknowledged one.
 *
 * The seed is fixed (FUZZ_SEED replays another; FUZZ_RUNS changes the number of requests); each
 * test prints its seed and a tally of answers.
 */
import assert from 'node:assert/strict';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { approve, closeStore, formToken, newReader, postPending, readerIp } from './support/comments';
import { applyMutations, encodeBody, encoding, extraHeaders, forwardedFor, mutation, oddContentType, type Entries, type Mutation } from './support/fuzz-arbitraries';
import { expectErrorShape, expectNoLeak, fuzzSeed, openReadOnly, rawRequest, type RawResponse, Tally } from './support/hostile';

/** An article no other spec comments on through this path. */
const ARTICLE = 'kyrgyzstan-tajikistan-border-treaty';
const OTHER_ARTICLES = ['no-such-article', 'why-eurasian-star-covers-central-asia', 'trans-caspian-gas-pipeline-revival', 'central-asia-spring-water-season', '', '../etc', ARTICLE.toUpperCase()];
const KEYS = ['article', 'parentId', 'name', 'email', 'url', 'body', 'token', 'address', 'remember'];
const SEED = fuzzSeed(20261128);
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

let db: Database.Database;
const tokens: string[] = [];
let parentId = '';

test.beforeAll(async ({ request }, testInfo) => {
  for (let i = 0; i < 3; i++) tokens.push(await formToken(request));
  parentId = await postPending(request, { article: ARTICLE, reader: newReader('Fuzz Parent'), body: 'A published comment the fuzzer replies to.', ip: readerIp(testInfo) });
  await approve(parentId);
  db = openReadOnly();
});
test.afterAll(async () => {
  db?.close();
  await closeStore();
});

const ascii = (min: number, max: number) => fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: max });
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), minLength: 6, maxLength: 12 });

/** A valid submission as ordered entries (the fuzzer then mutates it). */
const validEntries = fc
  .record({
    article: fc.oneof({ weight: 9, arbitrary: fc.constant(ARTICLE) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_ARTICLES) }),
    reply: fc.boolean(),
    name: fc.oneof(ascii(1, 30).map((s) => `Fuzz ${s}`), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => `Ф ${s}`)),
    email: hex.map((h) => `${h}@fuzz.example`),
    url: fc.option(hex.map((h) => `https://${h}.fuzz.example/p?q=${h}`), { nil: undefined }),
    body: fc.string({ unit: 'grapheme', maxLength: 300 }),
    token: fc.nat(2),
    honeypot: fc.oneof({ weight: 9, arbitrary: fc.constant('') }, { weight: 1, arbitrary: ascii(1, 20) }),
    remember: fc.option(fc.constantFrom('on', '1', ''), { nil: undefined }),
  })
  .map((r): { entries: Entries; nonce: string } => {
    const nonce = `${r.email.slice(0, 12)}`;
    const entries: Entries = [
      ['article', r.article],
      ['name', r.name],
      ['email', r.email],
      ['body', `Fuzzing comment ${nonce}. ${r.body}`],
      ['token', r.token],
      ['address', r.honeypot],
    ];
    if (r.reply) entries.push(['parentId', '$PARENT']);
    if (r.url) entries.push(['url', r.url]);
    if (r.remember !== undefined) entries.push(['remember', r.remember]);
    return { entries, nonce };
  });

const postCase = fc.record({
  valid: validEntries,
  mutations: fc.oneof({ weight: 3, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 4, arbitrary: fc.array(mutation(KEYS), { minLength: 1, maxLength: 3 }) }),
  encoding,
  oddType: oddContentType,
  chunked: fc.boolean(),
  ip: forwardedFor,
  userAgent: fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 400 }), { nil: undefined }),
  headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders(['user-agent']) }),
});

/** Fills in the placeholders the arbitraries cannot know: a real token and a real published parent. */
function resolve(entries: Entries): Entries {
  return entries.map(([k, v]) => [k, k === 'token' && typeof v === 'number' ? tokens[v] : k === 'parentId' && v === '$PARENT' ? parentId : v]);
}

interface Outcome {
  /** The answer acknowledged a stored comment. */
  stored: boolean;
  /** Its id, when the answer names it. */
  id?: string;
}

/** Classifies one answer to POST /api/comments, asserting everything an answer must be. */
function judgePost(response: RawResponse, sentRsc: boolean, what: string): Outcome {
  const { status } = response;
  assert.ok(status < 500, `${what}: never a 5xx, got ${status} ${response.text.slice(0, 300)}`);
  expectNoLeak(response.text, what);
  if (status === 201) {
    assert.match(response.headers['content-type'] ?? '', /^application\/json/, what);
    const json = JSON.parse(response.text) as { id: string; status: string };
    assert.deepEqual(Object.keys(json).sort(), ['id', 'status'], what);
    assert.match(json.id, /^[A-Za-z0-9_-]{8,32}$/, what);
    assert.ok(['pending', 'approved'].includes(json.status), what);
    return { stored: true, id: json.id };
  }
  if (status === 303) {
    const location = response.headers['location'] ?? '';
    const success = /^\/articles\/([a-z0-9-]+)#comment-(pending|[A-Za-z0-9_-]{8,32})$/.exec(location);
    if (success) return { stored: true, id: success[2] === 'pending' ? undefined : success[2] };
    assert.match(location, /^\/articles\/[a-z0-9-]+\/respond\?(?:f=[A-Za-z0-9_-]+|e=rate_limited)#respond$/, `${what}: a refused form goes back to the form`);
    return { stored: false };
  }
  if (status === 307) {
    // Next's own answer to an RSC request without its cache-busting query: nothing ran.
    assert.ok(sentRsc, `${what}: a 307 only for an RSC request`);
    return { stored: false };
  }
  assert.ok(status >= 400, `${what}: an unexpected answer ${status} ${response.text.slice(0, 200)}`);
  expectErrorShape(response, what);
  return { stored: false };
}

test('POST /api/comments: thousands of random and mutated bodies, headers and content types — no 5xx, one error shape, a row exactly per acknowledged comment', async () => {
  test.setTimeout(240_000);
  const tally = new Tally();
  const acknowledged = new Set<string>();
  let acknowledgedCount = 0;
  const maxRowid = () => (db.prepare('SELECT coalesce(max(rowid), 0) AS m FROM comments').get() as { m: number }).m;
  const startCount = (db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n;
  const startRowid = maxRowid();
  let lastRowid = startRowid;
  let n = 0;

  await fc.assert(
    fc.asyncProperty(postCase, async (c) => {
      n += 1;
      const mutated = applyMutations(resolve(c.valid.entries), c.mutations);
      const { body, contentType } = await encodeBody(c.encoding, mutated, c.oddType);
      const headers: Record<string, string> = { ...c.headers, 'x-forwarded-for': c.ip };
      if (contentType !== undefined) headers['content-type'] = contentType;
      if (c.userAgent !== undefined) headers['user-agent'] = c.userAgent;
      const sentRsc = Object.keys(c.headers).some((h) => h === 'rsc');
      const what = `#${n} ${c.encoding}${contentType ? ` (${contentType})` : ''}`;
      const response = await rawRequest({ method: 'POST', path: '/api/comments', headers, body, chunked: c.chunked && body !== undefined });
      tally.add(response.status);
      const outcome = judgePost(response, sentRsc, what);

      // The store changed exactly as the answer said.
      const added = db.prepare('SELECT rowid, id FROM comments WHERE rowid > ? ORDER BY rowid').all(lastRowid) as { rowid: number; id: string }[];
      assert.equal(added.length, outcome.stored ? 1 : 0, `${what}: answered ${response.status}, so ${outcome.stored ? 'one row' : 'no row'} is added`);
      if (outcome.stored) {
        if (outcome.id) assert.equal(added[0]!.id, outcome.id, `${what}: the stored row is the one named in the answer`);
        acknowledged.add(added[0]!.id);
        acknowledgedCount += 1;
        lastRowid = added[0]!.rowid;
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );

  const after = db.prepare('SELECT id FROM comments WHERE rowid > ?').all(startRowid) as { id: string }[];
  const total = (db.prepare('SELECT count(*) AS n FROM comments').get() as { n: number }).n;
  console.log(`[fuzz] POST /api/comments seed=${SEED} runs=${tally.total} answers: ${tally} — acknowledged ${acknowledgedCount}, rows added ${after.length}`);
  expect(tally.total).toBe(RUNS);
  expect(total - startCount, 'the store grew by exactly the acknowledged comments').toBe(acknowledgedCount);
  expect(new Set(after.map((r) => r.id)), 'and holds exactly their ids').toEqual(acknowledged);
  // A fuzz run that accepted nothing, or refused nothing, would prove little.
  expect(acknowledgedCount, 'a good share of the valid posts is accepted').toBeGreaterThan(RUNS * 0.15);
  expect(tally.total - acknowledgedCount, 'and most mutated ones are refused').toBeGreaterThan(RUNS * 0.3);
});
