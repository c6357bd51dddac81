import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommentStore } from '../comments/store/kysely-store';
import type { NewCommentRow } from '../comments/store/types';
import { backupDatabase, restoreDatabase } from './backup';
import { openDatabase, resolveDatabaseUrl } from './connect';
import { type TestDatabase, testEngines } from './testing';

const STORED = 1500;
const T0 = Date.parse('2026-01-01T12:00:00.000Z');

function comment(id: string, n: number): NewCommentRow {
  const at = new Date(T0 + n * 1000).toISOString();
  return {
    id,
    article: `story-${n % 7}`,
    parent_id: null,
    depth: 1,
    author_name: `Reader ${n}`,
    author_email: `reader${n}@example.com`,
    author_url: null,
    // Long enough that the SQLite file spans a few hundred pages, so the online backup takes several steps.
    body: `Comment ${id}: ${'the pipeline crosses the steppe and the mountains '.repeat(12)}`,
    status: n % 3 === 0 ? 'pending' : 'approved',
    reason: null,
    ip_hash: null,
    ip_prefix: null,
    user_agent: null,
    content_hash: `hash-${id}`,
    created_at: at,
    updated_at: at,
  };
}

/** Every comment's id and body, as the store returns them. */
async function storedComments(url: string): Promise<Map<string, string>> {
  const handle = await openDatabase(url);
  try {
    const rows = await handle.db.selectFrom('comments').select(['id', 'body']).execute();
    return new Map(rows.map((r) => [r.id, r.body]));
  } finally {
    await handle.close();
  }
}

/**
 * Another connection that keeps writing comments until stopped, the way the running site would.
 * Returns how many it wrote, and how many of those landed while `during` was running.
 */
function startWriter(url: string): { stop(): Promise<number>; count(): number } {
  const { engine, target } = resolveDatabaseUrl(url);
  let written = 0;
  let running = true;
  if (engine === 'sqlite') {
    const db = new SqliteDatabase(target, { timeout: 5000 });
    const insert = db.prepare(
      `insert into comments (id, article, parent_id, depth, author_name, author_email, author_url, body, status, reason, is_editor, ip_hash, ip_prefix, user_agent, content_hash, created_at, updated_at)
       values (@id, @article, @parent_id, @depth, @author_name, @author_email, @author_url, @body, @status, @reason, 0, @ip_hash, @ip_prefix, @user_agent, @content_hash, @created_at, @updated_at)`,
    );
    const loop = new Promise<void>((resolve) => {
      const step = () => {
        if (!running) return resolve();
        insert.run(comment(`late-${written}`, STORED + written));
        written += 1;
        setImmediate(step);
      };
      setImmediate(step);
    });
    return { count: () => written, stop: async () => ((running = false), await loop, db.close(), written) };
  }
  const client = new pg.Client({ connectionString: target });
  const loop = (async () => {
    await client.connect();
    while (running) {
      const c = comment(`late-${written}`, STORED + written);
      await client.query(
        'insert into comments (id, article, depth, author_name, author_email, body, status, content_hash, created_at, updated_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)',
        [c.id, c.article, c.depth, c.author_name, c.author_email, c.body, c.status, c.content_hash, c.created_at, c.updated_at],
      );
      written += 1;
    }
    await client.end();
  })();
  return { count: () => written, stop: async () => ((running = false), await loop, written) };
}

describe.each(testEngines)('backup and restore: $name', ({ name, make }) => {
  let database: TestDatabase;
  let dir: string;
  const ids = Array.from({ length: STORED }, (_, i) => `c${i}`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-backup-'));
    database = await make();
    const handle = await database.open();
    const store = createCommentStore(handle);
    for (const [n, id] of ids.entries()) {
      const row = comment(id, n);
      expect(await store.insert(row, null, row.created_at)).toEqual({ ok: true });
    }
    await handle.close();
  }, 120_000);

  afterAll(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while another connection writes, and a wiped store restored from it has every comment', async () => {
    const out = path.join(dir, `${name}.backup`);
    const writer = startWriter(database.url);
    while (writer.count() < 5) await new Promise((resolve) => setImmediate(resolve));
    const before = writer.count();
    const result = await backupDatabase(out, database.url);
    const during = writer.count() - before;
    const written = await writer.stop();
    expect(during, 'the other connection wrote while the backup ran').toBeGreaterThan(0);
    expect(result).toMatchObject({ engine: name, file: out });
    expect(fs.statSync(out).mode & 0o777, 'a backup holds emails: owner-only').toBe(0o600);
    expect(fs.readdirSync(dir).sort(), 'one self-contained file, no leftovers').toEqual([path.basename(out)]);

    await database.wipe();
    const wiped = await storedComments(database.url); // opening migrates the empty store
    expect(wiped.size).toBe(0);

    await restoreDatabase(out, database.url);
    const restored = await storedComments(database.url);
    for (const [n, id] of ids.entries()) expect(restored.get(id), id).toBe(comment(id, n).body);
    // A consistent snapshot: the first k of the concurrent writes, no more than were made, none torn.
    const late = [...restored.keys()].filter((id) => id.startsWith('late-'));
    expect(late.length).toBeGreaterThanOrEqual(before);
    expect(late.length).toBeLessThanOrEqual(written);
    for (let i = 0; i < late.length; i++) expect(restored.has(`late-${i}`), `late-${i}`).toBe(true);
  }, 120_000);

  it('refuses a file that is not a backup and leaves the store as it was', async () => {
    const bogus = path.join(dir, 'bogus.backup');
    fs.writeFileSync(bogus, 'this is not a database dump\n'.repeat(100));
    const before = await storedComments(database.url);
    expect(before.size).toBeGreaterThanOrEqual(STORED);
    await expect(restoreDatabase(bogus, database.url)).rejects.toThrow(name === 'sqlite' ? /not a usable Eurasian Star database/ : /pg_restore failed/);
    expect(await storedComments(database.url)).toEqual(before);
  }, 60_000);

  it('says plainly when there is no backup file', async () => {
    await expect(restoreDatabase(path.join(dir, 'missing.backup'), database.url)).rejects.toThrow(/no backup file at/);
  });
});
