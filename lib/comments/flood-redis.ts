/**
 * The comment flood limit in Redis (REDIS_URL), with rate-limiter-flexible: two fixed-window counters per
 * IP address (its keyed hash, never the address) — `flood-interval` (one point per 15 s) and
 * `flood-window` (five points per 10 minutes). Every instance counts in the same keys, so the limit
 * holds across them. `store.insert` takes the points inside its transaction, after the Idempotency-Key
 * and duplicate checks, and gives them back when the comment is not stored, so the counters hold
 * exactly the comments stored (and those being stored).
 */
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimitsRedis, wholeSeconds } from '../limits/redis';
import type { ModerationConfig } from './config';
import type { FloodLimiter } from './flood-types';
import type { FloodTake } from './store/types';

interface Counters {
  interval: RateLimiterRedis;
  window: RateLimiterRedis;
}

/** A point from `limiter`, or the refusal; a Redis error is thrown as it is. */
async function consume(limiter: RateLimiterRedis, key: string): Promise<{ ok: boolean; res: RateLimiterRes }> {
  try {
    return { ok: true, res: await limiter.consume(key) };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { ok: false, res: refusal };
    throw refusal;
  }
}

const retryAfter = (res: RateLimiterRes) => wholeSeconds(res.msBeforeNext);

/** The flood limit kept in Redis behind `redis`. */
export function redisFloodLimiter(redis: LimitsRedis): FloodLimiter {
  const byRules = new Map<string, Counters>();
  const countersFor = (config: ModerationConfig): Counters => {
    const rules = `${config.floodIntervalSeconds}/${config.floodWindowMinutes}/${config.floodMaxInWindow}`;
    let counters = byRules.get(rules);
    if (!counters) {
      const counter = (name: string, points: number, ms: number) =>
        new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}${name}`, points, duration: wholeSeconds(ms) });
      counters = {
        interval: counter('flood-interval', 1, config.floodIntervalSeconds * 1000),
        window: counter('flood-window', config.floodMaxInWindow, config.floodWindowMinutes * 60_000),
      };
      byRules.set(rules, counters);
    }
    return counters;
  };

  // Giving back: the interval counter holds one point, and this post held it, so it is deleted; the
  // window counter is decremented. A refused increment is given back too, so that a later give-back
  // cannot leave the window counting fewer comments than were stored.
  const giveBack = ({ interval, window }: Counters, ipHash: string) =>
    redis.run('flood give-back', async () => {
      await Promise.all([interval.delete(ipHash), window.reward(ipHash)]);
    });

  const take = (counters: Counters, ipHash: string): Promise<FloodTake> =>
    redis.run('flood check', async (): Promise<FloodTake> => {
      // A refused interval point needs no giving back: it neither lengthens the 15 s nor outlives them.
      const interval = await consume(counters.interval, ipHash);
      if (!interval.ok) return { ok: false, retryAfterSeconds: retryAfter(interval.res) };
      const window = await consume(counters.window, ipHash);
      if (!window.ok) {
        await giveBack(counters, ipHash);
        return { ok: false, retryAfterSeconds: retryAfter(window.res) };
      }
      return { ok: true, giveBack: () => giveBack(counters, ipHash) };
    });

  return { ruleFor: (ipHash, _now, config) => ({ ipHash, take: () => take(countersFor(config), ipHash) }) };
}
