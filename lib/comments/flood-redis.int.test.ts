/**
 * The comment flood limit in Redis (REDIS_URL set), through submitComment, against a real Redis
 * (TEST_REDIS_URL): the flood cases of service.test.ts, and what only an outside counter can get wrong —
 * a post that is not stored must not cost a point, and a retry is still answered from its record.
 * Times are shortened where a test must wait (Redis's clock counts, not `now`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, validFrontMatter, type Fixture } from '../content/testing';
import { refusal } from '../testing/refusal';
import { inspectRedis, TEST_REDIS_URL, testRedisPrefix } from '../testing/redis';
import { type ModerationConfig, moderationDefaults } from './config';

const PREFIX = testRedisPrefix('flood');
let fx: Fixture;
let service: typeof import('./service');
let storeModule: typeof import('./store');
let tokens: typeof import('./token');
let ip: typeof import('./ip');
let limits: typeof import('../limits/redis');
let redis: Awaited<ReturnType<typeof inspectRedis>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let nextIp = 0;
/** A fresh client address per test, so tests never share counters. */
const newIp = () => `198.51.100.${++nextIp}`;
const ctx = (address: string, config: ModerationConfig = moderationDefaults) => ({ ip: address, userAgent: 'vitest', config });
let nextBody = 0;
const input = (overrides: Record<string, unknown> = {}) => ({
  article: 'open-story',
  name: 'Ann',
  email: 'ann@example.com',
  body: `A considered view, number ${++nextBody}.`,
  token: tokens.issueFormToken(Date.now() - 60_000),
  ...overrides,
});
const intervalKey = (address: string) => `${PREFIX}limits:flood-interval:${ip.hashIp(address)}`;
const windowKey = (address: string) => `${PREFIX}limits:flood-window:${ip.hashIp(address)}`;
const storedCount = async () => (await (await storeModule.getCommentStore()).list({ limit: 1000 })).length;

