import { type Kysely, sql, type Transaction } from 'kysely';
import { type DatabaseHandle, type Engine, SQLITE_BUSY_TIMEOUT_MS } from '../../db/connect';
import type { Database } from '../../db/schema';
import { log } from '../../log';
import { COMMENT_STATUSES, type CommentStatus } from '../types';
import type {
  AuditRow,
  CommenterHoldRow,
  CommenterStanding,
  CommentRow,
  CommentStore,
  FlashRow,
  FloodRule,
  IdempotencyClaim,
  IdempotencyRow,
  InsertResult,
  ListQuery,
  NewCommentRow,
  StandingQuery,
} from './types';

type Writer = Kysely<Database> | Transaction<Database>;

/** Whether an error is a unique-constraint violation, in either engine's words. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * The comment store over Kysely. The engines differ only in how a write takes its lock:
 * SQLite with BEGIN IMMEDIATE (one writer at a time, across processes), PostgreSQL with a
 * transaction-scoped advisory lock per IP address.
 */
abstract class KyselyCommentStore implements CommentStore {
  abstract readonly engine: Engine;

  constructor(protected readonly handle: DatabaseHandle) {}

  protected get db(): Kysely<Database> {
    return this.handle.db;
  }

  /** Runs `work` in a write transaction that holds the locks for `lockKeys`. */
  protected abstract writeTransaction<T>(lockKeys: string[], work: (trx: Writer) => Promise<T>): Promise<T>;

  async insert(row: NewCommentRow, flood: FloodRule | null, now: string, idempotency: IdempotencyClaim | null = null, alsoDuplicateOf: string[] = []): Promise<InsertResult> {
    const lockKeys = [flood?.ipHash ?? row.id, ...(idempotency ? [`idempotency:${idempotency.key}`] : [])];
    // A point taken from an outside flood counter, to give back if the comment is not stored after all.
    let giveBack = undefined as (() => Promise<void>) | undefined;
    try {
      return await this.writeTransaction(lockKeys, async (trx): Promise<InsertResult> => {
        if (idempotency) {
          const stored = await trx.selectFrom('idempotency_keys').selectAll().where('key', '=', idempotency.key).executeTakeFirst();
          if (stored && stored.created_at >= idempotency.validSince) return answerFor(stored, idempotency);
          // An expired key is free again.
          if (stored) await trx.deleteFrom('idempotency_keys').where('key', '=', idempotency.key).execute();
        }
        const duplicate = await trx.selectFrom('comments').select('id').where('content_hash', 'in', [row.content_hash, ...alsoDuplicateOf]).executeTakeFirst();
        if (duplicate) return { ok: false, reason: 'duplicate' };
        if (flood && 'take' in flood) {
          // Asked here, after the key and duplicate checks and under their locks, so that a replay, a
          // duplicate or a refusal above never costs the reader a point, and a retry racing in with the
          // same key waits for this transaction and is answered from its record.
          const taken = await flood.take();
          if (!taken.ok) return { ok: false, reason: 'flood', retryAfterSeconds: taken.retryAfterSeconds };
          giveBack = taken.giveBack;
        } else if (flood) {
          const recent = await trx
            .selectFrom('comments')
            .select(['created_at'])
            .where('ip_hash', '=', flood.ipHash)
            .where('created_at', '>', flood.windowSince)
            .orderBy('created_at', 'desc')
            .execute();
          const last = recent[0]?.created_at;
          if (last && last > flood.intervalSince) {
            return { ok: false, reason: 'flood', retryAfterSeconds: secondsBetween(flood.intervalSince, last) };
          }
          if (recent.length >= flood.maxInWindow) {
            const oldestCounted = recent[flood.maxInWindow - 1]!.created_at;
            return { ok: false, reason: 'flood', retryAfterSeconds: secondsBetween(flood.windowSince, oldestCounted) };
          }
        }
        await trx.insertInto('comments').values({ ...row, created_at: row.created_at ?? now, updated_at: now }).execute();
        if (idempotency) {
          await trx
            .insertInto('idempotency_keys')
            .values({ key: idempotency.key, fingerprint: idempotency.fingerprint, comment_id: row.id, article: row.article, result: idempotency.result, created_at: now })
            .execute();
        }
        return { ok: true };
      });
    } catch (error) {
      // Not stored (the write or the commit failed): the counter must not keep the point.
      await giveBack?.().catch((failure: unknown) => log.warn('flood counter: giving back a point failed', { error: failure }));
      if (!isUniqueViolation(error)) throw error;
      // The same key racing in (a lock-hash collision on PostgreSQL): the stored record decides.
      const stored = idempotency ? await this.getIdempotencyRecord(idempotency.key, idempotency.validSince) : undefined;
      if (stored && idempotency) return answerFor(stored, idempotency);
      // Two identical comments racing from different addresses: the unique index decides.
      return { ok: false, reason: 'duplicate' };
    }
  }

