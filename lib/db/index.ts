import { type DatabaseHandle, openDatabase } from './connect';

export type { DatabaseHandle } from './connect';

// One connection (SQLite) or pool (PostgreSQL) per process, even when Next bundles this module into several routes.
const holder = globalThis as typeof globalThis & { __eurasianStarDatabase?: Promise<DatabaseHandle> };

/** The process's database, opened (and migrated) on first use. */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__eurasianStarDatabase ??= openDatabase().catch((error: unknown) => {
    holder.__eurasianStarDatabase = undefined;
    throw error;
  });
  return holder.__eurasianStarDatabase;
}

/** Closes the process's database, if open (tests, CLI, shutdown). */
export async function closeDatabase(): Promise<void> {
  const handle = holder.__eurasianStarDatabase;
  holder.__eurasianStarDatabase = undefined;
  if (handle) await (await handle).close();
}
