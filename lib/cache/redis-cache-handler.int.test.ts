/**
 * The Redis cache handler against a real Redis (TEST_REDIS_URL, e.g. redis://127.0.0.1:6379/0; the
 * suite is skipped without it). Two handler objects stand for two servers: they share only Redis.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import RedisCacheHandler, { closeRedisCacheConnections, ENTRY_TTL_SECONDS, redisSettings } from './redis-cache-handler.mjs';

const REDIS_URL = process.env.TEST_REDIS_URL;
const PREFIX = `es-test-${randomBytes(4).toString('hex')}:`;

/** A .next/server folder of a build with this id, as Next passes it to the handler. */
function buildDir(buildId: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'es-build-'));
  fs.mkdirSync(path.join(root, 'server'));
  fs.writeFileSync(path.join(root, 'BUILD_ID'), buildId);
  return path.join(root, 'server');
}

/** An App Router page entry as Next stores it: HTML, RSC payload (Buffer), per-segment data (Map of Buffers), tags in a header. */
const pageEntry = (html: string, tags: string[]) => ({
  kind: 'APP_PAGE',
  html,
  rscData: Buffer.from(`rsc:${html}`),
  headers: { 'x-next-cache-tags': tags.join(',') },
  status: 200,
  postponed: undefined,
  segmentData: new Map([['/_tree', Buffer.from('tree')]]),
});
const PAGE_CTX = { kind: 'APP_PAGE', isRoutePPREnabled: false, isFallback: false };
const fetchEntry = (data: string) => ({ kind: 'FETCH', data: { headers: {}, body: Buffer.from(data).toString('base64'), status: 200, url: '' }, revalidate: 3600 });

