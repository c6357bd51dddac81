/**
 * npm run import:wordpress -- <export.xml> [--uploads <wp-content/uploads>] [--dry-run] [--overwrite]
 * Imports a WordPress WXR export into CONTENT_DIR, public/images/wp and the comment store (DATABASE_URL), and prints
 * the report. Exit codes: 0 done, 1 the export is not a usable WXR file (nothing written), 2 usage, 3 another failure.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../lib/env';
import { WxrError } from '../lib/import/wordpress/parse';
import { formatReport } from '../lib/import/wordpress/report';
import { importWordpress } from '../lib/import/wordpress/run';

const usage = 'usage: npm run import:wordpress -- <export.xml> [--uploads <folder>] [--dry-run] [--overwrite]';
let args;
try {
  args = parseArgs({ allowPositionals: true, options: { uploads: { type: 'string' }, 'dry-run': { type: 'boolean' }, overwrite: { type: 'boolean' }, help: { type: 'boolean' } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.values.help || args.positionals.length !== 1) {
  console.error(usage);
  process.exit(args.values.help ? 0 : 2);
}

async function main(): Promise<void> {
  const report = await importWordpress({
    file: args!.positionals[0]!,
    contentDir: env().contentDir,
    publicDir: env().publicDir,
    uploadsDir: args!.values.uploads ? path.resolve(args!.values.uploads) : undefined,
    dryRun: args!.values['dry-run'],
    overwrite: args!.values.overwrite,
  });
  console.log(formatReport(report));
  if (!report.dryRun) console.log('next: npm run check-content, then npm run publish (or a build) to put it live');
}

main().catch((error: unknown) => {
  if (error instanceof WxrError) {
    console.error(`import refused, nothing written: ${error.message}`);
    process.exit(1);
  }
  console.error('import failed, nothing written:', error);
  process.exit(3);
});
