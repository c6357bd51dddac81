/** Test helpers: a throw-away database on each engine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from './connect';

export interface TestDatabase {
  url: string;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/** A new SQLite file in a temp folder. */
export function sqliteTestDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-db-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  return { url, open: () => openDatabase(url), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A new, empty PostgreSQL database on the server TEST_DATABASE_URL points at; dropped afterwards. */
export async function postgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `es_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openDatabase(url.toString()),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** The engines to test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const testEngines: { name: 'sqlite' | 'postgres'; make: () => Promise<TestDatabase> }[] = [
  { name: 'sqlite', make: async () => sqliteTestDatabase() },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'postgres' as const, make: () => postgresTestDatabase(process.env.TEST_DATABASE_URL!) }] : []),
];
