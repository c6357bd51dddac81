import { revalidateTag } from 'next/cache';
import { invalidatePageCache } from '../server/page-cache.mjs';
import { tagsForArticle } from './tags';

/** Set by lib/cache/redis-cache-handler.mjs when Next loads it (REDIS_URL): records tags in Redis now. */
const SHARED_CACHE = Symbol.for('eurasian-star.shared-next-cache');
type SharedCache = { revalidateNow(tags: string[]): Promise<void> };

/** Inside the Next server: the article page and the lists are fresh on their next request, on every server. */
export function revalidateCommentViews(slug: string): Promise<void> {
  return revalidateTags(tagsForArticle(slug));
}

/**
 * Inside the Next server: refresh these tags now. Next hands them to its cache handler only after the
 * response has started (waitUntil); with the cache shared in Redis they are recorded there before
 * we answer too, so a reader's next request to any other server already sees the change.
 */
export async function revalidateTags(tags: string[]): Promise<void> {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  // The fast path's copies (server.mjs) go too: the next request of any page reaches Next, which renders it afresh.
  invalidatePageCache();
  await (globalThis as { [SHARED_CACHE]?: SharedCache })[SHARED_CACHE]?.revalidateNow(tags);
}
