import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from './migrations';
import { testEngines, type TestDatabase } from './testing';

/** A bare connection to a test database, without the migrations openDatabase() runs. */
function bare(engine: 'sqlite' | 'postgres', url: string): Kysely<unknown> {
  if (engine === 'postgres') return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  return new Kysely({ dialect: new SqliteDialect({ database: new SqliteDatabase(url.replace(/^file:/, '')) }) });
}

describe.each(testEngines)('migrations on $name', ({ name, make }) => {
  let database: TestDatabase | undefined;
  let db: Kysely<unknown> | undefined;
  afterEach(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('005 keeps every editor as stored and starts each at session generation 0', async () => {
    database = await make();
    db = bare(name, database.url);
    await migrateTo(db, '004_idempotency_keys');
    const stored = [
      { id: 'signed-out', email: 'a@example.com', name: 'A', password_hash: 'scrypt$x', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', sessions_valid_after: '2026-11-30T12:00:05.000Z' },
      { id: 'never', email: 'b@example.com', name: 'B', password_hash: 'scrypt$y', created_at: '2026-01-02T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z', sessions_valid_after: null },
    ];
    await db.insertInto('editors' as never).values(stored as never).execute();

    await migrateToLatest(db);

    const rows = (await db.selectFrom('editors' as never).selectAll().orderBy('id' as never).execute()) as Record<string, unknown>[];
    expect(rows.map((row) => ({ ...row, session_generation: Number(row.session_generation) }))).toEqual(
      [...stored].sort((x, y) => x.id.localeCompare(y.id)).map((row) => ({ ...row, session_generation: 0 })),
    );
  });

  it('006 keeps every stored comment as it was, with no returning-commenter key, and starts with no commenter held', async () => {
    database = await make();
    db = bare(name, database.url);
    await migrateTo(db, '005_editor_session_generation');
    const stored = {
      id: 'old', article: 'story', parent_id: null, depth: 1, author_name: 'Ann', author_email: 'ann@example.com', author_url: null,
      body: 'Written before trust had to be earned.', status: 'approved', reason: null, is_editor: 0, ip_hash: null, ip_prefix: null,
      user_agent: null, content_hash: 'h-old', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
    };
    await db.insertInto('comments' as never).values(stored as never).execute();

    await migrateToLatest(db);

    const rows = (await db.selectFrom('comments' as never).selectAll().execute()) as Record<string, unknown>[];
    expect(rows.map((row) => ({ ...row, depth: Number(row.depth), is_editor: Number(row.is_editor) }))).toEqual([{ ...stored, commenter_hash: null }]);
    expect(await db.selectFrom('commenter_holds' as never).selectAll().execute()).toEqual([]);
  });
});
