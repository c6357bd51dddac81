import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { env } from '../env';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { log } from '../log';

export type Engine = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, for log lines: a file path or a PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

/** Milliseconds a SQLite writer waits for another writer before giving up with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Which engine and where, from DATABASE_URL: PostgreSQL for postgres:// URLs, otherwise a SQLite file (DATA_DIR/eurasian-star.db by default). */
export function resolveDatabaseUrl(url: string | undefined = env().DATABASE_URL): { engine: Engine; target: string } {
  if (!url) return { engine: 'sqlite', target: path.join(env().dataDir, 'eurasian-star.db') };
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', target: url };
  const file = url.replace(/^(file|sqlite):(\/\/)?/, '');
  return { engine: 'sqlite', target: path.resolve(/*turbopackIgnore: true*/ process.cwd(), file) };
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(url?: string): Promise<DatabaseHandle> {
  const { engine, target } = resolveDatabaseUrl(url);
  const handle = engine === 'postgres' ? openPostgres(target) : openSqlite(target);
  await migrateToLatest(handle.db as Kysely<unknown>);
  return handle;
}

function openSqlite(file: string): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SqliteDatabase(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() };
}

function openPostgres(url: string): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'eurasian-star',
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', (error) => log.error('PostgreSQL pool error', { error }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', location: url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'), close: () => db.destroy() };
}
