/**
 * Backs up the configured store (DATABASE_URL, or the SQLite file in DATA_DIR) while the site keeps serving.
 *   npm run backup -- [--out FILE]     default: backups/eurasian-star-<time>.(sqlite|dump)
 * See docs/operations.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../lib/db/backup';
import { resolveDatabaseUrl } from '../lib/db/connect';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const { engine } = resolveDatabaseUrl();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = values.out ?? path.join('backups', `eurasian-star-${stamp}.${engine === 'sqlite' ? 'sqlite' : 'dump'}`);
  const started = performance.now();
  const result = await backupDatabase(out);
  console.log(`backup: ${result.engine} → ${result.file} (${result.bytes} bytes, ${Math.round(performance.now() - started)} ms)`);
}

main().catch((error: unknown) => {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exit(1);
});
