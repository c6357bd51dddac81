/** The one place tests and benchmarks make a database: a throw-away one on each engine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from './connect';

export interface TestDatabase {
  url: string;
  open(): Promise<DatabaseHandle>;
  /** Empties the store completely: the SQLite file and its journal are deleted; the PostgreSQL database is dropped and created again. */
  wipe(): Promise<void>;
  drop(): Promise<void>;
}

/** Runs statements on the server's maintenance database. */
async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A new SQLite file in a temp folder. */
export function sqliteTestDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-db-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  return {
    url,
    open: () => openDatabase(url),
    wipe: async () => ['', '-wal', '-shm'].forEach((suffix) => fs.rmSync(`${file}${suffix}`, { force: true })),
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new, empty PostgreSQL database on the server TEST_DATABASE_URL points at; dropped afterwards. */
export async function postgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `es_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openDatabase(url.toString()),
    wipe: () => onServer(serverUrl, `drop database ${name} with (force)`, `create database ${name}`),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

/** The engines to test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngines: { name: 'sqlite' | 'postgres'; make: () => Promise<TestDatabase> }[] = [
  { name: 'sqlite', make: async () => sqliteTestDatabase() },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, make: () => postgresTestDatabase(process.env.TEST_DATABASE_URL!) }] : []),
];
