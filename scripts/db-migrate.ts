/** Creates the database (SQLite by default) and brings its schema up to date: run before a build and at start. */
import { openDatabase } from '../lib/db/connect';

async function main(): Promise<void> {
  const handle = await openDatabase();
  console.log(`database: ${handle.engine} at ${handle.location}: schema up to date`);
  await handle.close();
}

main().catch((error: unknown) => {
  console.error(`database: ${(error as Error).message}`);
  process.exit(1);
});
