/**
 * `npm run publish`: puts the content folder live on the running site, without a build or a restart.
 * Validates everything as `npm run check-content` does; on any problem prints `file: field: reason` lines, exits 1
 * and the site changes nothing. Otherwise asks the site (SITE_ORIGIN, default http://127.0.0.1:$PORT) to publish and
 * prints what changed. `--watch` does the same whenever a file under content/ or public/images/ changes (debounced).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError } from '../lib/content/errors';
import { loadContentNow } from '../lib/content/reload';
import { env } from '../lib/env';
import type { PublishReason } from '../lib/publish/publisher';
import { requestPublish } from '../lib/publish/trigger';

const DEBOUNCE_MS = 1000;
const siteOrigin = () => process.env.SITE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const stamp = () => new Date().toISOString();
const list = (mark: string, slugs: string[]) => slugs.map((slug) => `  ${mark} /articles/${slug}`);

/** One publish: 0 when live, 1 for content problems (nothing changed), 2 when the site could not be told. */
async function publishOnce(reason: PublishReason): Promise<number> {
  const started = performance.now();
  try {
    loadContentNow();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    for (const problem of error.problems) console.error(problem);
    console.error(`${stamp()} publish: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in the content; nothing was published, the site is unchanged`);
    return 1;
  }
  const result = await requestPublish(siteOrigin(), reason);
  if (!result.reached) {
    console.error(`${stamp()} publish: the content is valid, but the site at ${siteOrigin()} did not answer (${result.error}); nothing was published. Is it running? Set SITE_ORIGIN to its address.`);
    return 2;
  }
  const { report } = result;
  if (!report.ok) {
    // The files changed between this check and the server's own: it found them invalid and kept what it had.
    for (const problem of report.problems) console.error(problem);
    console.error(`${stamp()} publish: the site found ${report.problems.length} problem(s) in the content; nothing was published, the site is unchanged`);
    return 1;
  }
  const { added, changed, withdrawn } = report.changes;
  const total = Math.round(performance.now() - started);
  console.log(
    `${stamp()} publish: ${added.length} added, ${changed.length} changed, ${withdrawn.length} withdrawn; ${report.published} public articles; ` +
      `every page, list, feed, sitemap and the search index refreshed; ${total} ms (the site's part ${report.ms} ms)`,
  );
  for (const line of [...list('+', added), ...list('~', changed), ...list('-', withdrawn)]) console.log(line);
  return 0;
}

/** Publishes after every burst of file changes, one publish at a time, until stopped. */
function watch(): void {
  const folders = [env().contentDir, path.join(env().publicDir, 'images')].filter((folder) => fs.existsSync(folder));
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await publishOnce('watch');
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  for (const folder of folders) {
    fs.watch(folder, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), DEBOUNCE_MS);
    });
  }
  console.log(`${stamp()} publish: watching ${folders.map((f) => path.relative(process.cwd(), f) || f).join(' and ')}; publishing to ${siteOrigin()} ${DEBOUNCE_MS} ms after each change`);
}

const { values } = parseArgs({ options: { watch: { type: 'boolean', default: false } }, allowPositionals: false });
if (values.watch) watch();
else
  publishOnce('command').then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`publish: ${(error as Error).stack ?? error}`);
      process.exit(2);
    },
  );
