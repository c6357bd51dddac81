/** What only the SQLite engine has to get right: another process's lock, and errors that end the transaction themselves. */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/connect';
import { sqliteTestDatabase, type TestDatabase } from '../../db/testing';
import { createCommentStore } from './kysely-store';
import type { CommentStore, NewCommentRow } from './types';

let seq = 0;
function row(body = 'A comment'): NewCommentRow {
  seq += 1;
  const now = new Date().toISOString();
  return {
    id: `s${seq}`,
    article: 'story',
    parent_id: null,
    depth: 1,
    author_name: 'Ann',
    author_email: 'ann@example.com',
    author_url: null,
    body: `${body} ${seq}`,
    status: 'pending',
    reason: null,
    ip_hash: null,
    ip_prefix: null,
    user_agent: null,
    content_hash: `sqlite-${seq}`,
    created_at: now,
    updated_at: now,
  };
}

describe('SQLite comment store', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let store: CommentStore;
  const file = () => database.url.replace(/^file:/, '');
  const count = async () => (await handle.db.selectFrom('comments').select('id').execute()).length;

  beforeAll(async () => {
    database = sqliteTestDatabase();
    handle = await database.open();
    store = createCommentStore(handle);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('waits for another process’s write lock without stalling the event loop, then writes', async () => {
    const other = new Database(file());
    other.exec('begin exclusive');
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    setTimeout(() => other.exec('rollback'), 400);
    try {
      expect(await store.insert(row(), null, new Date().toISOString())).toEqual({ ok: true });
    } finally {
      clearInterval(ticker);
      other.close();
    }
    // A synchronous busy wait would have let no timer run until the lock was gone.
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('gives up with SQLITE_BUSY after the busy timeout, writing nothing', { timeout: 15_000 }, async () => {
    const before = await count();
    const other = new Database(file());
    other.exec('begin exclusive');
    try {
      await expect(store.insert(row(), null, new Date().toISOString())).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect(await count()).toBe(before);
    expect(await store.insert(row(), null, new Date().toISOString())).toEqual({ ok: true });
  });

  it('reports SQLITE_FULL, not a failed rollback, when the database is full, and writes again once there is room', async () => {
    const before = await count();
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(handle.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(handle.db);
    try {
      await expect(store.insert(row('x'.repeat(200_000)), null, new Date().toISOString())).rejects.toMatchObject({ code: 'SQLITE_FULL' });
      expect(await count()).toBe(before);
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(handle.db);
    }
    expect(await store.insert(row(), null, new Date().toISOString())).toEqual({ ok: true });
  });
});
