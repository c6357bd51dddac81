/**
 * `npm run publish`: puts the content folder live on the running site, without a build or a restart.
 * The site (SITE_ORIGIN, default http://127.0.0.1:$PORT) validates everything as `npm run check-content` does; on any
 * problem this prints `file: field: reason` lines, exits 1 and the site changes nothing. Otherwise it prints what changed. `--watch` does the same whenever a file under content/ or public/images/ changes (debounced).
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
const siteOrigin = () => env().siteOrigin;
const stamp = () => new Date().toISOString();
const list = (mark: string, slugs: string[]) => slugs.map((slug) => `  ${mark} /articles/${slug}`);

/** Prints content problems as `file: field: reason` lines, with the all-or-nothing verdict. */
function printProblems(problems: string[], where: string): void {
  for (const problem of problems) console.error(problem);
  console.error(`${stamp()} publish: ${where} ${problems.length} problem${problems.length === 1 ? '' : 's'} in the content; nothing was published, the site is unchanged`);
}

/**
 * One publish: 0 when live, 1 for content problems (nothing changed), 2 when the site could not be told. The site
 * validates the files itself, all or nothing, with the same code as check-content; when it cannot be reached they are
 * validated here, so the problems are still shown.
 */
async function publishOnce(reason: PublishReason): Promise<number> {
  const started = performance.now();
  const result = await requestPublish(siteOrigin(), reason);
  if (!result.reached) {
    try {
      loadContentNow();
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      printProblems(error.problems, 'found');
      return 1;
    }
    console.error(`${stamp()} publish: the content is valid, but the site at ${siteOrigin()} did not answer (${result.error}); nothing was published. Is it running? Set SITE_ORIGIN to its address.`);
    return 2;
  }
  const { report } = result;
  if (!report.ok) {
    printProblems(report.problems, 'the site found');
    return 1;
  }
  const { added, changed, withdrawn } = report.changes;
  const total = Math.round(performance.now() - started);
  console.log(
    `${stamp()} publish: ${added.length} added, ${changed.length} changed, ${withdrawn.length} withdrawn; ${report.published} public articles; ` +
      `every page, list, feed, sitemap and the search index refreshed; ${total} ms (the site's part ${report.ms} ms, ${report.parsed} file${report.parsed === 1 ? '' : 's'} parsed)`,
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