describe.skipIf(!TEST_REDIS_URL)('the comment flood limit in Redis', () => {
  beforeAll(async () => {
    fx = makeFixture();
    fx.article('open-story', validFrontMatter({ date: '2026-05-01T09:00:00+00:00' }));
    fx.article('closed-story', validFrontMatter({ comments: 'closed' }));
    process.env.CONTENT_DIR = fx.contentDir;
    process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'es-flood-redis-'));
    process.env.REDIS_URL = TEST_REDIS_URL;
    process.env.REDIS_PREFIX = PREFIX;
    delete process.env.DATABASE_URL;
    service = await import('./service');
    storeModule = await import('./store');
    tokens = await import('./token');
    ip = await import('./ip');
    limits = await import('../limits/redis');
    redis = await inspectRedis(TEST_REDIS_URL!, PREFIX);
  });

  afterAll(async () => {
    limits.closeLimitsRedis();
    await redis.close();
    await storeModule.closeCommentStore();
    fx.cleanup();
    delete process.env.REDIS_URL;
    delete process.env.REDIS_PREFIX;
  });

  beforeEach(async () => {
    const { db } = await (await import('../db')).getDatabase();
    await db.deleteFrom('comments').execute();
    await db.deleteFrom('idempotency_keys').execute();
  });

  it('refuses a second comment from one IP within 15 s with 429 and Retry-After, stores nothing, and counts in Redis under the keyed IP hash', async () => {
    const address = newIp();
    await service.submitComment(input(), ctx(address));
    const error = await refusal(service.submitComment(input(), ctx(address)));
    expect([error.status, error.code]).toEqual([429, 'rate_limited']);
    expect(error.retryAfter).toBeGreaterThanOrEqual(14);
    expect(error.retryAfter).toBeLessThanOrEqual(15);
    expect(await storedCount()).toBe(1);
    expect(await redis.count(windowKey(address))).toBe(1);
    expect((await redis.keys()).join(' ')).not.toContain(address);
  });

  it('lets another IP post during one IP’s interval', async () => {
    await service.submitComment(input(), ctx(newIp()));
    await service.submitComment(input(), ctx(newIp()));
    expect(await storedCount()).toBe(2);
  });

  it('refuses a comment past the window’s maximum after the interval, with Retry-After from the window, until the window ends', async () => {
    // 1 s interval, at most 2 comments per 3 s window.
    const config = { ...moderationDefaults, floodIntervalSeconds: 1, floodWindowMinutes: 3 / 60, floodMaxInWindow: 2 };
    const address = newIp();
    await service.submitComment(input(), ctx(address, config));
    await sleep(1100);
    await service.submitComment(input(), ctx(address, config));
    await sleep(1100);
    const error = await refusal(service.submitComment(input(), ctx(address, config)));
    expect([error.status, error.retryAfter]).toEqual([429, 1]);
    expect(await redis.count(windowKey(address))).toBe(2);
    await sleep(1000);
    await service.submitComment(input(), ctx(address, config));
    expect(await storedCount()).toBe(3);
  });

  it('takes no point for a comment refused before the store: invalid (400) or on a closed article (403)', async () => {
    const address = newIp();
    expect((await refusal(service.submitComment(input({ body: '' }), ctx(address)))).status).toBe(400);
    expect((await refusal(service.submitComment(input({ article: 'closed-story' }), ctx(address)))).status).toBe(403);
    expect(await redis.count(intervalKey(address))).toBeNull();
    await service.submitComment(input(), ctx(address));
  });

  it('takes no point for a duplicate (409): the same address may post something else at once', async () => {
    const body = input();
    await service.submitComment(body, ctx(newIp()));
    const address = newIp();
    expect((await refusal(service.submitComment(body, ctx(address)))).status).toBe(409);
    expect(await redis.count(intervalKey(address))).toBeNull();
    await service.submitComment(input(), ctx(address));
    expect(await storedCount()).toBe(2);
  });

  it('counts only stored comments: refused posts leave the window at one', async () => {
    const address = newIp();
    await service.submitComment(input(), ctx(address));
    for (let i = 0; i < 3; i++) expect((await refusal(service.submitComment(input(), ctx(address)))).status).toBe(429);
    expect(await redis.count(windowKey(address))).toBe(1);
  });

  it('answers a retry from its record — inside the interval, from the same or another address — and takes no point for it', async () => {
    const address = newIp();
    const other = newIp();
    const body = input();
    const first = await service.submitComment(body, { ...ctx(address), idempotencyKey: 'flood-redis-retry-1' });
    const again = await service.submitComment(body, { ...ctx(address), idempotencyKey: 'flood-redis-retry-1' });
    const elsewhere = await service.submitComment(body, { ...ctx(other), idempotencyKey: 'flood-redis-retry-1' });
    // A retry that brings no returning-commenter key is given none (as in service.int.test.ts).
    expect(again).toEqual({ ...first, replayed: true, commenterKey: null });
    expect(elsewhere).toEqual({ ...first, replayed: true, commenterKey: null });
    expect(await redis.count(windowKey(address))).toBe(1);
    expect(await redis.count(intervalKey(other))).toBeNull();
    expect(await storedCount()).toBe(1);
  });

  it('answers retries sent at the same time as the first request from the record, not with a 429', async () => {
    const address = newIp();
    const body = input();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => service.submitComment(body, { ...ctx(address), idempotencyKey: 'flood-redis-race-1' })),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await redis.count(windowKey(address))).toBe(1);
  });

  it('gives the point back when the comment cannot be written after it was taken', async () => {
    const address = newIp();
    const { floodLimiter } = await import('./flood');
    const store = await storeModule.getCommentStore();
    const now = new Date();
    const at = now.toISOString();
    // Every check passes; the write itself fails (a NOT NULL column left empty).
    const broken = {
      ...{ id: 'broken-1', article: 'open-story', parent_id: null, depth: 1, author_email: 'x@example.com', author_url: null, body: 'x' },
      ...{ status: 'pending', reason: null, ip_hash: ip.hashIp(address), ip_prefix: null, user_agent: null, content_hash: 'broken-1' },
      ...{ author_name: null, created_at: at, updated_at: at },
    } as unknown as Parameters<typeof store.insert>[0];
    await expect(store.insert(broken, floodLimiter().ruleFor(ip.hashIp(address), now, moderationDefaults), at)).rejects.toThrow(/NOT NULL/i);
    expect(await redis.count(intervalKey(address))).toBeNull();
    expect(await redis.count(windowKey(address))).toBe(0);
    await service.submitComment(input(), ctx(address));
  });
});
