/**
 * Backup and restore of the configured store (docs/operations.md):
 * SQLite with SQLite's online backup API (better-sqlite3 `db.backup()`), safe while the site serves and writes;
 * PostgreSQL with pg_dump / pg_restore (custom format). Backups hold emails and password hashes: files are mode 0600.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { resolveDatabaseUrl, SQLITE_BUSY_TIMEOUT_MS, type Engine } from './connect';

export interface BackupResult {
  engine: Engine;
  file: string;
  bytes: number;
}

/** Copies the store at `url` (DATABASE_URL by default) into `outFile`, written atomically (temp file, then rename). */
export async function backupDatabase(outFile: string, url?: string): Promise<BackupResult> {
  const { engine, target } = resolveDatabaseUrl(url);
  const out = path.resolve(outFile);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  const partial = `${out}.partial-${process.pid}`;
  try {
    if (engine === 'sqlite') await backupSqlite(target, partial);
    else await backupPostgres(target, partial);
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, out);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${partial}${suffix}`, { force: true });
  }
  return { engine, file: out, bytes: fs.statSync(out).size };
}

/** Replaces the contents of the store at `url` (DATABASE_URL by default) with the backup in `inFile`, after checking it. */
export async function restoreDatabase(inFile: string, url?: string): Promise<{ engine: Engine; file: string }> {
  const { engine, target } = resolveDatabaseUrl(url);
  const file = path.resolve(inFile);
  if (!fs.existsSync(file)) throw new Error(`no backup file at ${file}`);
  if (engine === 'sqlite') await restoreSqlite(file, target);
  else await restorePostgres(file, target);
  return { engine, file };
}

async function backupSqlite(dbFile: string, out: string): Promise<void> {
  if (!fs.existsSync(dbFile)) throw new Error(`no SQLite database at ${dbFile}`);
  const source = new SqliteDatabase(dbFile, { fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    // A write from another connection restarts an online backup; after the first 100 pages the rest
    // goes in one step, which holds a read snapshot (WAL: writers carry on) and cannot be restarted.
    await source.backup(out, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  // The copy inherits WAL mode from the live file; a backup is one self-contained file, so switch it back.
  const copy = new SqliteDatabase(out, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  checkSqliteFile(out);
}

async function restoreSqlite(backupFile: string, dbFile: string): Promise<void> {
  checkSqliteFile(backupFile);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
  const backup = new SqliteDatabase(backupFile, { readonly: true, fileMustExist: true });
  try {
    // The backup API again, in the other direction: it writes through SQLite's own locking and journal
    // (the live file's WAL included), so the database is never a half-copied file.
    await backup.backup(dbFile);
  } finally {
    backup.close();
  }
  checkSqliteFile(dbFile);
}

/** A SQLite file that passes integrity_check and has the site's schema; throws otherwise. */
function checkSqliteFile(file: string): void {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(integrity)}`);
    db.prepare('select count(*) from comments').get();
  } catch (error) {
    throw new Error(`${file} is not a usable Eurasian Star database: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
}

/** The URL without its password, and the password for PGPASSWORD: a password on a command line is visible to every user in `ps`. */
function postgresConnection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = '';
  }
  return { url: parsed.toString(), env };
}

async function backupPostgres(url: string, out: string): Promise<void> {
  const connection = postgresConnection(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${connection.url}`], connection.env);
  await run('pg_restore', ['--list', out], connection.env); // a dump pg_restore cannot read is no backup
}

async function restorePostgres(file: string, url: string): Promise<void> {
  const connection = postgresConnection(url);
  await run('pg_restore', ['--list', file], connection.env);
  await run(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${connection.url}`, file],
    connection.env,
  );
}

/** Runs a PostgreSQL client tool; rejects with its stderr (never its arguments, which name the database) when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${command} is not installed: on Debian, apt-get install postgresql-client`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`))));
  });
}
