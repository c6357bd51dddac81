/**
 * Several servers (docs/deployment.md), end to end on this machine: one build, two instances (A, B)
 * sharing a throw-away PostgreSQL database, a Redis key prefix (Next's cache, the flood and sign-in
 * counters) and the secret, with
 * nginx (deploy/nginx.conf) in front. Run with `npm run test:multi` (vitest, vitest.multi.config.mts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { type Cluster, startCluster } from './cluster';
import { CookieJar, newReader, postComment, request, signIn, signOut } from './http';

const BASE_PORT = Number(process.env.TEST_MULTI_PORT ?? 3720);
const RUN = randomBytes(3).toString('hex');
const SIGN_IN_THROTTLED = 'Too many attempts. Wait a while and try again.';

let cluster: Cluster;
/** A plain client on the cluster's Redis, to look at the counters the instances keep there. */
let redis: ReturnType<typeof createClient>;
const limitsPrefix = () => `${cluster.env.REDIS_PREFIX}limits:`;
/** A counter the instances keep in Redis, by its name under the limits prefix; null when absent. */
async function redisCount(key: string): Promise<number | null> {
  const value = await redis.get(`${limitsPrefix()}${key}`);
  return value === null ? null : Number(value);
}
/** The keyed hash the instances count an address under (this process shares their AUTH_SECRET). */
const readerIpHash = async (ip: string) => (await import('../lib/comments/ip')).hashIp(ip);
let article: string;
let editor: { email: string; password: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DRAFT_MARK = `zzmultidraft${RUN}`;
const DRAFT_FREE_MARK = `zzmultipublished${RUN}`;
/** Writes an article into the content folder both instances read. */
function writeStory(slug: string, overrides: Record<string, unknown>, body: string): void {
  const front = { summary: 'A story published while the cluster runs.', date: new Date(Date.now() - 120_000).toISOString(), author: 'staff', categories: ['eurasia'], tags: ['KZ'], status: 'published', ...overrides };
  const yaml = Object.entries(front).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join('\n');
  fs.writeFileSync(path.join(cluster.contentDir, 'articles', `${slug}.md`), `---\n${yaml}\n---\n\n${body}\n`);
}
/** `npm run publish` run on one server's machine: it tells that server, which tells the others through Redis. */
function publishOn(origin: string): { code: number | null; output: string } {
  const result = spawnSync('npx', ['tsx', 'scripts/publish.ts'], { cwd: ROOT, env: { ...process.env, ...cluster.env, SITE_ORIGIN: origin }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
/** Polls `check` until it holds or `ms` pass. */
async function eventually(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(500);
  }
  assert.fail(`${what}: not within ${ms / 1000} s`);
}
const readLog = (instance: { log: string }) => fs.readFileSync(instance.log, 'utf8');
const ROOT = path.resolve(import.meta.dirname, '..');

/** The link to an article's comments with their count, as the article lists show it (React may put <!-- --> between the parts). */
const countLink = (slug: string, count: string) => new RegExp(`href="/articles/${slug}#comments">${count}(?:<!-- -->)? (?:<!-- -->)?comments?<`);

async function page(base: string, path: string): Promise<string> {
  const answer = await request(`${base}${path}`);
  assert.equal(answer.status, 200, `GET ${base}${path}`);
  return answer.text;
}

/** Approves a comment through the editors' API of `base`, signed in there. */
async function approve(base: string, id: string): Promise<void> {
  const jar = new CookieJar();
  assert.equal(await signIn(base, jar, editor.email, editor.password), null, `sign-in at ${base}`);
  const answer = await request(`${base}/api/comments/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: cluster.edge, cookie: jar.header },
    body: JSON.stringify({ status: 'approved' }),
  });
  assert.equal(answer.status, 200, `PATCH ${base}/api/comments/${id}: ${answer.text}`);
}

beforeAll(
  async () => {
    cluster = await startCluster(BASE_PORT);
    // This process acts as an operator on the cluster's own database (editor accounts, earlier comments).
    Object.assign(process.env, cluster.env);
    const { listPublishedArticles } = await import('../lib/content');
    // The newest article open to comments: it is on the front page, whose comment counts are checked too.
    const open = listPublishedArticles().find((candidate) => candidate.commentsOpen);
    assert.ok(open, 'an article with open comments');
    article = open.slug;
    const { addEditor } = await import('../lib/auth/editors');
    editor = { email: `multi-${RUN}@editors.example`, password: `Pass ${randomBytes(12).toString('base64url')}` };
    await addEditor({ ...editor, name: `Multi ${RUN}` });
    redis = createClient({ url: cluster.env.REDIS_URL });
    await redis.connect();
  },
  300_000,
);

afterAll(async () => {
  redis?.destroy();
  const { closeDatabase } = await import('../lib/db');
  await closeDatabase();
  await cluster?.stop();
});

describe('two instances behind nginx', () => {
  test('a comment posted on A and approved on B is on both instances’ next page, and through nginx within its cache time', async () => {
    const path = `/articles/${article}`;
    // Every cache holds the pages before the change: both instances, and nginx (its second answer is a HIT).
    for (const base of [cluster.a.url, cluster.b.url, cluster.edge, cluster.edge]) await page(base, path);
    for (const base of [cluster.a.url, cluster.b.url]) assert.doesNotMatch(await page(base, '/'), countLink(article, '\\d+'), 'no comment count on the front page yet');
    assert.equal((await request(`${cluster.edge}${path}`)).headers.get('x-cache-status'), 'HIT', 'nginx serves the article from its cache');

    const body = `Shared state check ${RUN} one`;
    const posted = await postComment(cluster.a.url, article, newReader(RUN), body);
    assert.equal(posted.status, 201, posted.text);
    const { id, status } = JSON.parse(posted.text) as { id: string; status: string };
    assert.equal(status, 'pending');
    assert.ok(!(await page(cluster.a.url, path)).includes(body), 'a pending comment is not on the page');

    await approve(cluster.b.url, id);
    assert.ok((await page(cluster.a.url, path)).includes(body), 'A shows the comment approved on B on its next request');
    assert.ok((await page(cluster.b.url, path)).includes(body), 'B shows it on its next request');
    for (const base of [cluster.a.url, cluster.b.url]) assert.match(await page(base, '/'), countLink(article, '1'), `the front page on ${base} counts it`);
    const list = await request(`${cluster.a.url}/api/comments?article=${article}`);
    assert.ok(list.text.includes(body), 'the public list on A has it');

    // nginx keeps its copy up to edgeCacheSeconds, then asks an instance again.
    const deadline = Date.now() + (cluster.edgeCacheSeconds + 5) * 1000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      seen = (await page(cluster.edge, path)).includes(body);
      if (!seen) await sleep(500);
    }
    assert.ok(seen, `nginx shows the approved comment within ${cluster.edgeCacheSeconds} s (+5 s)`);
  });

  test('nginx stores only what the site marks shareable, and never answers an editor or a preview from its cache', async () => {
    const path = `/articles/${article}`;
    await request(`${cluster.edge}${path}`);
    assert.equal((await request(`${cluster.edge}${path}`)).headers.get('x-cache-status'), 'HIT', 'an article page is cached');
    for (const cookie of ['next-auth.session-token=anything', '__prerender_bypass=anything', 'a=1; __Secure-next-auth.session-token=x']) {
      const answer = await request(`${cluster.edge}${path}`, { headers: { cookie } });
      assert.equal(answer.headers.get('x-cache-status'), 'BYPASS', `a request with ${cookie} goes to the site`);
    }
    const tokens = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const answer = await request(`${cluster.edge}/api/comments/token`);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      assert.notEqual(answer.headers.get('x-cache-status'), 'HIT', 'a form token is never cached');
      tokens.add(answer.text);
    }
    assert.equal(tokens.size, 2, 'every reader gets a fresh form token');
    for (let i = 0; i < 2; i++) {
      const answer = await request(`${cluster.edge}/editor/login`);
      assert.match(answer.headers.get('cache-control') ?? '', /private/);
      assert.notEqual(answer.headers.get('x-cache-status'), 'HIT', 'a private page is never cached');
    }
    assert.equal((await request(`${cluster.edge}/api/internal/revalidate`, { method: 'POST', body: '{}' })).status, 404, 'the internal endpoint is not public');
  });

  test('the flood interval holds across both, counted in Redis: posting to A then at once to B is refused, as on one server', async () => {
    const reader = newReader(RUN);
    const first = await postComment(cluster.a.url, article, reader, `Flood check ${RUN} first`);
    assert.equal(first.status, 201, first.text);
    const ipHash = await readerIpHash(reader.ip);
    assert.equal(await redisCount(`flood-interval:${ipHash}`), 1, 'A counted the comment in Redis, under the keyed hash of the address');
    assert.equal(await redisCount(`flood-window:${ipHash}`), 1);
    const second = await postComment(cluster.b.url, article, reader, `Flood check ${RUN} second`);
    assert.equal(second.status, 429, second.text);
    const retryAfter = Number(second.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 15, `Retry-After ${retryAfter} is within the 15 s interval`);
    const third = await postComment(cluster.a.url, article, reader, `Flood check ${RUN} third`);
    assert.equal(third.status, 429, 'and back on A too');
    assert.equal(await redisCount(`flood-window:${ipHash}`), 1, 'refused comments count nothing');
    // Redis, not the stored comments, is what refused: with the address's counters gone, B takes a comment at once.
    await redis.del([`${limitsPrefix()}flood-interval:${ipHash}`, `${limitsPrefix()}flood-window:${ipHash}`]);
    const fourth = await postComment(cluster.b.url, article, reader, `Flood check ${RUN} fourth`);
    assert.equal(fourth.status, 201, fourth.text);
  });

  test('the flood window holds across both: the sixth comment in ten minutes is refused whichever server takes it', async () => {
    const reader = newReader(RUN);
    const ipHash = await readerIpHash(reader.ip);
    // Four earlier comments from this address in the last ten minutes, as Redis counts them (a window opened 4 minutes ago).
    await redis.set(`${limitsPrefix()}flood-window:${ipHash}`, '4', { EX: 6 * 60 });
    const fifth = await postComment(cluster.a.url, article, reader, `Window check ${RUN} fifth`);
    assert.equal(fifth.status, 201, fifth.text);
    assert.equal(await redisCount(`flood-window:${ipHash}`), 5, 'A counted the fifth');
    await sleep(15_500); // past the 15 s interval, so only the window can refuse the next one
    const sixth = await postComment(cluster.b.url, article, reader, `Window check ${RUN} sixth`);
    assert.equal(sixth.status, 429, sixth.text);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    assert.ok(retryAfter > 15 && retryAfter <= 6 * 60, `Retry-After ${retryAfter} s comes from the ten-minute window`);
  });

  test('signing out through A voids a copied cookie on B at once: 401 on the queue, and /api/auth/session there names no one', async () => {
    const { addEditor } = await import('../lib/auth/editors');
    const leaving = { email: `multi-sign-out-${RUN}@editors.example`, password: `Pass ${randomBytes(12).toString('base64url')}` };
    await addEditor({ ...leaving, name: `Multi sign-out ${RUN}` });
    const jar = new CookieJar();
    assert.equal(await signIn(cluster.a.url, jar, leaving.email, leaving.password), null, 'sign-in on A');
    const copied = jar.header;
    const queue = (base: string) => request(`${base}/api/comments?status=pending`, { headers: { cookie: copied } });
    assert.equal((await queue(cluster.b.url)).status, 200, 'the copied cookie works on B before the sign-out');

    await signOut(cluster.a.url, jar);
    for (const base of [cluster.b.url, cluster.a.url]) {
      assert.equal((await queue(base)).status, 401, `the copied cookie is refused on ${base} at once`);
      const session = await request(`${base}/api/auth/session`, { headers: { cookie: copied } });
      assert.equal(session.text, '{}', `/api/auth/session on ${base} names no one`);
      const renewed = session.headers.getSetCookie().filter((line) => /session-token=[^;]/.test(line));
      assert.deepEqual(renewed, [], `${base} renews no session cookie`);
    }
  });

  test('the sign-in lockout holds across both, kept in Redis: five failures on A lock the account on B (and A)', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal(await signIn(cluster.a.url, new CookieJar(), editor.email, `wrong password ${i}`), 'CredentialsSignin', `failure ${i + 1} on A`);
    }
    for (const base of [cluster.b.url, cluster.a.url]) {
      const jar = new CookieJar();
      assert.equal(await signIn(base, jar, editor.email, editor.password), SIGN_IN_THROTTLED, `the right password is refused on ${base}`);
      const session = await request(`${base}/api/auth/session`, { headers: { cookie: jar.header } });
      assert.equal(session.text, '{}', 'no session');
    }
    const { signInAccountKey } = await import('../lib/auth/throttle-redis');
    const account = signInAccountKey(editor.email);
    assert.ok((await redis.pTTL(`${limitsPrefix()}sign-in-failures:${account}`)) > 14 * 60_000, 'the 15-minute lock is in Redis');
    assert.equal(await redisCount(`sign-in-locks:${account}`), 1, 'the first lock is counted');
    const { getDatabase } = await import('../lib/db');
    const { db } = await getDatabase();
    assert.deepEqual(await db.selectFrom('auth_throttle').select('key').execute(), [], 'no sign-in counter in the database');
  });

  test('npm run publish on A puts a new story on A, on B (told through Redis) and through nginx within its cache time', async () => {
    const slug = `multi-publish-${RUN}`;
    writeStory(slug, { title: `Published on A ${RUN}`, date: new Date(Date.now() - 60_000).toISOString() }, `Body ${DRAFT_FREE_MARK}.`);
    writeStory(`multi-draft-${RUN}`, { title: `A draft ${RUN}`, status: 'draft' }, `Draft text ${DRAFT_MARK}.`);
    // An import's old addresses go live with the same publish (content/redirects.json), on B too.
    const oldAddress = `/2013/01/11/multi-old-${RUN}/`;
    fs.writeFileSync(path.join(cluster.contentDir, 'redirects.json'), JSON.stringify({ version: 1, redirects: { [oldAddress]: `/articles/${slug}` } }));
    assert.notEqual((await request(`${cluster.b.url}${oldAddress}`)).status, 301, 'B does not know the old address before the publish');
    const run = publishOn(cluster.a.url);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /1 added, 0 changed, 0 withdrawn/);
    assert.match(await page(cluster.a.url, `/articles/${slug}`), new RegExp(`Published on A ${RUN}`));
    await eventually(`B serves /articles/${slug}`, 10_000, async () => (await request(`${cluster.b.url}/articles/${slug}`)).status === 200);
    assert.match(await page(cluster.b.url, '/'), new RegExp(`/articles/${slug}"`));
    await eventually(`nginx serves the new story on its home page`, (cluster.edgeCacheSeconds + 5) * 1000, async () => (await request(`${cluster.edge}/`)).text.includes(`/articles/${slug}"`));
    assert.equal((await request(`${cluster.edge}/articles/${slug}`)).status, 200);
    assert.match(readLog(cluster.b), /"msg":"content published"[^\n]*"reason":"peer"/);
    for (const instance of [cluster.a, cluster.b]) {
      const moved = await request(`${instance.url}${oldAddress}`);
      assert.equal(moved.status, 301, `${instance.name} answers the imported old address`);
      assert.equal(moved.headers.get('location'), `/articles/${slug}`);
    }
  });

  test('a scheduled story goes live on both instances by itself within 60 s of its time', async () => {
    const slug = `multi-scheduled-${RUN}`;
    const at = Date.now() + 15_000;
    writeStory(slug, { title: `Embargo lifted on both ${RUN}`, date: new Date(at).toISOString() }, 'Embargoed.');
    const run = publishOn(cluster.a.url);
    assert.equal(run.code, 0, run.output);
    assert.equal((await request(`${cluster.a.url}/articles/${slug}`)).status, 404);
    assert.equal((await request(`${cluster.b.url}/articles/${slug}`)).status, 404);
    for (const instance of [cluster.a, cluster.b]) {
      await eventually(`${instance.name} serves the scheduled story`, 75_000, async () => (await request(`${instance.url}/articles/${slug}`)).status === 200);
    }
    const late = (Date.now() - at) / 1000;
    console.log(`[multi] scheduled story live on both ${late.toFixed(1)} s after its time`);
    assert.ok(late <= 60, `live ${late} s after its time`);
    assert.match(await page(cluster.b.url, '/feed.xml'), new RegExp(`Embargo lifted on both ${RUN}`));
  });

  test('draft text is in no Redis key the instances wrote, after publishing', async () => {
    const hits: string[] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${cluster.env.REDIS_PREFIX}*`, COUNT: 500 })) {
      for (const key of keys) {
        const type = await redis.type(key);
        const value = type === 'string' ? await redis.get(key) : type === 'hash' ? JSON.stringify(await redis.hGetAll(key)) : '';
        if (value?.includes(DRAFT_MARK)) hits.push(key);
      }
    }
    assert.deepEqual(hits, []);
    assert.equal((await request(`${cluster.a.url}/articles/multi-draft-${RUN}`)).status, 404);
  });

  test('with A killed (SIGKILL), B serves pages and takes comments, and nginx fails over', async () => {
    cluster.a.process.kill('SIGKILL');
    await new Promise((resolve) => cluster.a.process.once('exit', resolve));
    await assert.rejects(fetch(`${cluster.a.url}/robots.txt`), 'A is gone');

    await page(cluster.b.url, `/articles/${article}`);
    const onB = await postComment(cluster.b.url, article, newReader(RUN), `After the crash ${RUN} on B`);
    assert.equal(onB.status, 201, onB.text);

    // Uncached answers through nginx: every one must come from B, none may fail.
    for (let i = 0; i < 6; i++) {
      const answer = await request(`${cluster.edge}/api/comments?article=${article}`);
      assert.equal(answer.status, 200, `request ${i + 1} through nginx`);
    }
    await page(cluster.edge, '/');
    // A comment through nginx (nginx's own address is the client: TRUST_PROXY=1 and X-Forwarded-For).
    const viaEdge = await postComment(cluster.edge, article, newReader(RUN), `After the crash ${RUN} through nginx`);
    assert.equal(viaEdge.status, 201, viaEdge.text);
  });
});