  getIdempotencyRecord(key: string, validSince: string): Promise<IdempotencyRow | undefined> {
    return this.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).where('created_at', '>=', validSince).executeTakeFirst();
  }

  async purgeIdempotencyKeys(before: string): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  get(id: string): Promise<CommentRow | undefined> {
    return this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listForArticle(article: string, status: CommentStatus): Promise<CommentRow[]> {
    return this.db
      .selectFrom('comments')
      .selectAll()
      .where('article', '=', article)
      .where('status', '=', status)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }

  list({ status, article, limit = 50, offset = 0 }: ListQuery): Promise<CommentRow[]> {
    let query = this.db.selectFrom('comments').selectAll();
    if (status) query = query.where('status', '=', status);
    if (article) query = query.where('article', '=', article);
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async countByStatus(): Promise<Record<CommentStatus, number>> {
    const rows = await this.db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('status')
      .execute();
    const counts = Object.fromEntries(COMMENT_STATUSES.map((s) => [s, 0])) as Record<CommentStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  async countApprovedByArticle(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('comments')
      .select(['article', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('status', '=', 'approved')
      .groupBy('article')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.article, Number(row.n)]));
  }

  async commenterStanding({ commenterHash, email, rejectedSince }: StandingQuery): Promise<CommenterStanding> {
    const held = await this.db.selectFrom('commenter_holds').select('email').where('email', '=', email).executeTakeFirst();
    if (!commenterHash) return { approved: 0, rejected: 0, alwaysHold: held !== undefined };
    const count = (n: { n: string | number } | undefined) => Number(n?.n ?? 0);
    const approved = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('commenter_hash', '=', commenterHash)
      .where('author_email', '=', email)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    const rejected = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('commenter_hash', '=', commenterHash)
      .where('status', 'in', ['spam', 'trash'])
      .where('created_at', '>=', rejectedSince)
      .executeTakeFirst();
    return { approved: count(approved), rejected: count(rejected), alwaysHold: held !== undefined };
  }

  async setAlwaysHold(email: string, hold: boolean, actor: string, now: string): Promise<boolean> {
    if (!hold) return Number((await this.db.deleteFrom('commenter_holds').where('email', '=', email).executeTakeFirst()).numDeletedRows) > 0;
    const result = await this.db
      .insertInto('commenter_holds')
      .values({ email, actor, created_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  listAlwaysHeld(): Promise<CommenterHoldRow[]> {
    return this.db.selectFrom('commenter_holds').selectAll().orderBy('created_at', 'desc').orderBy('email', 'asc').execute();
  }

  async setStatus(id: string, status: CommentStatus, now: string): Promise<CommentRow | undefined> {
    await this.db.updateTable('comments').set({ status, updated_at: now }).where('id', '=', id).execute();
    return this.get(id);
  }

  async updateBody(id: string, body: string, contentHash: string, now: string): Promise<CommentRow | undefined> {
    await this.db.updateTable('comments').set({ body, content_hash: contentHash, updated_at: now }).where('id', '=', id).execute();
    return this.get(id);
  }

  async deleteForever(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('comments').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async appendAudit(entry: AuditRow): Promise<void> {
    await this.db.insertInto('audit_log').values(entry).execute();
  }

  listAudit(limit: number): Promise<AuditRow[]> {
    return this.db.selectFrom('audit_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async forgetIpsBefore(before: string): Promise<number> {
    const result = await this.db
      .updateTable('comments')
      .set({ ip_hash: null, ip_prefix: null, user_agent: null })
      .where('created_at', '<', before)
      .where((eb) => eb.or([eb('ip_hash', 'is not', null), eb('ip_prefix', 'is not', null), eb('user_agent', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  getFlash(id: string): Promise<FlashRow | undefined> {
    return this.db.selectFrom('comment_flash').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async purgeFlashes(before: string): Promise<number> {
    const result = await this.db.deleteFrom('comment_flash').where('created_at', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** A stored key's answer: the original comment for the same request, a refusal for another. */
function answerFor(stored: IdempotencyRow, claim: IdempotencyClaim): InsertResult {
  return stored.fingerprint === claim.fingerprint ? { ok: false, reason: 'replay', record: stored } : { ok: false, reason: 'key_reused' };
}

function secondsBetween(fromIso: string, toIso: string): number {
  return Math.max(1, Math.ceil((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
}

/**
 * SQLite: BEGIN IMMEDIATE takes the write lock up front, so a check-then-insert cannot interleave.
 * better-sqlite3 is synchronous, so its busy handler would stall the whole process — every page,
 * feed and image — while another process holds the lock. The lock is therefore asked for without
 * waiting and asked again on a timer, for up to SQLITE_BUSY_TIMEOUT_MS; then SQLITE_BUSY (a 503).
 */
export class SqliteCommentStore extends KyselyCommentStore {
  readonly engine = 'sqlite' as const;

  protected async writeTransaction<T>(_lockKeys: string[], work: (trx: Writer) => Promise<T>): Promise<T> {
    const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.db.connection().execute(async (conn) => {
        if (!(await beginImmediateNow(conn))) return undefined;
        try {
          const result = await work(conn);
          await sql`commit`.execute(conn);
          return { result };
        } catch (error) {
          // SQLITE_FULL, IOERR and the like roll the transaction back themselves: keep their error, not "no transaction is active".
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw error;
        }
      });
      if (outcome) return outcome.result;
      if (Date.now() >= deadline) throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random() / 2)));
    }
  }
}

/** BEGIN IMMEDIATE without the busy handler: false at once when another connection holds the write lock. */
async function beginImmediateNow(conn: Kysely<Database>): Promise<boolean> {
  await sql.raw('pragma busy_timeout = 0').execute(conn);
  try {
    await sql`begin immediate`.execute(conn);
    return true;
  } catch (error) {
    if (String((error as { code?: string }).code).startsWith('SQLITE_BUSY')) return false;
    throw error;
  } finally {
    await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(conn);
  }
}

/** PostgreSQL: transaction-scoped advisory locks serialise writes that share a key (one IP address, one Idempotency-Key). */
export class PostgresCommentStore extends KyselyCommentStore {
  readonly engine = 'postgres' as const;

  protected writeTransaction<T>(lockKeys: string[], work: (trx: Writer) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      // Always in the same order, so two transactions never wait for each other's second lock.
      for (const key of [...lockKeys].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      return work(trx);
    });
  }
}

/** The store for an open database handle. */
export function createCommentStore(handle: DatabaseHandle): CommentStore {
  return handle.engine === 'postgres' ? new PostgresCommentStore(handle) : new SqliteCommentStore(handle);
}
