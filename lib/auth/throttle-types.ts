/** The sign-in throttle's interface, in its own module so that its engines (./throttle-db.ts, ./throttle-redis.ts) need not import the module that chooses one (./throttle.ts). */

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface SignInThrottle {
  /**
   * Whether a sign-in attempt may be checked at all: the account (known or not, so locks reveal
   * nothing) is not locked and the client has made fewer than 20 attempts in 15 minutes. Counts the attempt.
   */
  admit(email: string, ipHash: string | null, now: number): Promise<ThrottleVerdict>;
  /** Records the outcome of a checked attempt against the account's counter. */
  record(email: string, succeeded: boolean, now: number): Promise<void>;
}
