/**
 * Replaces the configured store's contents (DATABASE_URL, or the SQLite file in DATA_DIR) with a backup made by
 * `npm run backup`, after checking the file. Stop the site first, start it afterwards. See docs/operations.md.
 *   npm run restore -- FILE
 */
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../lib/db/backup';
import { openDatabase } from '../lib/db/connect';

async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) throw new Error('usage: npm run restore -- FILE');
  const result = await restoreDatabase(positionals[0]!);
  // Bring a backup taken before a later release up to this release's schema.
  const handle = await openDatabase();
  await handle.close();
  console.log(`restore: ${result.file} → ${result.engine} store (${handle.location}); schema up to date. Start the site again.`);
}

main().catch((error: unknown) => {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exit(1);
});
