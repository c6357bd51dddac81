/** The sign-in counters in the database (`auth_throttle`): the default when REDIS_URL is unset; see ./throttle.ts. */
import 'server-only';
import { type Kysely, sql, type Transaction } from 'kysely';
import { getDatabase } from '../db';
import type { Database } from '../db/schema';
import { type AccountCounter, accountLocked, afterFailure, afterSuccess, lockoutRules } from './lockout';
import type { SignInThrottle, ThrottleVerdict } from './throttle-types';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Read-modify-write of one counter, atomically: concurrent attempts must not lose each other's
 * counts. SQLite runs transactions one at a time on its connection; PostgreSQL takes a lock on the key.
 */
async function updateCounter<T>(key: string, change: (db: Db) => Promise<T>): Promise<T> {
  const { db, engine } = await getDatabase();
  return db.transaction().execute(async (trx) => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${`throttle:${key}`}, 0))`.execute(trx);
    return change(trx);
  });
}

/** Counters live in the database so every server and the CLI see the same locks. */
async function readCounter(key: string, db?: Db): Promise<AccountCounter | undefined> {
  db ??= (await getDatabase()).db;
  const row = await db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  return {
    failures: row.failures,
    windowStart: Date.parse(row.window_start),
    lockedUntil: row.locked_until ? Date.parse(row.locked_until) : null,
    locks: row.locks,
  };
}

async function writeCounter(db: Db, key: string, counter: AccountCounter): Promise<void> {
  const values = {
    failures: counter.failures,
    window_start: new Date(counter.windowStart).toISOString(),
    locked_until: counter.lockedUntil ? new Date(counter.lockedUntil).toISOString() : null,
    locks: counter.locks,
  };
  await db
    .insertInto('auth_throttle')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ipHash: string) => `ip:${ipHash}`;

/** See SignInThrottle.admit. */
async function admitSignInAttempt(email: string, ipHash: string | null, now: number): Promise<ThrottleVerdict> {
  const account = accountLocked(await readCounter(accountKey(email)), now);
  if (account.locked) return { allowed: false, retryAfterSeconds: Math.ceil(account.retryAfterMs / 1000) };
  if (!ipHash) return { allowed: true };
  const key = ipKey(ipHash);
  return updateCounter(key, async (db): Promise<ThrottleVerdict> => {
    const counter = await readCounter(key, db);
    const inWindow = counter && now - counter.windowStart < lockoutRules.windowMs;
    const attempts = inWindow ? counter.failures + 1 : 1;
    const windowStart = inWindow ? counter.windowStart : now;
    if (attempts > lockoutRules.ipAttempts) {
      return { allowed: false, retryAfterSeconds: Math.ceil((windowStart + lockoutRules.windowMs - now) / 1000) };
    }
    await writeCounter(db, key, { failures: attempts, windowStart, lockedUntil: null, locks: 0 });
    return { allowed: true };
  });
}

/** See SignInThrottle.record. */
async function recordSignInResult(email: string, succeeded: boolean, now: number): Promise<void> {
  const key = accountKey(email);
  await updateCounter(key, async (db) => {
    const counter = await readCounter(key, db);
    await writeCounter(db, key, succeeded ? afterSuccess(counter, now) : afterFailure(counter, now));
  });
}

/** The sign-in counters in the database (`auth_throttle`), with the rules of ./lockout.ts: the default, nothing to start. */
export const databaseSignInThrottle: SignInThrottle = { admit: admitSignInAttempt, record: recordSignInResult };
