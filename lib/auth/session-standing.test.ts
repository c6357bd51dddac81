import { describe, expect, it } from 'vitest';
import { sessionStands } from './session-standing';

const HOURS = 8;
const signInMs = Date.parse('2026-12-03T10:00:00.400Z');
const authAt = Math.floor(signInMs / 1000);
const token = (extra: Record<string, unknown> = {}) => ({ sub: 'ed', role: 'editor', authAt, sessionGeneration: 0, ...extra });
const never = { sessionGeneration: 0, sessionsEndedAt: 0 };

describe('sessionStands', () => {
  it('a session issued in the account’s current generation stands', () => {
    expect(sessionStands(token(), never, signInMs + 1, HOURS)).toBe(true);
  });

  it('a sign-out in the same millisecond as the sign-in voids the session', () => {
    expect(sessionStands(token(), { sessionGeneration: 1, sessionsEndedAt: signInMs }, signInMs, HOURS)).toBe(false);
  });

  it('a sign-out in the same second as the sign-in voids the session', () => {
    expect(sessionStands(token(), { sessionGeneration: 1, sessionsEndedAt: signInMs + 300 }, signInMs + 301, HOURS)).toBe(false);
  });

  it('a sign-in after the sign-out, in the same millisecond, stands', () => {
    expect(sessionStands(token({ sessionGeneration: 1 }), { sessionGeneration: 1, sessionsEndedAt: signInMs }, signInMs, HOURS)).toBe(true);
  });

  it('a session from two ends ago is void', () => {
    expect(sessionStands(token({ sessionGeneration: 1 }), { sessionGeneration: 3, sessionsEndedAt: signInMs }, signInMs, HOURS)).toBe(false);
  });

  it('a session of a removed account is void', () => {
    expect(sessionStands(token(), undefined, signInMs, HOURS)).toBe(false);
  });

  it('a session older than the session hours is void, however often it was refreshed', () => {
    expect(sessionStands(token(), never, (authAt + HOURS * 3600) * 1000 - 1, HOURS)).toBe(true);
    expect(sessionStands(token(), never, (authAt + HOURS * 3600) * 1000, HOURS)).toBe(false);
  });

  it('a token without an editor subject, role, sign-in time or a whole-number generation is void', () => {
    for (const extra of [{ sub: undefined }, { sub: '' }, { role: 'reader' }, { authAt: undefined }, { authAt: '1796293777' }, { sessionGeneration: '0' }, { sessionGeneration: -1 }, { sessionGeneration: 0.5 }]) {
      expect(sessionStands(token(extra), never, signInMs, HOURS), JSON.stringify(extra)).toBe(false);
    }
  });

  describe('tokens issued before session generations (no generation claim)', () => {
    const legacy = () => token({ sessionGeneration: undefined });

    it('stand while the account has never ended its sessions', () => {
      expect(sessionStands(legacy(), never, signInMs, HOURS)).toBe(true);
    });

    it('are void when the last end on record (whole seconds) fell in their sign-in second', () => {
      expect(sessionStands(legacy(), { sessionGeneration: 0, sessionsEndedAt: authAt * 1000 }, signInMs, HOURS)).toBe(false);
    });

    it('stand when the last end on record was a second or more before their sign-in', () => {
      expect(sessionStands(legacy(), { sessionGeneration: 0, sessionsEndedAt: (authAt - 1) * 1000 }, signInMs, HOURS)).toBe(true);
    });

    it('are void once the account has ended its sessions since generations began', () => {
      expect(sessionStands(legacy(), { sessionGeneration: 1, sessionsEndedAt: (authAt - 60) * 1000 }, signInMs, HOURS)).toBe(false);
    });
  });
});
