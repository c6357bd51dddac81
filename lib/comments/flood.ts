/**
 * Which flood limit a process uses, chosen once: counted from the stored comments (the default, nothing
 * to start), or kept in Redis with rate-limiter-flexible when REDIS_URL is set, so that the limit holds
 * however many instances share the work (docs/deployment.md). The rules are the same either way
 * (lib/comments/config.ts): one comment per IP address per 15 s, five per 10 minutes, 429 with Retry-After.
 */
import { limitsRedis } from '../limits/redis';
import { redisFloodLimiter } from './flood-redis';
import type { FloodLimiter } from './flood-types';

/** The flood limit counted from the stored comments, inside the insert's transaction. */
export const storedCommentsFlood: FloodLimiter = {
  ruleFor: (ipHash, now, config) => ({
    ipHash,
    intervalSince: new Date(now.getTime() - config.floodIntervalSeconds * 1000).toISOString(),
    windowSince: new Date(now.getTime() - config.floodWindowMinutes * 60_000).toISOString(),
    maxInWindow: config.floodMaxInWindow,
  }),
};

let chosen: FloodLimiter | undefined;

/** The process's flood limit: Redis when REDIS_URL is set, the stored comments otherwise. */
export function floodLimiter(): FloodLimiter {
  if (chosen) return chosen;
  const redis = limitsRedis();
  chosen = redis ? redisFloodLimiter(redis) : storedCommentsFlood;
  return chosen;
}
