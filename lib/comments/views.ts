/**
 * Comment data for pages, cached with tags so moderation refreshes exactly the pages it affects.
 * Entries also expire after an hour: a page whose refresh was missed (a CLI run while the site was
 * down) corrects itself, and the form token in the page's HTML stays recent. `npm run build`
 * empties this cache first, so a build always reads the database as it is.
 */
import 'server-only';
import { unstable_cache } from 'next/cache';
import { getCommentThread } from './service';
import { getCommentStore } from './store';
import { COMMENT_COUNTS_TAG, commentsTag } from './tags';

const REFRESH_SECONDS = 3600;

/** An article's approved comments as a tree; cached until that article's comments change. */
export function getCachedCommentThread(slug: string) {
  return unstable_cache(() => getCommentThread(slug), ['comment-thread', slug], { tags: [commentsTag(slug)], revalidate: REFRESH_SECONDS })();
}

/** Approved comments per article; cached until any comment is approved or withdrawn. */
export const getCachedCommentCounts = unstable_cache(async () => (await getCommentStore()).countApprovedByArticle(), ['comment-counts'], {
  tags: [COMMENT_COUNTS_TAG],
  revalidate: REFRESH_SECONDS,
});
