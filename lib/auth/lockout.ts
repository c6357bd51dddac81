/** Sign-in throttling rules, pure: the store keeps the counters, these functions decide. */
export const lockoutRules = {
  /** Failures for one account within the window that lock it. */
  accountFailures: 5,
  windowMs: 15 * 60_000,
  /** First lock; each further lock doubles. */
  lockMs: 15 * 60_000,
  /** Attempts from one IP address within the window. */
  ipAttempts: 20,
  /** The doubling is forgotten after this long without trouble. */
  quietMs: 24 * 3_600_000,
} as const;

/** The rules' shape, for engines that take them as a parameter (tests run them with shorter times). */
export type LockoutRules = { readonly [K in keyof typeof lockoutRules]: number };

export interface AccountCounter {
  failures: number;
  windowStart: number;
  lockedUntil: number | null;
  locks: number;
}

export const emptyCounter = (now: number): AccountCounter => ({ failures: 0, windowStart: now, lockedUntil: null, locks: 0 });

/** Whether the account is locked now; `retryAfterMs` says for how long. */
export function accountLocked(counter: AccountCounter | undefined, now: number): { locked: boolean; retryAfterMs: number } {
  if (!counter?.lockedUntil || counter.lockedUntil <= now) return { locked: false, retryAfterMs: 0 };
  return { locked: true, retryAfterMs: counter.lockedUntil - now };
}

/** The counter after a failed attempt: the 5th failure within 15 minutes locks for 15 minutes × 2^(earlier locks). */
export function afterFailure(counter: AccountCounter | undefined, now: number): AccountCounter {
  const current = counter ?? emptyCounter(now);
  const inWindow = now - current.windowStart < lockoutRules.windowMs && !(current.lockedUntil && current.lockedUntil <= now);
  const failures = inWindow ? current.failures + 1 : 1;
  const windowStart = inWindow ? current.windowStart : now;
  if (failures >= lockoutRules.accountFailures) {
    return { failures: 0, windowStart: now, lockedUntil: now + lockoutRules.lockMs * 2 ** current.locks, locks: current.locks + 1 };
  }
  return { failures, windowStart, lockedUntil: current.lockedUntil && current.lockedUntil > now ? current.lockedUntil : null, locks: current.locks };
}

/** The counter after a successful sign-in: failures forgotten; the doubling is kept until a quiet day has passed. */
export function afterSuccess(counter: AccountCounter | undefined, now: number): AccountCounter {
  const locks = counter && now - counter.windowStart < lockoutRules.quietMs ? counter.locks : 0;
  return { failures: 0, windowStart: now, lockedUntil: null, locks };
}
