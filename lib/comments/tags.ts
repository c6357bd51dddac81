/** Cache tags of what shows comments: one per article page, one for the counts in article lists. */
export const commentsTag = (slug: string) => `comments:${slug}`;
export const COMMENT_COUNTS_TAG = 'comment-counts';

/** Tags to refresh when an article's public comments change. */
export const tagsForArticle = (slug: string) => [commentsTag(slug), COMMENT_COUNTS_TAG];
