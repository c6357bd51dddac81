/**
 * The sign-in counters in Redis (REDIS_URL), with rate-limiter-flexible, so that a lock made on one
 * instance holds on every other. The rules are ./lockout.ts's; three counters per key:
 *  - `sign-in-failures:<account>`: failures in a 15-minute window from the first; the 5th locks the
 *    account by blocking this key (rate-limiter-flexible's `block`) for 15 min × 2^(earlier locks);
 *  - `sign-in-locks:<account>`: how many times the account was locked, forgotten a quiet day after the
 *    latest lock — the doubling survives a successful sign-in, which only deletes the failures;
 *  - `sign-in-ip:<ip hash>`: attempts per IP address per 15 minutes.
 * Accounts are keyed by a keyed hash of the email address, addresses by the comments' keyed IP hash:
 * Redis never holds an email or an IP address.
 */
import { createHmac } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type LimitsRedis, wholeSeconds } from '../limits/redis';
import { deriveKey } from '../secret';
import { type LockoutRules, lockoutRules } from './lockout';
import type { SignInThrottle, ThrottleVerdict } from './throttle-types';

let accountHashKey: Buffer | undefined;

/** The key of an account's counters: a keyed hash of the email as typed, trimmed and lower-cased (as in the database). */
export function signInAccountKey(email: string): string {
  accountHashKey ??= deriveKey('sign-in-account');
  return createHmac('sha256', accountHashKey).update(email.trim().toLowerCase()).digest('base64url').slice(0, 22);
}

const refuse = (res: RateLimiterRes): ThrottleVerdict => ({ allowed: false, retryAfterSeconds: wholeSeconds(res.msBeforeNext) });

/** The sign-in throttle kept in Redis behind `redis`; `rules` only for tests that cannot wait 15 minutes. */
export function redisSignInThrottle(redis: LimitsRedis, rules: LockoutRules = lockoutRules): SignInThrottle {
  const counter = (name: string, points: number, ms: number) =>
    new RateLimiterRedis({ storeClient: redis.client, useRedisPackage: true, keyPrefix: `${redis.prefix}sign-in-${name}`, points, duration: wholeSeconds(ms) });
  const failures = counter('failures', rules.accountFailures, rules.windowMs);
  const locks = counter('locks', 1, rules.quietMs);
  const attempts = counter('ip', rules.ipAttempts, rules.windowMs);

  return {
    admit: (email, ipHash) =>
      redis.run('sign-in check', async (): Promise<ThrottleVerdict> => {
        const account = await failures.get(signInAccountKey(email));
        // Blocked (a lock), or at the limit while the lock is being set: refused either way.
        if (account && account.consumedPoints >= rules.accountFailures) return refuse(account);
        if (!ipHash) return { allowed: true };
        try {
          await attempts.consume(ipHash);
          return { allowed: true };
        } catch (refusal) {
          // A refused attempt still increments the counter; harmless, as the window's end stays where it was.
          if (refusal instanceof RateLimiterRes) return refuse(refusal);
          throw refusal;
        }
      }),
    record: (email, succeeded) =>
      redis.run('sign-in result', async () => {
        const key = signInAccountKey(email);
        if (succeeded) {
          await failures.delete(key);
          return;
        }
        const counted = await failures.penalty(key);
        // Exactly one failure sees the 5th point, however many arrive at once: that one locks.
        if (counted.consumedPoints !== rules.accountFailures) return;
        const lock = await locks.penalty(key);
        // The quiet day counts from the latest lock, not the first.
        await locks.set(key, lock.consumedPoints, wholeSeconds(rules.quietMs));
        await failures.block(key, wholeSeconds(rules.lockMs * 2 ** (lock.consumedPoints - 1)));
      }),
  };
}