describe.skipIf(!REDIS_URL)('Next.js cache in Redis', () => {
  const serverA = buildDir('build-one');
  const serverB = buildDir('build-one');
  let a: RedisCacheHandler;
  let b: RedisCacheHandler;
  const key = (name: string) => `/route-cache/APP_PAGE/hash/$/${name}-${randomBytes(3).toString('hex')}`;

  beforeAll(() => {
    vi.stubEnv('REDIS_URL', REDIS_URL!);
    vi.stubEnv('REDIS_PREFIX', PREFIX);
    vi.stubEnv('NEXT_PHASE', 'phase-production-server');
    a = new RedisCacheHandler({ serverDistDir: serverA });
    b = new RedisCacheHandler({ serverDistDir: serverB });
  });

  afterEach(() => vi.restoreAllMocks());

  afterAll(async () => {
    closeRedisCacheConnections();
    vi.unstubAllEnvs();
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    for await (const keys of client.scanIterator({ MATCH: `${PREFIX}*`, COUNT: 500 })) if (keys.length) await client.del(keys);
    client.destroy();
  });

  test('a page one server stores is what another reads, Buffers and Maps intact', async () => {
    const k = key('articles/one');
    await a.set(k, pageEntry('<p>one</p>', ['comments:one']), { cacheControl: { revalidate: 3600, expire: 31536000 } });
    const got = await b.get(k, PAGE_CTX);
    expect(got?.value.html).toBe('<p>one</p>');
    expect(Buffer.isBuffer(got?.value.rscData) && got.value.rscData.toString()).toBe('rsc:<p>one</p>');
    expect(got?.value.segmentData.get('/_tree').toString()).toBe('tree');
    expect(got?.cacheControl).toEqual({ revalidate: 3600, expire: 31536000 });
    expect(got?.lastModified).toBeGreaterThan(Date.now() - 60_000);
  });

  test('revalidating a tag on one server expires the pages carrying it on every server; later writes are fresh', async () => {
    const tagged = key('articles/two');
    const other = key('articles/three');
    await a.set(tagged, pageEntry('<p>two</p>', ['_N_T_/layout', 'comments:two']), {});
    await a.set(other, pageEntry('<p>three</p>', ['_N_T_/layout', 'comments:three']), {});

    await b.revalidateTag(['comments:two'], { expire: 0 });

    expect(await a.get(tagged, PAGE_CTX)).toBeNull();
    expect((await a.get(other, PAGE_CTX))?.value.html).toBe('<p>three</p>');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await a.set(tagged, pageEntry('<p>two, again</p>', ['_N_T_/layout', 'comments:two']), {});
    expect((await b.get(tagged, PAGE_CTX))?.value.html).toBe('<p>two, again</p>');
  });

  test('unstable_cache data is expired by its own tags and by the page’s soft tags', async () => {
    const byTag = `fetch-${randomBytes(3).toString('hex')}`;
    const bySoftTag = `fetch-${randomBytes(3).toString('hex')}`;
    const ctx = { kind: 'FETCH', tags: ['comments:four'], softTags: ['_N_T_/articles/four'] };
    await a.set(byTag, fetchEntry('four'), { fetchCache: true, tags: ['comments:four'] });
    await a.set(bySoftTag, fetchEntry('four'), { fetchCache: true, tags: ['counts:four'] });
    expect((await b.get(byTag, ctx))?.value.data.body).toBe(Buffer.from('four').toString('base64'));

    await b.revalidateTag('comments:four', { expire: 0 });
    expect(await a.get(byTag, ctx)).toBeNull();

    const softCtx = { kind: 'FETCH', tags: ['counts:four'], softTags: ['_N_T_/articles/four'] };
    expect(await a.get(bySoftTag, softCtx)).not.toBeNull();
    await b.revalidateTag(['_N_T_/articles/four']); // revalidatePath: no durations, expires now
    expect(await a.get(bySoftTag, softCtx)).toBeNull();
  });

  test('a tag revalidated with a later expiry makes entries stale (served, then refreshed) instead of missing', async () => {
    const k = key('articles/five');
    await a.set(k, pageEntry('<p>five</p>', ['comments:five']), {});
    await b.revalidateTag(['comments:five'], { expire: 3600 });
    const got = await a.get(k, PAGE_CTX);
    expect(got?.value.html).toBe('<p>five</p>');
    expect(got?.lastModified).toBe(1);
  });

  test('the app can record a revalidation before it answers, through the hook the handler leaves on globalThis', async () => {
    const k = key('articles/hook');
    await a.set(k, pageEntry('<p>hook</p>', ['comments:hook']), {});
    const hook = (globalThis as Record<symbol, { revalidateNow(tags: string[]): Promise<void> } | undefined>)[Symbol.for('eurasian-star.shared-next-cache')];
    await hook?.revalidateNow(['comments:hook']);
    expect(await b.get(k, PAGE_CTX)).toBeNull();
  });

  test('another build reads none of this build’s entries, but sees the same revalidations', async () => {
    const otherBuild = new RedisCacheHandler({ serverDistDir: buildDir('build-two') });
    const k = key('articles/six');
    await a.set(k, pageEntry('<p>six</p>', ['comments:six']), {});
    expect(await otherBuild.get(k, PAGE_CTX)).toBeNull();
    await otherBuild.set(k, pageEntry('<p>six, build two</p>', ['comments:six']), {});
    await a.revalidateTag(['comments:six'], { expire: 0 });
    expect(await otherBuild.get(k, PAGE_CTX)).toBeNull();
  });

  test('entries expire from Redis after a day at most', async () => {
    const k = key('articles/seven');
    await a.set(k, pageEntry('<p>seven</p>', []), {});
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    const ttl = await client.ttl(`${PREFIX}build-one:e:${k}`);
    client.destroy();
    expect(ttl).toBeGreaterThan(ENTRY_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(ENTRY_TTL_SECONDS);
  });

  test('during next build nothing is stored or read: a build always reads the database', async () => {
    const k = key('articles/eight');
    await a.set(k, pageEntry('<p>eight</p>', []), {});
    vi.stubEnv('NEXT_PHASE', 'phase-production-build');
    const building = new RedisCacheHandler({ serverDistDir: serverA });
    vi.stubEnv('NEXT_PHASE', 'phase-production-server');
    expect(await building.get(k, PAGE_CTX)).toBeNull();
    const k2 = key('articles/nine');
    await building.set(k2, pageEntry('<p>nine</p>', []), {});
    expect(await a.get(k2, PAGE_CTX)).toBeNull();
  });

  test('with Redis unreachable, reads miss and writes and revalidations give up without failing the request or logging the password', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.stubEnv('REDIS_URL', 'redis://cache:hunter2-secret@127.0.0.1:1/0');
    const down = new RedisCacheHandler({ serverDistDir: serverA });
    vi.stubEnv('REDIS_URL', REDIS_URL!);
    expect(await down.get(key('articles/ten'), PAGE_CTX)).toBeNull();
    await expect(down.set(key('articles/ten'), pageEntry('<p>ten</p>', []), {})).resolves.toBeUndefined();
    await expect(down.revalidateTag(['comments:ten'], { expire: 0 })).resolves.toBeUndefined();
    const logged = errors.mock.calls.flat().join('\n');
    expect(logged).toContain('Next.js cache (Redis)');
    expect(logged).toContain('revalidating comments:ten');
    expect(logged).not.toContain('hunter2-secret');
  });
});

describe('REDIS_URL and REDIS_PREFIX', () => {
  test('a URL that is not redis:// or rediss:// is refused with a message naming the variable', () => {
    expect(() => redisSettings({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => redisSettings({})).toThrow(/REDIS_URL/);
  });

  test('the prefix defaults to eurasian-star: and must be short and plain', () => {
    expect(redisSettings({ REDIS_URL: 'rediss://cache.example:6380/2' })).toEqual({ url: 'rediss://cache.example:6380/2', prefix: 'eurasian-star:' });
    expect(() => redisSettings({ REDIS_URL: 'redis://127.0.0.1', REDIS_PREFIX: 'has space' })).toThrow(/REDIS_PREFIX/);
  });
});
