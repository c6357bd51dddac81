/**
 * Whether an editor's session token still stands: pure, so the rule is tested on its own
 * (session-standing.test.ts) and applied in one place (the jwt callback, lib/auth/options.ts).
 */

/** What a session token says about itself (next-auth's decoded JWT; any claim may be missing or forged-looking). */
export interface SessionClaims {
  sub?: unknown;
  role?: unknown;
  /** Sign-in time, whole seconds since the epoch: next-auth rewrites `iat` on every refresh, this survives. */
  authAt?: unknown;
  /** The account's session generation at sign-in. Absent from tokens issued before generations existed. */
  sessionGeneration?: unknown;
}

/** What the account says: its current session generation and when its sessions were last ended (ms, 0 = never). */
export interface AccountSessions {
  sessionGeneration: number;
  sessionsEndedAt: number;
}

const isWholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * True while the session may act: an editor token, younger than `sessionHours` since sign-in, for an
 * account that still exists, issued in the account's current session generation. Ending sessions (sign-out,
 * password change) bumps the generation, so no clock is compared and "the same second" cannot matter.
 * A token from before generations existed has none: it stands only while the account has never ended
 * sessions since (generation 0) and was signed in after the last end it has on record — compared inclusively,
 * since both times were kept in whole seconds.
 */
export function sessionStands(claims: SessionClaims, account: AccountSessions | undefined, now: number, sessionHours: number): boolean {
  if (!account || typeof claims.sub !== 'string' || claims.sub === '' || claims.role !== 'editor' || !isWholeNumber(claims.authAt)) return false;
  if ((claims.authAt + sessionHours * 3600) * 1000 <= now) return false;
  if (claims.sessionGeneration === undefined) return account.sessionGeneration === 0 && claims.authAt * 1000 > account.sessionsEndedAt;
  return isWholeNumber(claims.sessionGeneration) && claims.sessionGeneration === account.sessionGeneration;
}
