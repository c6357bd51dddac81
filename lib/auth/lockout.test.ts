import { describe, expect, it } from 'vitest';
import { accountLocked, afterFailure, afterSuccess, type AccountCounter } from './lockout';

const MIN = 60_000;

function fail(times: number, start: AccountCounter | undefined, at: number, step = 1000): AccountCounter | undefined {
  let counter = start;
  for (let i = 0; i < times; i++) counter = afterFailure(counter, at + i * step);
  return counter;
}

describe('account lockout', () => {
  it('does not lock after 4 failures', () => {
    expect(accountLocked(fail(4, undefined, 0), 5000).locked).toBe(false);
  });

  it('locks for 15 minutes at the 5th failure within 15 minutes', () => {
    const counter = fail(5, undefined, 0);
    expect(accountLocked(counter, 4000)).toEqual({ locked: true, retryAfterMs: 15 * MIN });
    expect(accountLocked(counter, 4000 + 15 * MIN).locked).toBe(false);
  });

  it('does not count failures spread wider than the window', () => {
    expect(accountLocked(fail(5, undefined, 0, 4 * MIN), 17 * MIN).locked).toBe(false);
  });

  it('doubles the lock each time it locks again', () => {
    const first = fail(5, undefined, 0)!;
    const afterFirstLock = first.lockedUntil! + 1;
    const second = fail(5, first, afterFirstLock)!;
    expect(second.lockedUntil! - (afterFirstLock + 4000)).toBe(30 * MIN);
    const third = fail(5, second, second.lockedUntil! + 1)!;
    expect(third.locks).toBe(3);
    expect(accountLocked(third, third.lockedUntil! - 1).retryAfterMs).toBe(1);
  });

  it('forgets failures after a successful sign-in', () => {
    const counter = afterSuccess(fail(4, undefined, 0), 5000);
    expect(accountLocked(fail(1, counter, 6000), 7000).locked).toBe(false);
  });
});
