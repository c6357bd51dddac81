/**
 * Sign-in throttling (rules in ./lockout.ts): 5 failures in 15 minutes lock an account for 15 minutes,
 * doubling with each further lock until a quiet day has passed; 20 attempts per IP address per 15
 * minutes. The counters live in the database by default (./throttle-db.ts) or, when REDIS_URL is set,
 * in Redis with rate-limiter-flexible (./throttle-redis.ts); the choice is made once per process.
 */
import 'server-only';
import { limitsRedis } from '../limits/redis';
import { databaseSignInThrottle } from './throttle-db';
import { redisSignInThrottle } from './throttle-redis';
import type { SignInThrottle } from './throttle-types';

let chosen: SignInThrottle | undefined;

/** The process's sign-in counters: Redis when REDIS_URL is set, the database otherwise. */
function signInThrottle(): SignInThrottle {
  if (chosen) return chosen;
  const redis = limitsRedis();
  chosen = redis ? redisSignInThrottle(redis) : databaseSignInThrottle;
  return chosen;
}

/** Whether a sign-in attempt may be checked at all (see SignInThrottle.admit). */
export const admitSignInAttempt = (email: string, ipHash: string | null, now: number = Date.now()) => signInThrottle().admit(email, ipHash, now);

/** Records the outcome of a checked attempt (see SignInThrottle.record). */
export const recordSignInResult = (email: string, succeeded: boolean, now: number = Date.now()) => signInThrottle().record(email, succeeded, now);
