/**
 * The sign-in counters in Redis, against a real Redis (TEST_REDIS_URL): the cases of lockout.test.ts,
 * with the times shortened (rate-limiter-flexible counts whole seconds, and Redis's clock is the one
 * that counts, so the tests wait instead of passing `now`). Every run has its own key prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSED_REDIS_URL, inspectRedis, TEST_REDIS_URL, testRedisPrefix } from '../testing/redis';
import { isUnavailable } from '../http/errors';
import { type LimitsRedis, LimitsUnavailableError, openLimitsRedis } from '../limits/redis';
import { type LockoutRules, lockoutRules } from './lockout';
import type { SignInThrottle } from './throttle-types';

let throttleRedis: typeof import('./throttle-redis');
const PREFIX = testRedisPrefix('sign-in');
const opened: LimitsRedis[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  process.env.AUTH_SECRET = 'a test secret that is long enough for the key derivation';
  throttleRedis = await import('./throttle-redis');
});

afterAll(async () => {
  for (const redis of opened) redis.close();
  if (TEST_REDIS_URL) await (await inspectRedis(TEST_REDIS_URL, PREFIX)).close();
});

let runs = 0;
/** A throttle with the real rules but shorter times, on keys of its own; `instances` throttles share them, as servers would. */
function throttles(overrides: Partial<LockoutRules> = {}, instances = 1): SignInThrottle[] {
  runs += 1;
  const rules: LockoutRules = { ...lockoutRules, windowMs: 2000, lockMs: 1000, quietMs: 10_000, ...overrides };
  return Array.from({ length: instances }, () => {
    const redis = openLimitsRedis(TEST_REDIS_URL!, `${PREFIX}${runs}:`);
    opened.push(redis);
    return throttleRedis.redisSignInThrottle(redis, rules);
  });
}

const throttle = (overrides: Partial<LockoutRules> = {}) => throttles(overrides)[0]!;
const EMAIL = 'ed@example.com';

async function fail(t: SignInThrottle, times: number, email = EMAIL): Promise<void> {
  for (let i = 0; i < times; i++) await t.record(email, false, Date.now());
}

const admit = (t: SignInThrottle, email = EMAIL, ipHash: string | null = null) => t.admit(email, ipHash, Date.now());

describe.skipIf(!TEST_REDIS_URL)('sign-in counters in Redis', () => {
  it('does not lock after 4 failures', async () => {
    const t = throttle();
    await fail(t, 4);
    expect(await admit(t)).toEqual({ allowed: true });
  });

  it('locks at the 5th failure within the window, for the lock time, then lets the account in again', async () => {
    const t = throttle();
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1100);
    expect(await admit(t)).toEqual({ allowed: true });
  });

  it('locks an account whatever case and spaces the email is typed with', async () => {
    const t = throttle();
    await fail(t, 5, ' Ed@Example.COM ');
    expect((await admit(t, 'ed@example.com')).allowed).toBe(false);
  });

  it('does not count failures spread wider than the window', async () => {
    const t = throttle({ windowMs: 1000 });
    await fail(t, 4);
    await sleep(1100);
    await fail(t, 1);
    expect(await admit(t)).toEqual({ allowed: true });
  });

  it('doubles the lock each time it locks again', async () => {
    const t = throttle();
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1100);
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    await sleep(2100);
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 4 });
  });

  it('forgets failures after a successful sign-in', async () => {
    const t = throttle();
    await fail(t, 4);
    await t.record(EMAIL, true, Date.now());
    await fail(t, 1);
    expect(await admit(t)).toEqual({ allowed: true });
  });

  it('keeps the doubling after a successful sign-in', async () => {
    const t = throttle();
    await fail(t, 5);
    await sleep(1100);
    await t.record(EMAIL, true, Date.now());
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('forgets the doubling once a quiet day (here 2 s) has passed since the last lock', async () => {
    const t = throttle({ quietMs: 2000 });
    await fail(t, 5);
    await sleep(2100);
    await fail(t, 5);
    expect(await admit(t)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('caps one IP address at 20 attempts in the window across accounts, counting no other address', async () => {
    const t = throttle();
    for (let i = 0; i < 20; i++) expect(await admit(t, `user${i}@example.com`, 'ip-hash-a')).toEqual({ allowed: true });
    const refused = await admit(t, EMAIL, 'ip-hash-a');
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeLessThanOrEqual(2);
    expect(await admit(t, EMAIL, 'ip-hash-b')).toEqual({ allowed: true });
  });

  it('counts every one of many simultaneous failures, so the lock is not delayed', async () => {
    const t = throttle();
    await Promise.all(Array.from({ length: 5 }, () => t.record(EMAIL, false, Date.now())));
    expect((await admit(t)).allowed).toBe(false);
  });

  it('holds a lock made on one instance on another: failures spread over two connections lock the account on both', async () => {
    const [a, b] = throttles({}, 2) as [SignInThrottle, SignInThrottle];
    await fail(a, 3);
    await fail(b, 2);
    expect((await admit(a)).allowed).toBe(false);
    expect((await admit(b)).allowed).toBe(false);
  });

  it('keeps neither the email address nor the IP hash’s address in Redis, only keyed hashes under the prefix', async () => {
    const t = throttle();
    await admit(t, EMAIL, 'ip-hash-c');
    await fail(t, 5);
    const redis = await inspectRedis(TEST_REDIS_URL!, `${PREFIX}${runs}:`);
    const account = throttleRedis.signInAccountKey(EMAIL);
    expect(await redis.keys()).toEqual(
      [`limits:sign-in-failures:${account}`, `limits:sign-in-ip:ip-hash-c`, `limits:sign-in-locks:${account}`].map((key) => `${PREFIX}${runs}:${key}`).sort(),
    );
    expect((await redis.keys()).join(' ')).not.toContain('example.com');
    redis.client.destroy();
  });
});

describe('sign-in counters when Redis is down', () => {
  it('refuses to admit or record an attempt (fails closed) with an error the server answers as unavailable', async () => {
    const redis = openLimitsRedis(CLOSED_REDIS_URL, testRedisPrefix('down'));
    opened.push(redis);
    const t = throttleRedis.redisSignInThrottle(redis);
    const refused = await admit(t, EMAIL, 'ip-hash').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(LimitsUnavailableError);
    expect(isUnavailable(refused)).toBe(true);
    await expect(t.record(EMAIL, false, Date.now())).rejects.toBeInstanceOf(LimitsUnavailableError);
  });
});
