/**
 * Publishing inside the running server: the content folder is read and validated again, put in place for every
 * page rendered from then on, the search index is rebuilt from it, and every cached page, feed and sitemap is marked
 * stale so its next request renders it afresh (on every server, when the page cache is shared in Redis). One publish
 * at a time; a content problem changes nothing. What triggers one: `npm run publish` (POST /api/internal/publish), its
 * watch mode, a scheduled story's time arriving (clock.ts), or another server's publish (broadcast.ts).
 */
import path from 'node:path';
import { revalidatePath } from 'next/cache';
import { listPublishedArticles, replaceLibrary } from '../content';
import { ContentError } from '../content/errors';
import { loadContentNow } from '../content/reload';
import { log } from '../log';
import { replaceSearchIndex } from '../search/server';
import { invalidatePageCache } from '../server/page-cache.mjs';
import { loadRedirects } from '../server/redirects.mjs';
import { env } from '../env';
import { type ContentChanges, diffPublished } from '../content/diff';

export type PublishReason = 'command' | 'watch' | 'scheduled' | 'peer';

export type PublishReport =
  | { ok: true; reason: PublishReason; changes: ContentChanges; published: number; parsed: number; ms: number; cutoff: string }
  | { ok: false; reason: PublishReason; problems: string[] };

/** The tag Next gives every page and route of the app (the root layout's): marking it stale refreshes them all. */
const EVERY_PAGE_TAG = '_N_T_/layout';
/** Set by lib/cache/redis-cache-handler.mjs when the page cache is in Redis: records tags there now. */
const SHARED_CACHE = Symbol.for('eurasian-star.shared-next-cache');

const shared = globalThis as typeof globalThis & { __eurasianStarPublishing?: Promise<unknown> };

/** Publishes the content folder as it is now; publishes queue behind one another (shared by every server chunk). */
export function publishContent(reason: PublishReason): Promise<PublishReport> {
  const run = (shared.__eurasianStarPublishing ?? Promise.resolve()).then(() => publishNow(reason));
  shared.__eurasianStarPublishing = run.catch(() => undefined);
  return run;
}

async function publishNow(reason: PublishReason): Promise<PublishReport> {
  const started = performance.now();
  let loaded;
  try {
    loaded = loadContentNow();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    log.warn('publish refused: the content has problems; the site is unchanged', { reason, problems: error.problems.slice(0, 20), count: error.problems.length });
    return { ok: false, reason, problems: error.problems };
  }
  const before = listPublishedArticles();
  const cutoff = new Date();
  replaceLibrary(loaded.library, cutoff);
  // The redirect table is content too (an import writes it): the same publish puts it in force.
  loadRedirects(path.join(env().contentDir, 'redirects.json'));
  const published = listPublishedArticles();
  const changes = diffPublished(before, published);
  replaceSearchIndex(before, published, changes, loaded.texts);
  await refreshEveryPage();
  const ms = Math.round(performance.now() - started);
  log.info('content published', { reason, ...counts(changes), published: published.length, parsed: loaded.parsed, ms });
  return { ok: true, reason, changes, published: published.length, parsed: loaded.parsed, ms, cutoff: cutoff.toISOString() };
}

/** Every cached page, list, feed, sitemap and card renders afresh on its next request, here and on every server sharing the cache. */
async function refreshEveryPage(): Promise<void> {
  revalidatePath('/', 'layout');
  invalidatePageCache();
  await (globalThis as { [SHARED_CACHE]?: { revalidateNow(tags: string[]): Promise<void> } })[SHARED_CACHE]?.revalidateNow([EVERY_PAGE_TAG]);
}

const counts = (changes: ContentChanges) => ({ added: changes.added.length, changed: changes.changed.length, withdrawn: changes.withdrawn.length });
